#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""End-to-end: the C++ SDK (sdk/cpp) and examples/cpp-worker against a real `taskmilld --local`.

    test_cpp_worker.py <taskmilld binary>     (CTest: e2e.CppWorker; the environment names the tree, the build
                                               dir and cmake: TASKMILL_SOURCE_DIR, TASKMILL_BUILD_DIR, TASKMILL_CMAKE)

TASKMILL_E2E_KEEP=1 keeps the temp dir (logs of the build, taskmilld and every worker); on failure the logs'
ends are printed.

setUpModule installs the SDK from the build tree into a temp prefix (`cmake --install --component sdk`), builds
the example against it as another project would (find_package(TaskmillSdk)), starts taskmilld on a free port
and worker A. The tests run in name order and share the server; the driver talks HTTP with urllib only:
  A (concurrency 2, lease 2 s, grace 2 s) serves tests 1-6: frozen (SIGSTOP) in test 5c so that its lease is
  lost to B (stopped again once idle), sent SIGTERM mid-task in test 6; C picks up the task A released and
  stops on SIGINT at the end.
Every process is recorded as it starts and stopped by PID in tearDownModule, whatever happened.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import e2e_support

TASK_TIMEOUT_S = 30
FINISHED = ("COMPLETED", "FAILED", "CANCELLED")
FAST_RETRY = {"strategy": "constant", "base_ms": 200, "max_ms": 200, "jitter": 0}

TASKMILLD = ""
SOURCE = os.environ.get("TASKMILL_SOURCE_DIR", "")
BUILD = os.environ.get("TASKMILL_BUILD_DIR", "")
KEEP = os.environ.get("TASKMILL_E2E_KEEP") == "1"
TMP = ""
WORKER_BIN = ""
URL = ""
PROCESSES: list[subprocess.Popen] = []  # in start order: the server first
WORKERS: dict[str, subprocess.Popen] = {}


class ApiError(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"HTTP {status}: {body[:300]}")
        self.status = status


def api(method: str, path: str, body: dict | None = None, timeout: float = 10) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(URL + "/api/v1" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            text = answer.read()
            return json.loads(text) if text else {}
    except urllib.error.HTTPError as exc:
        raise ApiError(exc.code, exc.read().decode("utf-8", "replace")) from None


def read_log(name: str) -> str:
    try:
        with open(os.path.join(TMP, name), encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return "(no log)"


def spawn(args: list[str], log_name: str) -> subprocess.Popen:
    with open(os.path.join(TMP, log_name), "ab") as log:
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    PROCESSES.append(process)
    return process


def stop(process: subprocess.Popen, timeout: float) -> None:
    if process.poll() is not None:
        return
    try:
        process.send_signal(signal.SIGCONT)  # a worker frozen by a failed test must be able to exit
        process.terminate()
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def build_example() -> None:
    """The SDK as an installed package, and the example as a separate project that finds it."""
    global WORKER_BIN
    WORKER_BIN = e2e_support.build_sdk_example(TMP, "cpp-worker", "cpp-worker")


def start_server() -> None:
    global URL
    URL = e2e_support.start_local_server(TMP, TASKMILLD, spawn)


def start_worker(key: str, *extra: str) -> subprocess.Popen:
    process = spawn([WORKER_BIN, "--url", URL, "--name", f"e2e-cpp-{key}", "--wait-ms", "2000", *extra],
                    f"worker-{key}.log")
    WORKERS[key] = process
    return process


def setUpModule() -> None:
    global TMP
    TMP = tempfile.mkdtemp(prefix="tm-cppworker-")
    # taskmilld may run its private PostgreSQL as another account (as root: postgres), which must reach the dir.
    os.chmod(TMP, 0o755)
    try:
        build_example()
        start_server()
        start_worker("a", "--concurrency", "2", "--lease-ms", "2000", "--grace", "2")
    except BaseException:
        stop_all()
        raise


def tearDownModule() -> None:
    stop_all()


def stop_all() -> None:
    """Stops every recorded process by PID, workers first and the server last; safe to call twice."""
    for process in reversed(PROCESSES):
        try:
            stop(process, 30 if process is PROCESSES[0] else 15)
        except OSError as exc:
            print(f"cannot stop pid {process.pid}: {exc}", file=sys.stderr)


def wait_until(condition, timeout: float = TASK_TIMEOUT_S, what: str = "condition"):
    return e2e_support.wait_until(condition, timeout, what)


def make_file(name: str, text: str) -> tuple[str, str]:
    path = os.path.join(TMP, "files", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path, hashlib.sha256(text.encode()).hexdigest()


def create(type_: str, payload: dict, **fields) -> str:
    return api("POST", "/tasks", {"type": type_, "payload": payload, **fields})["id"]


class CppWorkerE2E(unittest.TestCase):
    maxDiff = None

    def wait_task(self, task_id: str, timeout: float = TASK_TIMEOUT_S) -> dict:
        try:
            return wait_until(lambda: (t := api("GET", f"/tasks/{task_id}"))["status"] in FINISHED and t,
                              timeout, f"task {task_id} to finish")
        except AssertionError as exc:
            logs = "\n".join(f"--- worker {k} ---\n{read_log(f'worker-{k}.log')[-4000:]}" for k in WORKERS)
            self.fail(f"{exc}: {api('GET', f'/tasks/{task_id}')}\n{logs}")

    def test_1_handlers_are_registered(self):
        handler = wait_until(lambda: self._handler("checksum_file"), what="worker A to register checksum_file")
        self.assertEqual(handler["kind"], "external")
        self.assertEqual(handler["schema"]["required"], ["path"])
        self.assertFalse(handler["schema"]["additionalProperties"])
        self.assertEqual(handler["max_attempts"], 3)  # Handler::defaults(), sent on creation
        # The worker registers its handlers one after the other: the second may land a moment later.
        reverse = wait_until(lambda: self._handler("reverse_text"), what="worker A to register reverse_text")
        self.assertEqual(reverse["kind"], "external")

    def _handler(self, name: str) -> dict | None:
        try:
            return api("GET", f"/handlers/{name}")
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise

    def test_2_tasks_complete_with_their_results(self):
        expected = {}
        for i in range(4):
            path, digest = make_file(f"file-{i}.txt", f"file {i} " * (i + 1))
            expected[create("checksum_file", {"path": path}, priority="HIGH")] = (digest, os.path.getsize(path))
        text = "héllo wörld 😀"
        reverse_id = create("reverse_text", {"text": text})
        for task_id, (digest, size) in expected.items():
            task = self.wait_task(task_id)
            self.assertEqual((task["status"], task["attempts"]), ("COMPLETED", 1), task)
            self.assertEqual(task["result"], {"sha256": digest, "bytes": size})
        task = self.wait_task(reverse_id)
        self.assertEqual((task["status"], task["result"]), ("COMPLETED", {"reversed": text[::-1]}), task)
        self.assertEqual(task["worker"], "e2e-cpp-a")

    def test_3_client_creates_and_waits(self):
        # The example's producer mode: Client::create, then Client::wait.
        answer = subprocess.run([WORKER_BIN, "--url", URL, "--submit", "reverse_text", "--payload", '{"text": "abc"}'],
                                capture_output=True, text=True, timeout=90)
        self.assertEqual(answer.returncode, 0, answer.stderr)
        task = json.loads(answer.stdout)
        self.assertEqual((task["status"], task["result"]), ("COMPLETED", {"reversed": "cba"}), task)
        # Run again with the same Idempotency-Key: the same task, not a second one.
        keyed = [WORKER_BIN, "--url", URL, "--submit", "reverse_text", "--payload", '{"text": "keyed"}',
                 "--idempotency-key", "cpp-producer-1"]
        first = subprocess.run(keyed, capture_output=True, text=True, timeout=90)
        again = subprocess.run(keyed, capture_output=True, text=True, timeout=90)
        self.assertEqual((first.returncode, again.returncode), (0, 0), first.stderr + again.stderr)
        self.assertEqual(json.loads(again.stdout)["id"], json.loads(first.stdout)["id"])
        refused = subprocess.run([WORKER_BIN, "--url", URL, "--submit", "checksum_file", "--payload", '{"width": 1}'],
                                 capture_output=True, text=True, timeout=30)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("422 validation_failed", refused.stderr)

    def test_4_failed_first_attempt_is_retried(self):
        path, digest = make_file("retry.txt", "retry me")
        task = self.wait_task(create("checksum_file", {"path": path, "fail_first_attempt": True},
                                     retry_policy=FAST_RETRY))
        self.assertEqual((task["status"], task["attempts"]), ("COMPLETED", 2), task)
        self.assertEqual(task["result"]["sha256"], digest)

    def test_5_permanent_errors_dead_letter_at_once(self):
        missing = self.wait_task(create("checksum_file", {"path": os.path.join(TMP, "files", "missing.bin")},
                                        retry_policy=FAST_RETRY))
        self.assertEqual((missing["status"], missing["attempts"]), ("FAILED", 1), missing)
        self.assertIsNotNone(missing["dead_lettered_at"])
        self.assertIn("no such file", missing["error"])
        empty = self.wait_task(create("reverse_text", {"text": ""}, retry_policy=FAST_RETRY))  # HandlerResult
        self.assertEqual((empty["status"], empty["attempts"]), ("FAILED", 1), empty)
        self.assertIn("nothing to reverse", empty["error"])

    def test_5b_heartbeats_keep_a_task_longer_than_its_lease(self):
        # Worker A leases for 2 s; the task takes 4.5 s, so only heartbeats keep it from being reclaimed.
        path, digest = make_file("slow.txt", "slow")
        task = self.wait_task(create("checksum_file", {"path": path, "work_ms": 4500}))
        self.assertEqual((task["status"], task["attempts"], task["result"]["sha256"]), ("COMPLETED", 1, digest), task)

    def test_5c_frozen_worker_loses_its_lease_and_its_outcome_is_dropped(self):
        worker_a = WORKERS["a"]
        path, digest = make_file("frozen.txt", "frozen")
        task_id = create("checksum_file", {"path": path, "work_ms": 3000})
        wait_until(lambda: api("GET", f"/tasks/{task_id}")["status"] == "IN_PROGRESS", what="worker A to start the task")
        # A stands still (a GC pause, a frozen VM): no heartbeats, so the server reclaims the task after
        # lease_ms + 1 s and offers it to B as attempt 2.
        worker_a.send_signal(signal.SIGSTOP)
        try:
            worker_b = start_worker("b", "--concurrency", "2")
            task = self.wait_task(task_id)
        finally:
            worker_a.send_signal(signal.SIGCONT)
        self.assertEqual((task["status"], task["attempts"], task["worker"]), ("COMPLETED", 2, "e2e-cpp-b"), task)
        self.assertEqual(task["result"]["sha256"], digest)
        # A wakes up, learns from the server that the lease is gone, and reports nothing.
        lost = re.compile(rf"task {task_id} \(checksum_file\).*lease lost")
        wait_until(lambda: lost.search(read_log("worker-a.log")), timeout=15, what="worker A to notice the lost lease")
        self.assertEqual(api("GET", f"/tasks/{task_id}")["attempts"], 2)
        worker_b.terminate()  # idle: it exits at once, and test 6 needs A alone
        self.assertEqual(worker_b.wait(15), 0, read_log("worker-b.log"))

    def test_6_sigterm_finishes_short_tasks_and_releases_long_ones(self):
        worker_a = WORKERS["a"]
        short_path, short_digest = make_file("short.txt", "short")
        long_path, long_digest = make_file("long.txt", "long")
        short_id = create("checksum_file", {"path": short_path, "work_ms": 1000})
        long_id = create("checksum_file", {"path": long_path, "work_ms": 8000})
        wait_until(lambda: api("GET", f"/tasks/{long_id}")["status"] == "IN_PROGRESS"
                   and api("GET", f"/tasks/{short_id}")["status"] in ("IN_PROGRESS", "COMPLETED"),
                   what="worker A to start both tasks")
        attempts_before = api("GET", f"/tasks/{long_id}")["attempts"]
        stopped_at = time.monotonic()
        worker_a.terminate()
        # Grace 2 s: the short task finishes inside it, the long one is released at its end.
        self.assertEqual(worker_a.wait(15), 0, read_log("worker-a.log"))
        self.assertLess(time.monotonic() - stopped_at, 10)
        short = api("GET", f"/tasks/{short_id}")
        self.assertEqual((short["status"], short["attempts"], short["result"]["sha256"]),
                         ("COMPLETED", 1, short_digest), short)
        released = api("GET", f"/tasks/{long_id}")
        self.assertEqual((released["status"], released["attempts"]), ("PENDING", attempts_before - 1), released)
        self.assertIn(f"task {long_id} (checksum_file) released", read_log("worker-a.log"))
        start_worker("c", "--grace", "10")
        done = self.wait_task(long_id)
        # A release gives the attempt back: the run that completes it is attempt 1 again.
        self.assertEqual((done["status"], done["attempts"], done["result"]["sha256"], done["worker"]),
                         ("COMPLETED", 1, long_digest, "e2e-cpp-c"), done)

    def test_7_nothing_is_left_unfinished(self):
        listing = []
        for type_ in ("checksum_file", "reverse_text"):
            listing += api("GET", f"/tasks?type={type_}&limit=100")["items"]
        unfinished = [(t["id"], t["status"]) for t in listing if t["status"] not in FINISHED]
        self.assertEqual(unfinished, [])
        # tests 2-6 (test 3: its invalid one refused, its keyed one created once)
        self.assertEqual(len(listing), 4 + 2 + 1 + 1 + 2 + 1 + 1 + 2)
        worker_c = WORKERS["c"]
        worker_c.send_signal(signal.SIGINT)
        self.assertEqual(worker_c.wait(15), 0, read_log("worker-c.log"))
        # Lost leases, releases and failed attempts are warnings; nothing here is an error.
        self.assertNotIn(" ERROR ", "".join(read_log(f"worker-{k}.log") for k in WORKERS))


if __name__ == "__main__":
    if len(sys.argv) != 2 or not SOURCE or not BUILD:
        sys.exit("usage: TASKMILL_SOURCE_DIR=<tree> TASKMILL_BUILD_DIR=<build> test_cpp_worker.py <taskmilld binary>")
    TASKMILLD = os.path.abspath(sys.argv.pop(1))
    succeeded = False
    try:
        succeeded = unittest.main(verbosity=2, exit=False).result.wasSuccessful()
    finally:
        stop_all()  # again: an interrupted run skips tearDownModule
        if TMP and os.path.isdir(TMP):
            if not succeeded:
                for name in sorted(n for n in os.listdir(TMP) if n.endswith(".log")):
                    print(f"--- {name} (end) ---\n{read_log(name)[-8000:]}", file=sys.stderr)
            if KEEP:
                print(f"kept {TMP}", file=sys.stderr)
            else:
                shutil.rmtree(TMP, ignore_errors=True)
    sys.exit(0 if succeeded else 1)
