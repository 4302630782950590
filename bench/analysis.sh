#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# The experiments behind "Where the time goes" in docs/benchmarks.md: the same small suite (idle, enqueue
# one-by-one C=1, drain with one worker) as baseline, without the scheduler role, with synchronous_commit=off
# (not durable: only to size the fsync share), and as baseline again, so noise on the shared machine shows.
# About 4 minutes. Results: bench/results/analysis-<time>-<variant>.jsonl
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/bench/run.sh" --build-only
bin="$root/build-bench/bench/taskmill-bench"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$root/bench/results"
common=(--tests idle,enqueue,drain --n 2000 --concurrency 1 --drain-n 5000 --workers 1,10 --pg-stat-statements)
run() {
  local name="$1"; shift
  echo "=== $name"
  "$bin" "${common[@]}" --out "$root/bench/results/analysis-$stamp-$name.jsonl" "$@" | grep '^|'
}
run baseline
run no-scheduler --api-set roles=api
run sync-commit-off --pg-setting synchronous_commit=off
run baseline-again
