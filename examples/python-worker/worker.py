#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""An external worker for `resize_image` tasks: reads the file at `path`, writes a text "thumbnail" (size,
SHA-256, the first bytes) beside it and returns the checksum. Standard library only; see README.md.

Idempotent, as every handler must be (delivery is at least once): the thumbnail is written to a temporary
file and renamed over the old one, so a second delivery of the same task produces the same file and result.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import sys
import tempfile
import time

import taskmill

SCHEMA = {
    "type": "object",
    "required": ["path"],
    "additionalProperties": False,
    "properties": {
        "path": {"type": "string", "minLength": 1, "description": "absolute path of the image to thumbnail"},
        "width": {"type": "integer", "minimum": 1, "maximum": 4096, "default": 128},
        # Demonstration knobs, used by the end-to-end test: a slow task (progress, heartbeats, shutdown) and a
        # task whose first attempt fails (retries).
        "work_ms": {"type": "integer", "minimum": 0, "maximum": 600000},
        "fail_first_attempt": {"type": "boolean"},
    },
}


def thumbnail(task: taskmill.Task) -> dict:
    path = task.payload["path"]
    width = task.payload.get("width", 128)
    if task.payload.get("fail_first_attempt") and task.attempt == 1:
        raise RuntimeError("simulated failure of the first attempt")
    work_ms = task.payload.get("work_ms", 0)
    deadline = time.monotonic() + work_ms / 1000
    while (left := deadline - time.monotonic()) > 0:
        if task.lease_lost:
            # The server gave the task to someone else; our result would be refused.
            raise RuntimeError("lease lost; stopping early")
        task.progress(100 * (1 - left / (work_ms / 1000)), "resizing")
        time.sleep(min(0.2, left))
    try:
        with open(path, "rb") as source:
            data = source.read()
    except FileNotFoundError as exc:
        # A missing input stays missing: no point in retrying.
        raise taskmill.PermanentError(f"no such file: {path}") from exc
    digest = hashlib.sha256(data).hexdigest()
    target = f"{path}.thumb-{width}.txt"
    preview = data[:width].decode("utf-8", "replace")
    fd, staging = tempfile.mkstemp(dir=os.path.dirname(target) or ".", prefix=".thumb-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"size {len(data)}\nsha256 {digest}\nwidth {width}\n{preview}\n")
    os.replace(staging, target)
    task.progress(100, "done")
    return {"thumbnail": target, "sha256": digest, "bytes": len(data)}


def main() -> int:
    parser = argparse.ArgumentParser(description="Taskmill resize_image worker (example)")
    parser.add_argument("--url", default=os.environ.get("TASKMILL_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--token", default=os.environ.get("TASKMILL_TOKEN"))
    parser.add_argument("--grpc", metavar="HOST:PORT", default=os.environ.get("TASKMILL_GRPC"),
                        help="take tasks over taskmilld's gRPC stream at HOST:PORT (its grpc.listen) instead of "
                             "REST; needs python3-grpcio and python3-protobuf")
    parser.add_argument("--name", help="worker name (default host-pid)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--lease-ms", type=int, default=30000)
    parser.add_argument("--wait-ms", type=int, default=20000)
    parser.add_argument("--grace", type=float, default=10.0, help="seconds running tasks get on SIGTERM")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    worker = taskmill.Worker(args.url, name=args.name, token=args.token, lease_ms=args.lease_ms,
                             wait_ms=args.wait_ms)
    if args.grpc:
        worker.use_grpc(args.grpc)
    worker.handler("resize_image", schema=SCHEMA, description="text thumbnails (examples/python-worker)",
                   max_attempts=3)(thumbnail)
    try:
        worker.run(concurrency=args.concurrency, grace_s=args.grace)
    except (taskmill.ApiError, ValueError) as exc:
        # Refused for good (a bad token, a schema the server rejects, a built-in name): retrying cannot help.
        logging.getLogger("resize_image").error("worker stopped: %s", exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
