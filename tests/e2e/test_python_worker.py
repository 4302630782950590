#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""End-to-end: the Python SDK (sdk/python) and examples/python-worker against a real `taskmilld --local`.

    test_python_worker.py <taskmilld binary> [grpc]   (CTest: e2e.PythonWorker, and with `grpc`
                                                       e2e.PythonGrpcWorker; TASKMILL_SOURCE_DIR names the tree)

With `grpc` the same tests run over the SDK's gRPC transport (Worker.use_grpc, Debian's python3-grpcio): taskmilld
also serves gRPC on a free port and every worker takes its tasks over one WorkerService.Work stream, while the
driver keeps using REST, so each test also checks that both views agree.

TASKMILL_E2E_KEEP=1 keeps the temp dir (logs of taskmilld and every worker); on failure the logs' ends are printed.

Stage 1 (this interpreter) makes a private temp dir, a venv with the SDK installed offline (as a user would:
--no-index --no-build-isolation, from a copy so the source tree gets no build/ or egg-info), then runs stage 2
under the venv's interpreter and, in a finally block, stops by PID whatever stage 2 left running. Stage 2 starts
taskmilld and the example workers as subprocesses and drives them with taskmill.Client. The tests run in name
order and share one server; the workers change hands as the shutdown tests go:
  A (concurrency 1, lease 2 s) serves tests 1-6, is frozen (SIGSTOP) in test 7 so its lease is lost;
  B (concurrency 2, grace 3 s) takes over in test 7 and is sent SIGTERM mid-task in test 8; C finishes test 8,
  outlives a server restart in test 9 and stops on SIGINT at the end.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import e2e_support

STAGE_ENV = "TASKMILL_E2E_DIR"
TRANSPORT_ENV = "TASKMILL_E2E_TRANSPORT"
START_TIMEOUT_S = 90
TASK_TIMEOUT_S = 30


# ---- stage 1: venv and clean-up ---------------------------------------------------------------------------

def stage1(taskmilld: str, source: str, transport: str) -> int:
    if sys.version_info < (3, 11):
        sys.exit(f"the SDK needs Python 3.11 or newer; {sys.executable} is {sys.version.split()[0]}")
    # Offline installs need the build backend beside the interpreter (setuptools before 70.1 needs wheel too).
    missing = [m for m in ("venv", "setuptools", "wheel") if importlib.util.find_spec(m) is None]
    if missing:
        sys.exit(f"{sys.executable} lacks {', '.join(missing)}: apt install python3-venv python3-setuptools "
                 f"python3-wheel (scripts/deps)")
    if transport == "grpc" and not all(importlib.util.find_spec(m) for m in ("grpc", "google.protobuf")):
        sys.exit(f"{sys.executable} lacks grpc or google.protobuf: apt install python3-grpcio python3-protobuf "
                 f"(scripts/deps)")
    tmp = tempfile.mkdtemp(prefix="tm-pyworker-")
    # taskmilld may run its private PostgreSQL as another account (as root: postgres), which must reach the dir.
    os.chmod(tmp, 0o755)
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONDONTWRITEBYTECODE="1", PIP_NO_INPUT="1")
    status = 1
    try:
        venv = os.path.join(tmp, "venv")
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True, env=env)
        sdk = os.path.join(tmp, "sdk-python")
        shutil.copytree(os.path.join(source, "sdk", "python"), sdk,
                        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        python = os.path.join(venv, "bin", "python")
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-index", "--no-build-isolation", sdk],
                       check=True, env=env, cwd=tmp)
        env.update({STAGE_ENV: tmp, "TASKMILLD_BIN": taskmilld, "TASKMILL_SOURCE_DIR": source,
                    TRANSPORT_ENV: transport})
        status = subprocess.run([python, os.path.abspath(__file__)], env=env, timeout=270).returncode
    finally:
        stop_recorded(os.path.join(tmp, "pids"))
        if status != 0:
            for name in sorted(n for n in os.listdir(tmp) if n.endswith(".log")):
                with open(os.path.join(tmp, name), encoding="utf-8", errors="replace") as f:
                    print(f"--- {name} (end) ---\n{f.read()[-8000:]}", file=sys.stderr)
        if os.environ.get("TASKMILL_E2E_KEEP") == "1":
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return status


def stop_recorded(pid_file: str) -> None:
    """Stops the processes stage 2 recorded and did not see exit (a timed-out stage 2 leaves them running)."""
    try:
        with open(pid_file, encoding="utf-8") as f:
            pids = [int(line) for line in f if line.strip()]
    except FileNotFoundError:
        return
    for pid in reversed(pids):  # workers first, the server last
        for sig, wait_s in ((signal.SIGCONT, 0), (signal.SIGTERM, 20), (signal.SIGKILL, 5)):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait_s
            while time.monotonic() < deadline and alive(pid):
                time.sleep(0.1)
            if not alive(pid):
                break


def alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass  # not our child (stage 2's): only kill(0) can tell
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


# ---- stage 2: the tests -----------------------------------------------------------------------------------

TMP = os.environ.get(STAGE_ENV, "")
SOURCE = os.environ.get("TASKMILL_SOURCE_DIR", "")
EXAMPLE = os.path.join(SOURCE, "examples", "python-worker", "worker.py")
GRPC = os.environ.get(TRANSPORT_ENV) == "grpc"


class Stack:
    """The processes of stage 2, recorded in TMP/pids as they start so that stage 1 can stop them whatever
    happens here."""

    def __init__(self) -> None:
        self.url = ""
        self.grpc = ""  # host:port of the gRPC listener (GRPC runs only)
        self.server: subprocess.Popen | None = None
        self.workers: dict[str, subprocess.Popen] = {}

    def spawn(self, args: list[str], log_name: str) -> subprocess.Popen:
        log = open(os.path.join(TMP, log_name), "ab")
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        with open(os.path.join(TMP, "pids"), "a", encoding="utf-8") as f:
            f.write(f"{process.pid}\n")
        return process

    def start_server(self) -> None:
        """Starts taskmilld on a free port, or again on the same port and data when it ran before."""
        if not self.url:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                self.url = f"http://127.0.0.1:{probe.getsockname()[1]}"
        if GRPC and not self.grpc:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                self.grpc = f"127.0.0.1:{probe.getsockname()[1]}"
        data = os.path.join(TMP, "data")
        os.makedirs(data, 0o755, exist_ok=True)
        grpc_args = ["--set", f"grpc.listen={self.grpc}"] if self.grpc else []
        self.server = self.spawn([os.environ["TASKMILLD_BIN"], "--local", "--data-dir", data,
                                  "-a", self.url.removeprefix("http://"), *grpc_args], "taskmilld.log")
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.server.poll() is not None:
                raise RuntimeError(f"taskmilld exited with {self.server.returncode}:\n{read_log('taskmilld.log')}")
            try:
                with urllib.request.urlopen(self.url + "/ready", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass  # not listening yet, or 503 while PostgreSQL/Redis start
            if time.monotonic() > deadline:
                raise RuntimeError(f"taskmilld not ready after {START_TIMEOUT_S} s:\n{read_log('taskmilld.log')}")
            time.sleep(0.2)

    def start_worker(self, key: str, *extra: str) -> subprocess.Popen:
        transport = ["--grpc", self.grpc] if self.grpc else []
        process = self.spawn([sys.executable, EXAMPLE, "--url", self.url, "--name", f"e2e-{key}", "--wait-ms", "2000",
                              *transport, *extra], f"worker-{key}.log")
        self.workers[key] = process
        return process

    def stop(self, process: subprocess.Popen, timeout: float) -> None:
        if process.poll() is not None:
            return
        try:
            process.send_signal(signal.SIGCONT)  # a worker frozen by a failed test must be able to exit
            process.terminate()
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)

    def stop_all(self) -> None:
        try:
            for process in self.workers.values():
                self.stop(process, 15)
        finally:
            if self.server is not None:
                self.stop(self.server, 30)


STACK = Stack()
client = None  # taskmill.Client, set up once the server is ready


def read_log(name: str) -> str:
    try:
        with open(os.path.join(TMP, name), encoding="utf-8", errors="replace") as f:
            return f.read()[-6000:]
    except FileNotFoundError:
        return "(no log)"


def setUpModule() -> None:
    global client
    import taskmill  # from the venv: the installed SDK, not the source tree
    assert os.path.dirname(taskmill.__file__).startswith(TMP), taskmill.__file__
    try:
        STACK.start_server()
        routes = json.dumps(taskmill._transport.Transport(STACK.url).request("GET", "/routes"))
        if "/api/v1/workers/lease" not in routes:
            raise RuntimeError("this taskmilld has no lease routes (POST /api/v1/workers/lease); rebuild it")
        client = taskmill.Client(STACK.url)
        STACK.start_worker("a", "--concurrency", "1", "--lease-ms", "2000", "--grace", "5")
    except BaseException:
        STACK.stop_all()
        raise


def tearDownModule() -> None:
    STACK.stop_all()


def wait_until(condition, timeout: float = TASK_TIMEOUT_S, what: str = "condition"):
    return e2e_support.wait_until(condition, timeout, what)


def make_file(name: str, text: str) -> tuple[str, str]:
    path = os.path.join(TMP, "files", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path, hashlib.sha256(text.encode()).hexdigest()


FAST_RETRY = {"strategy": "constant", "base_ms": 200, "max_ms": 200, "jitter": 0}


class PythonWorkerE2E(unittest.TestCase):
    maxDiff = None

    def wait_task(self, task_id: str, timeout: float = TASK_TIMEOUT_S) -> dict:
        try:
            return client.wait(task_id, timeout=timeout, poll_s=0.1)
        except TimeoutError as exc:
            self.fail(f"{exc}\n--- worker logs ---\n" + "\n".join(read_log(f"worker-{k}.log") for k in STACK.workers))

    def status_of(self, task_id: str) -> str:
        return client.get(task_id)["status"]

    def test_1_handler_is_registered_with_the_example_schema(self):
        import taskmill
        spec = importlib.util.spec_from_file_location("example_worker", EXAMPLE)
        example = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(example)
        transport = taskmill._transport.Transport(STACK.url)

        def registered():
            try:
                return transport.request("GET", "/handlers/resize_image")
            except taskmill.ApiError as exc:
                if exc.status == 404:
                    return None
                raise
        handler = wait_until(registered, what="worker A to register resize_image")
        if GRPC:
            # Registered through HandlerService and serving over one stream, not REST's lease polls.
            wait_until(lambda: "gRPC work stream open" in read_log("worker-a.log"), what="worker A's work stream")
            wait_until(lambda: "gRPC worker e2e-a streams for resize_image" in read_log("taskmilld.log"),
                       what="the server to see worker A's stream")
        self.assertEqual(handler["kind"], "external")
        self.assertEqual(handler["schema"], example.SCHEMA)
        self.assertEqual(handler["max_attempts"], 3)

    def test_2_invalid_payload_is_refused_with_details(self):
        import taskmill
        with self.assertRaises(taskmill.ApiError) as caught:
            client.create("resize_image", {"width": 0})
        error = caught.exception
        self.assertEqual((error.status, error.code, error.field), (422, "validation_failed", "payload"))
        self.assertTrue(error.details and all("path" in d and "message" in d for d in error.details), error.details)
        with self.assertRaises(taskmill.ApiError) as caught:
            client.get("00000000-0000-0000-0000-000000000000")
        self.assertEqual(caught.exception.status, 404)
        later = client.create("resize_image", {"path": "/nonexistent"}, run_at="2099-01-01T00:00:00Z")
        self.assertEqual(later["status"], "POSTPONED")
        with self.assertRaises(TimeoutError):
            client.wait(later["id"], timeout=0.3)
        taskmill._transport.Transport(STACK.url).request("DELETE", f"/tasks/{later['id']}")
        self.assertEqual(client.wait(later["id"], timeout=5)["status"], "CANCELLED")
        # A create repeated with its idempotency key is the first one's task; another request under it is refused.
        keyed = client.create("resize_image", {"path": "/nonexistent"}, run_at="2099-01-01T00:00:00Z",
                              idempotency_key=f"sdk-{self.id()}")
        again = client.create("resize_image", {"path": "/nonexistent"}, run_at="2099-01-01T00:00:00Z",
                              idempotency_key=f"sdk-{self.id()}")
        self.assertEqual(again["id"], keyed["id"])
        with self.assertRaises(taskmill.ApiError) as caught:
            client.create("resize_image", {"path": "/elsewhere"}, run_at="2099-01-01T00:00:00Z",
                          idempotency_key=f"sdk-{self.id()}")
        self.assertEqual((caught.exception.status, caught.exception.field), (422, "Idempotency-Key"))
        taskmill._transport.Transport(STACK.url).request("DELETE", f"/tasks/{keyed['id']}")

    def test_3_tasks_complete_with_their_results(self):
        expected = {}
        for i in range(5):
            path, digest = make_file(f"image-{i}.txt", f"image {i} " * (i + 1))
            task = client.create("resize_image", {"path": path, "width": 16}, priority="HIGH", title=f"image {i}")
            self.assertIn(task["status"], ("NEW", "PENDING"))
            expected[task["id"]] = (path, digest)
        for task_id, (path, digest) in expected.items():
            task = self.wait_task(task_id)
            self.assertEqual(task["status"], "COMPLETED", task)
            self.assertEqual(task["attempts"], 1)
            self.assertEqual(task["result"]["sha256"], digest)
            self.assertEqual(task["result"]["thumbnail"], f"{path}.thumb-16.txt")
            with open(task["result"]["thumbnail"], encoding="utf-8") as f:
                self.assertIn(f"sha256 {digest}", f.read())

    def test_4_failed_first_attempt_is_retried(self):
        path, digest = make_file("retry.txt", "retry me")
        task = client.create("resize_image", {"path": path, "fail_first_attempt": True}, retry_policy=FAST_RETRY)
        task = self.wait_task(task["id"])
        self.assertEqual((task["status"], task["attempts"]), ("COMPLETED", 2), task)
        self.assertEqual(task["result"]["sha256"], digest)

    def test_5_permanent_error_dead_letters_at_once(self):
        task = client.create("resize_image", {"path": os.path.join(TMP, "files", "missing.png")},
                             retry_policy=FAST_RETRY)
        task = self.wait_task(task["id"])
        self.assertEqual((task["status"], task["attempts"]), ("FAILED", 1), task)
        self.assertIsNotNone(task["dead_lettered_at"])
        self.assertIn("no such file", task["error"])

    def test_6_heartbeats_keep_a_task_longer_than_its_lease(self):
        # Worker A leases for 2 s; the task takes 4.5 s, so only heartbeats keep it from being reclaimed.
        path, _ = make_file("slow.txt", "slow")
        task = client.create("resize_image", {"path": path, "work_ms": 4500})
        task = self.wait_task(task["id"])
        self.assertEqual((task["status"], task["attempts"]), ("COMPLETED", 1), task)

    def test_7_frozen_worker_loses_its_lease_and_its_outcome_is_dropped(self):
        worker_a = STACK.workers["a"]
        path, digest = make_file("frozen.txt", "frozen")
        task_id = client.create("resize_image", {"path": path, "work_ms": 3000})["id"]
        wait_until(lambda: self.status_of(task_id) == "IN_PROGRESS", what="worker A to start the task")
        # A stands still (a GC pause, a frozen VM): no heartbeats, so the server reclaims the task after
        # lease_ms + 1 s and offers it to B as attempt 2.
        worker_a.send_signal(signal.SIGSTOP)
        try:
            STACK.start_worker("b", "--concurrency", "2", "--grace", "3")
            task = self.wait_task(task_id)
        finally:
            worker_a.send_signal(signal.SIGCONT)
        self.assertEqual((task["status"], task["attempts"]), ("COMPLETED", 2), task)
        self.assertEqual(task["result"]["sha256"], digest)
        # A wakes up, learns from the server that the lease is gone, and reports nothing.
        wait_until(lambda: re.search(r"lease (was )?lost", read_log("worker-a.log")), timeout=15,
                   what="worker A to notice the lost lease")
        worker_a.terminate()
        self.assertEqual(worker_a.wait(15), 0, read_log("worker-a.log"))
        self.assertEqual(client.get(task_id)["attempts"], 2)
        since_lease = read_log("worker-a.log").split(f"task {task_id} (resize_image) attempt 1 leased", 1)[-1]
        self.assertNotIn("Traceback", since_lease)  # a lost lease is a warning, not a failure
        self.assertNotIn(" ERROR ", since_lease)

    def test_8_sigterm_finishes_short_tasks_and_releases_long_ones(self):
        worker_b = STACK.workers["b"]
        short_path, short_digest = make_file("short.txt", "short")
        long_path, long_digest = make_file("long.txt", "long")
        short_id = client.create("resize_image", {"path": short_path, "work_ms": 1500})["id"]
        long_id = client.create("resize_image", {"path": long_path, "work_ms": 8000})["id"]
        wait_until(lambda: self.status_of(long_id) == "IN_PROGRESS"
                   and self.status_of(short_id) in ("IN_PROGRESS", "COMPLETED"), what="worker B to start both tasks")
        stopped_at = time.monotonic()
        worker_b.terminate()
        # Grace 3 s: the short task finishes inside it, the long one is released at its end.
        self.assertEqual(worker_b.wait(15), 0, read_log("worker-b.log"))
        self.assertLess(time.monotonic() - stopped_at, 12)
        short = client.get(short_id)
        self.assertEqual((short["status"], short["attempts"], short["result"]["sha256"]),
                         ("COMPLETED", 1, short_digest), short)
        released = client.get(long_id)
        self.assertEqual(released["status"], "PENDING", released)
        self.assertIn("released", read_log("worker-b.log"))
        STACK.start_worker("c", "--grace", "10")
        done = self.wait_task(long_id)
        # A release gives the attempt back: the run that completes it is attempt 1 again.
        self.assertEqual((done["status"], done["attempts"], done["result"]["sha256"]),
                         ("COMPLETED", 1, long_digest), done)

    def test_9_worker_reconnects_after_a_server_restart(self):
        STACK.stop(STACK.server, 30)
        self.assertEqual(STACK.server.returncode, 0, read_log("taskmilld.log"))
        wait_until(lambda: "lease failed" in read_log("worker-c.log"), timeout=15,
                   what="worker C to notice the server is gone")
        self.assertEqual(STACK.workers["c"].poll(), None, "worker C must keep trying, not exit")
        STACK.start_server()
        path, digest = make_file("after-restart.txt", "after restart")
        task = self.wait_task(client.create("resize_image", {"path": path})["id"], timeout=60)
        self.assertEqual((task["status"], task["result"]["sha256"]), ("COMPLETED", digest), task)
        self.assertIn("connected to", read_log("worker-c.log"))

    def test_9z_nothing_is_left_unfinished(self):
        listing = taskmill_list("type=resize_image&limit=100")
        unfinished = [(t["id"], t["status"]) for t in listing if t["status"] not in taskmill_finished()]
        self.assertEqual(unfinished, [])
        # tests 2-9 (test 2: its invalid one refused, its keyed one created once)
        self.assertEqual(len(listing), 2 + 5 + 1 + 1 + 1 + 1 + 2 + 1)
        worker_c = STACK.workers["c"]
        worker_c.send_signal(signal.SIGINT)
        self.assertEqual(worker_c.wait(15), 0, read_log("worker-c.log"))


def taskmill_finished() -> frozenset[str]:
    import taskmill
    return taskmill.FINISHED


def taskmill_list(query: str) -> list[dict]:
    import taskmill
    return taskmill._transport.Transport(STACK.url).request("GET", f"/tasks?{query}")["items"]


if __name__ == "__main__":
    if not TMP:
        if len(sys.argv) not in (2, 3) or sys.argv[2:] not in ([], ["grpc"]) or not os.environ.get("TASKMILL_SOURCE_DIR"):
            sys.exit("usage: TASKMILL_SOURCE_DIR=<tree> test_python_worker.py <taskmilld binary> [grpc]")
        sys.exit(stage1(os.path.abspath(sys.argv[1]), os.environ["TASKMILL_SOURCE_DIR"], (sys.argv[2:] or ["rest"])[0]))
    unittest.main(verbosity=2)
