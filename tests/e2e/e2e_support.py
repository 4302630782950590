# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""What the SDK end-to-end tests share (test_cpp_worker.py, test_grpc_worker.py): building an example against the
SDK installed from the build tree, starting `taskmilld --local` on free ports, and waiting on a condition.

Logs go to files in the test's temp dir; processes are started through the caller's `spawn`, which records them
so that the caller stops every one by PID."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from typing import Callable

START_TIMEOUT_S = 90
BUILD_TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_log(tmp: str, name: str) -> str:
    try:
        with open(os.path.join(tmp, name), encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return "(no log)"


def run_logged(tmp: str, args: list[str], log_name: str, timeout: float) -> None:
    with open(os.path.join(tmp, log_name), "ab") as log:
        result = subprocess.run(args, stdout=log, stderr=subprocess.STDOUT, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}):\n{read_log(tmp, log_name)[-6000:]}")


def wait_until(condition: Callable, timeout: float, what: str):
    """Polls `condition` until it returns something true (returned) or `timeout` seconds pass (AssertionError)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


def build_sdk_example(tmp: str, example: str, binary: str) -> str:
    """Installs the SDK from TASKMILL_BUILD_DIR into a temp prefix (component sdk) and builds
    examples/<example> against it as another project would (find_package(TaskmillSdk)); returns the binary."""
    source = os.environ.get("TASKMILL_SOURCE_DIR", "")
    build = os.environ.get("TASKMILL_BUILD_DIR", "")
    cmake = os.environ.get("TASKMILL_CMAKE", "cmake")
    prefix = os.path.join(tmp, "prefix")
    run_logged(tmp, [cmake, "--install", build, "--component", "sdk", "--prefix", prefix], "build.log", 60)
    header = os.path.join(prefix, "include", "taskmill_sdk", "Worker.h")
    # GNUInstallDirs' libdir: lib, lib64, or lib/<multiarch> when the tree's prefix is /usr (the packages' default).
    configs = glob.glob(os.path.join(prefix, "lib*", "cmake", "TaskmillSdk", "TaskmillSdkConfig.cmake")) + glob.glob(
        os.path.join(prefix, "lib", "*", "cmake", "TaskmillSdk", "TaskmillSdkConfig.cmake"))
    if not os.path.exists(header) or not configs:
        raise RuntimeError(f"headers or package config not installed under {prefix}:\n{read_log(tmp, 'build.log')}")
    out = os.path.join(tmp, "example")
    configure = [cmake, "-S", os.path.join(source, "examples", example), "-B", out,
                 f"-DCMAKE_PREFIX_PATH={prefix}", "-DCMAKE_BUILD_TYPE=RelWithDebInfo"]
    # The compiler and sanitizer flags of the tree the SDK came from (CTest sets both; the flags are empty
    # outside sanitizer builds): an instrumented SDK links only with the same runtime.
    if os.environ.get("TASKMILL_CXX"):
        configure.append(f"-DCMAKE_CXX_COMPILER={os.environ['TASKMILL_CXX']}")
    if os.environ.get("TASKMILL_CXX_FLAGS"):
        configure.append(f"-DCMAKE_CXX_FLAGS={os.environ['TASKMILL_CXX_FLAGS']}")
    if shutil.which("ninja"):
        configure += ["-G", "Ninja"]
    if shutil.which("ccache"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    run_logged(tmp, configure, "build.log", BUILD_TIMEOUT_S)
    run_logged(tmp, [cmake, "--build", out], "build.log", BUILD_TIMEOUT_S)
    path = os.path.join(out, binary)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"no {path} after the build:\n{read_log(tmp, 'build.log')[-6000:]}")
    return path


def start_local_server(tmp: str, taskmilld: str, spawn: Callable[[list[str], str], subprocess.Popen],
                       extra: tuple[str, ...] = ()) -> str:
    """`taskmilld --local` in <tmp>/data on a free port (plus `extra` arguments); returns its URL once /ready."""
    url = f"http://127.0.0.1:{free_port()}"
    data = os.path.join(tmp, "data")
    os.makedirs(data, 0o755, exist_ok=True)
    server = spawn([taskmilld, "--local", "--data-dir", data, "-a", url.removeprefix("http://"), *extra], "taskmilld.log")
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.poll() is not None:
            raise RuntimeError(f"taskmilld exited with {server.returncode}:\n{read_log(tmp, 'taskmilld.log')[-6000:]}")
        try:
            with urllib.request.urlopen(url + "/ready", timeout=2) as answer:
                if answer.status == 200:
                    return url
        except OSError:
            pass  # not listening yet, or 503 while PostgreSQL/Redis start
        if time.monotonic() > deadline:
            raise RuntimeError(f"taskmilld not ready after {START_TIMEOUT_S} s:\n{read_log(tmp, 'taskmilld.log')[-6000:]}")
        time.sleep(0.2)
