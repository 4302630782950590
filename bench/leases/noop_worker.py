#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""An external worker that does nothing: what the lease protocol and the SDK cost per task, without work.
bench/leases/run.sh starts 1 or 8 of these against one taskmilld."""
import sys

import taskmill

worker = taskmill.Worker(sys.argv[1], name=sys.argv[2])


@worker.handler("bench.ext")
def noop(task):
    return {"ok": True}


worker.run(concurrency=int(sys.argv[3]) if len(sys.argv) > 3 else 4)
