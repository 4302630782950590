#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# BullMQ, graphile-worker (batched) and Taskmill (durable and fast) in ONE run of the peer harness, at arrival rates 200, 1,000
# and 5,000/s, so the ratios come from one machine at one time:
#   bench/peers/run.sh                  default sizes (about 5 minutes)
#   bench/peers/run.sh --repeat 3       medians of 3 (any bench.mjs flag passes through; a later --systems
#                                       or --rate wins over the defaults here)
# The harness (../shared/bench-peers) is read-only here: `npm install` needs a writable node_modules and the
# harness writes run/, so it is copied into a temp dir first and run from there. Its servers.sh starts a
# private Redis (127.0.0.1:6391) and PostgreSQL (127.0.0.1:5439, fsync=on) under /tmp/peerbench and stops
# them by PID when this script exits; the temp copy is removed then (results go to bench/results/).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
bench/run.sh --build-only
rev="$(git -C "$root" rev-parse --short HEAD) + $(git --no-optional-locks -C "$root" status --porcelain --untracked-files=no | wc -l) modified files"
work="$(mktemp -d /tmp/taskmill-peers.XXXXXX)"
cp -r ../shared/bench-peers/. "$work/"
chmod -R u+w "$work"
stop() { (cd "$work" && ./servers.sh stop) || true; rm -rf "$work"; }
trap stop EXIT
(cd "$work" && npm install --no-audit --no-fund && ./servers.sh start)
mkdir -p bench/results
out="$root/bench/results/peers-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
BENCH_ADAPTERS="$root/bench/peers/taskmill.mjs" node "$work/bench.mjs" \
  --systems bullmq,graphile-worker-batched,taskmill,taskmill-fast --rate 200,1000,5000 --ratio-to taskmill --out "$out" "$@"
echo "taskmilld built from $rev (at the start of this run)" >>"${out%.jsonl}.summary.txt"
# Committed result files name no machine paths.
sed -i "s#$root/##g; s#$work/##g" "$out" "${out%.jsonl}.summary.txt"
rel="${out#"$root"/}"
echo "results: $rel (table: ${rel%.jsonl}.summary.txt)"
