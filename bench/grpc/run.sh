#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# The gRPC API beside REST on one taskmilld --local (all roles, private PostgreSQL and Redis), one run
# (docs/benchmarks.md, "gRPC"):
#   1. worker throughput: N tasks drained by the built-in executor (`noop`, 4 workers), then N by one C++ SDK worker
#      over the REST lease protocol (examples/cpp-worker, `reverse_text`, concurrency C), then N by one C++ SDK
#      worker over the gRPC stream (examples/grpc-worker-cpp, `count_words`, concurrency C); the external tasks are
#      queued first and timed from the worker's start to the last completion; repeated ROUNDS times, alternated;
#   2. Create latency, open loop at RATE/s for 10 s per round, REST and gRPC alternated (taskmill-grpc-bench).
#   bench/grpc/run.sh [build dir (default build-test)] [N (default 5000)]   env: C=4 ROUNDS=2 RATE=2000 KEEP=1
# Every process is stopped by PID.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$root/${1:-build-test}"; n="${2:-5000}"; c="${C:-4}"; rounds="${ROUNDS:-2}"; rate="${RATE:-2000}"
bin="$build/backend/taskmilld"
work="$(mktemp -d /tmp/taskmill-grpc-bench.XXXXXX)"; chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; [[ -n "${KEEP:-}" ]] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The SDK from this build, installed; both examples built against it (as e2e.CppWorker and e2e.GrpcWorker do).
cmake --install "$build" --component sdk --prefix "$work/prefix" >/dev/null
for ex in cpp-worker grpc-worker-cpp; do
  cmake -S "$root/examples/$ex" -B "$work/$ex" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
  cmake --build "$work/$ex" >/dev/null
done

port=$(free_port); gport=$(free_port)
base="http://127.0.0.1:$port"
"$bin" --local --data-dir "$work/data" -a "127.0.0.1:$port" --workers 4 --set "grpc.listen=127.0.0.1:$gport" >"$work/taskmilld.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do curl -fsS "$base/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$base/ready" >/dev/null
# The handlers exist before the tasks are queued (the workers would register them too).
curl -fsS -X POST "$base/api/v1/handlers" -H 'content-type: application/json' -d '{"name":"reverse_text"}' >/dev/null
curl -fsS -X POST "$base/api/v1/handlers" -H 'content-type: application/json' -d '{"name":"count_words"}' >/dev/null

create() { # type count
  python3 - "$1" >"$work/batch.json" <<'PY'
import json, sys
print(json.dumps([{"type": sys.argv[1], "title": "bench", "payload": {"text": "one two three"}} for _ in range(1000)]))
PY
  local left=$2
  while (( left > 0 )); do
    curl -fsS -X POST "$base/api/v1/tasks/batch" -H 'content-type: application/json' --data-binary @"$work/batch.json" >/dev/null
    left=$(( left - 1000 ))
  done
}
completed() { curl -fsS "$base/api/v1/tasks?type=$1&status=COMPLETED&limit=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'])"; }
until_completed() { # type count t0 → prints the rate
  while (( $(completed "$1") < $2 )); do sleep 0.1; done
  local t1; t1=$(date +%s%N)
  python3 -c "print(f'{$n / (($t1 - $3) / 1e9):.0f} tasks/s ({($t1 - $3) / 1e9:.2f} s for $n)')"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build: ${build#"$root"/}; N=$n per drain, worker concurrency $c"
for round in $(seq 1 "$rounds"); do
  t0=$(date +%s%N); create noop "$n"
  echo "round $round built-in executor (noop, 4 workers), created and drained: $(until_completed noop $(( round * n )) "$t0")"
  order=(rest grpc); (( round % 2 == 0 )) && order=(grpc rest)
  for transport in "${order[@]}"; do
    if [[ $transport == rest ]]; then
      type=reverse_text; create "$type" "$n"; t0=$(date +%s%N)
      "$work/cpp-worker/cpp-worker" --url "$base" --name "bench-rest" --concurrency "$c" --wait-ms 20000 >"$work/rest-$round.log" 2>&1 &
    else
      type=count_words; create "$type" "$n"; t0=$(date +%s%N)
      "$work/grpc-worker-cpp/grpc-worker" --target "127.0.0.1:$gport" --name "bench-grpc" --concurrency "$c" >"$work/grpc-$round.log" 2>&1 &
    fi
    wp=$!; pids+=($wp)
    echo "round $round $transport worker (1 process x concurrency $c): $(until_completed "$type" $(( round * n )) "$t0")"
    kill -TERM "$wp"; wait "$wp" 2>/dev/null || true
  done
done
"$build/bench/taskmill-grpc-bench" --url "$base" --grpc "127.0.0.1:$gport" --rate "$rate" --seconds 10 --rounds 3
