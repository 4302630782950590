#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# Builds taskmilld + taskmill-bench (Release, in build-bench/) and runs the whole suite (about 3 minutes on
# 2 cores): private durable PostgreSQL + Redis, our own taskmilld processes, everything stopped by PID.
#   bench/run.sh                       full suite; JSON lines + table in bench/results/
#   bench/run.sh --quick               smoke run (~1 minute)
#   bench/run.sh --pg-stat-statements  also report the top SQL statements per measurement
#   bench/run.sh --reliability         only recovery after kill -9, delayed-task lateness, drain with retries (~6 min)
#   bench/run.sh --events              only live events: drain with 0 and 10 WebSocket clients side by side (~1 min)
#   bench/run.sh --ui                  desktop app with 1,000,000 tasks (taskmill-ui-bench; app build in
#                                      build-bench-ui/; first run fills the database, ~10-20 min; --dir DIR reuses it)
#   bench/run.sh --build-only
# Any other flag goes to taskmill-bench (see build-bench/bench/taskmill-bench --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = --ui ]; then
  # The app benchmark needs the app: its own Release build dir, so build-bench/ stays backend-only.
  build="$root/build-bench-ui"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    $(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) -DBUILD_TESTING=OFF >/dev/null
  ninja -C "$build" taskmilld taskmill-ui-bench
  mkdir -p "$root/bench/results"
  out="$root/bench/results/ui-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
  "$build/bench/ui/taskmill-ui-bench" --out "$out" "${@:2}" | tee "${out%.jsonl}.txt"
  echo "results: ${out#"$root"/} (table: ${out%.jsonl}.txt)"
  exit 0
fi
build="$root/build-bench"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
  -DTASKMILL_BUILD_APP=OFF -DBUILD_TESTING=OFF >/dev/null
ninja -C "$build" taskmilld taskmill-bench
if [ "${1:-}" = --build-only ]; then exit 0; fi
mkdir -p "$root/bench/results"
args=("$@")
if [ "${1:-}" = --reliability ]; then args=(--tests recovery,delayed,retry "${@:2}"); fi
if [ "${1:-}" = --events ]; then args=(--tests events "${@:2}"); fi
out="$root/bench/results/taskmill-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
"$build/bench/taskmill-bench" --out "$out" "${args[@]}" | tee "${out%.jsonl}.txt"
rel="${out#"$root"/}"
echo "results: $rel (table: ${rel%.jsonl}.txt)"
