#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# Lease → complete throughput of external workers (Python SDK, issue 12) beside the built-in executor, in one
# run on one taskmilld --local (all roles, private PostgreSQL and Redis in a temp dir):
#   1. N tasks of the built-in `noop`, created in batches of 1,000 while its executor (4 workers) runs: timed from
#      the first create to the last completion;
#   2. N tasks of the external handler `bench.ext`, queued first, then drained by 1 worker process
#      (concurrency 4), then N more by 8 processes: timed from the workers' start to the last completion.
#   bench/leases/run.sh [build dir (default build-bench)] [N (default 3000)]
# Completion is polled through the API (type + status count). Every process is stopped by PID.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-build-bench}"; n="${2:-3000}"
bin="$root/$build/backend/taskmilld"
work="$(mktemp -d /tmp/taskmill-leases.XXXXXX)"; chmod 755 "$work"
port=$(( 20000 + RANDOM % 20000 ))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
[[ -n "${KEEP:-}" ]] && cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; echo "kept $work"; }
trap cleanup EXIT
/usr/bin/python3 -m venv --system-site-packages "$work/venv" >/dev/null  # Debian's python: its setuptools and wheel build offline
cp -r "$root/sdk/python" "$work/sdk"
"$work/venv/bin/pip" install -q --no-index --no-build-isolation "$work/sdk" >/dev/null
base="http://127.0.0.1:$port"
"$bin" --local --data-dir "$work/data" -a "127.0.0.1:$port" --workers 4 >"$work/taskmilld.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do curl -fsS "$base/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$base/ready" >/dev/null
curl -fsS -X POST "$base/api/v1/handlers" -H 'content-type: application/json' -d '{"name":"bench.ext"}' >/dev/null
create() { # type count tag
  python3 - "$1" "$2" "$3" >"$work/batch.json" <<'PY'
import json, sys
print(json.dumps([{"type": sys.argv[1], "title": sys.argv[3]} for _ in range(min(1000, int(sys.argv[2])))]))
PY
  local left=$2
  while (( left > 0 )); do
    curl -fsS -X POST "$base/api/v1/tasks/batch" -H 'content-type: application/json' --data-binary @"$work/batch.json" >/dev/null
    left=$(( left - 1000 ))
  done
}
rate() { # type completed-count-to-reach started_ns: waits (polling the count) until the type has that many
  local want=$2 t0=$3 c
  while true; do
    c=$(curl -fsS "$base/api/v1/tasks?type=$1&status=COMPLETED&limit=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'])")
    (( c >= want )) && break
    sleep 0.2
  done
  local t1; t1=$(date +%s%N)
  python3 -c "print(f'{$n / (($t1 - $t0) / 1e9):.0f} tasks/s ({($t1 - $t0) / 1e9:.2f} s for $n)')"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg); N=$n"
round=0
t0=$(date +%s%N); create noop "$n" builtin-run
echo "built-in executor (4 workers), created and drained: $(rate noop "$n" "$t0")"
for procs in ${PROCS:-1 8}; do
  tag="ext-$procs"
  create bench.ext "$n" "$tag"
  t0=$(date +%s%N)
  wp=()
  for i in $(seq 1 "$procs"); do
    "$work/venv/bin/python" "$root/bench/leases/noop_worker.py" "$base" "bench-$procs-$i" 4 >"$work/w-$procs-$i.log" 2>&1 &
    wp+=($!); pids+=($!)
  done
  done_before=$(( round * n )); round=$(( round + 1 ))
  echo "external, $procs Python worker process(es) x concurrency 4: $(rate bench.ext $(( done_before + n )) "$t0")"
  for p in "${wp[@]}"; do kill -TERM "$p"; done
  for p in "${wp[@]}"; do wait "$p" 2>/dev/null || true; done
done
