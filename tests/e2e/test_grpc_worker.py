#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""End-to-end: examples/grpc-worker-cpp (the C++ SDK's gRPC transport) against a real `taskmilld --local`.

    test_grpc_worker.py <taskmilld binary>   (CTest: e2e.GrpcWorker; TASKMILL_SOURCE_DIR, TASKMILL_BUILD_DIR and
                                             TASKMILL_CMAKE name the tree, the build dir and cmake)

The SDK is installed from the build tree into a temp prefix and the example built against it as another project
would. taskmilld serves gRPC on a free port. Worker A (lease 2 s) takes a batch of slow tasks over one stream and is
killed with SIGKILL mid-batch; worker B starts and must finish every task: none lost, each result right, the ones A
held run again as their next attempt. B then stops on SIGTERM and exits 0. The driver talks REST with urllib; every
process is stopped by PID in tearDownModule. TASKMILL_E2E_KEEP=1 keeps the temp dir with the logs.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
import urllib.request

import e2e_support

TASKS = 40
WORK_MS = 300

TASKMILLD = ""
TMP = ""
URL = ""
GRPC = ""
WORKER_BIN = ""
PROCESSES: list[subprocess.Popen] = []


def log_tail(name: str) -> str:
    return e2e_support.read_log(TMP, name)[-6000:]


def api(method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(URL + "/api/v1" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=10) as answer:
        text = answer.read()
        return json.loads(text) if text else {}


def spawn(args: list[str], log_name: str) -> subprocess.Popen:
    with open(os.path.join(TMP, log_name), "ab") as log:
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    PROCESSES.append(process)
    return process


def start_worker(key: str) -> subprocess.Popen:
    return spawn([WORKER_BIN, "--target", GRPC, "--name", f"e2e-grpc-{key}", "--concurrency", "4", "--lease-ms", "2000",
                  "--grace", "2"], f"worker-{key}.log")


def setUpModule() -> None:
    global TMP, WORKER_BIN, URL, GRPC
    TMP = tempfile.mkdtemp(prefix="tm-grpcworker-")
    os.chmod(TMP, 0o755)  # taskmilld's private PostgreSQL may run as another account (as root: postgres)
    try:
        WORKER_BIN = e2e_support.build_sdk_example(TMP, "grpc-worker-cpp", "grpc-worker")
        GRPC = f"127.0.0.1:{e2e_support.free_port()}"
        URL = e2e_support.start_local_server(TMP, TASKMILLD, spawn, ("--set", f"grpc.listen={GRPC}"))
    except BaseException:
        tearDownModule()
        raise


def tearDownModule() -> None:
    for process in reversed(PROCESSES):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(30 if process is PROCESSES[0] else 15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
    if TMP and os.environ.get("TASKMILL_E2E_KEEP") != "1":
        shutil.rmtree(TMP, ignore_errors=True)
    elif TMP:
        print(f"logs kept in {TMP}", file=sys.stderr)


class GrpcWorker(unittest.TestCase):
    def test_kill_9_and_restart_loses_nothing(self) -> None:
        a = start_worker("a")
        e2e_support.wait_until(lambda: any(h["name"] == "count_words" for h in api("GET", "/handlers")["items"]), 60,
                   "the worker to register count_words over gRPC")
        texts = {}
        for i in range(TASKS):
            text = " ".join(["word"] * (i + 1))
            made = api("POST", "/tasks", {"type": "count_words", "title": f"grpc {i}",
                                          "payload": {"text": text, "work_ms": WORK_MS}})
            texts[made["id"]] = i + 1

        def status(task_id: str) -> dict:
            return api("GET", f"/tasks/{task_id}")

        # A has finished some and holds others when it is killed.
        e2e_support.wait_until(lambda: sum(status(t)["status"] == "COMPLETED" for t in texts) >= 8, 60, "A to complete 8 tasks")
        a.send_signal(signal.SIGKILL)
        a.wait(10)
        # Nobody else runs count_words yet: what is IN_PROGRESS now is what A held when it died.
        held = [t for t in texts if status(t)["status"] == "IN_PROGRESS"]
        self.assertTrue(held, "A held no task when it was killed")

        b = start_worker("b")
        e2e_support.wait_until(lambda: all(status(t)["status"] == "COMPLETED" for t in texts), 120,
                   f"every task to complete after the restart:\n{log_tail('worker-b.log')}")
        for task_id, words in texts.items():
            task = status(task_id)
            self.assertEqual(task["result"]["words"], words, task)
        for task_id in held:
            task = status(task_id)
            self.assertGreaterEqual(task["attempts"], 2, task)  # A's lease expired; B ran the next attempt
            self.assertEqual(task["worker"], "e2e-grpc-b", task)
        workers = {status(t)["worker"] for t in texts}
        self.assertEqual(workers, {"e2e-grpc-a", "e2e-grpc-b"})

        # A graceful stop: drain, report, close the stream, exit 0.
        b.send_signal(signal.SIGTERM)
        self.assertEqual(b.wait(30), 0, log_tail("worker-b.log"))
        self.assertIn("worker e2e-grpc-b stopped", log_tail("worker-b.log"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_grpc_worker.py <taskmilld>")
    TASKMILLD = sys.argv.pop(1)
    unittest.main(verbosity=2)
