#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# What checking payloads against a handler's JSON Schema costs a create (issue 12): batches of 100 creates
# through wrk against one taskmilld (api+scheduler, no executor) on a private PostgreSQL and Redis
# (--local in a temp dir), alternating a type whose schema is trivial (noop: the check is skipped) and a
# registered type with a realistic schema (9 properties, formats, enums, an array), same payload bytes.
#   bench/schema-cost.sh [build dir (default build-bench)] [seconds per run (default 8)] [rounds (default 2)]
# Prints creates/s and the api's CPU µs per create for each run. Stops every process it started, by PID.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-build-bench}"; secs="${2:-8}"; rounds="${3:-2}"
bin="$root/$build/backend/taskmilld"
work="$(mktemp -d /tmp/taskmill-schema-cost.XXXXXX)"
chmod 755 "$work"
port=$(( 20000 + RANDOM % 20000 ))
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$bin" --local --data-dir "$work/data" -a "127.0.0.1:$port" --role api,scheduler >"$work/taskmilld.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do curl -fsS "$base/ready" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$base/ready" >/dev/null
schema='{"type":"object","required":["to","subject","body"],"additionalProperties":false,"properties":{
 "to":{"type":"array","minItems":1,"maxItems":50,"items":{"type":"string","pattern":"^[^@ ]+@[^@ ]+$"}},
 "subject":{"type":"string","maxLength":200},"body":{"type":"string","maxLength":100000},
 "priority":{"enum":["low","normal","high"]},"retries":{"type":"integer","minimum":0,"maximum":10},
 "locale":{"type":"string","pattern":"^[a-z]{2}(-[A-Z]{2})?$"},"tags":{"type":"array","items":{"type":"string"}},
 "reply_to":{"type":"string"},"campaign":{"type":"integer"}}}'
curl -fsS -X POST "$base/api/v1/handlers" -H 'content-type: application/json' \
  -d "{\"name\":\"bench.mail\",\"schema\":$schema}" >/dev/null
payload='{"to":["ann@example.org","bob@example.org"],"subject":"Welcome to the shop","body":"Hello, and thank you for signing up. Your account is ready.","priority":"normal","retries":3,"locale":"en-GB","tags":["welcome","onboarding"],"reply_to":"shop@example.org","campaign":42}'
for type in noop bench.mail; do
  python3 - "$type" "$payload" >"$work/$type.json" <<'PY'
import json, sys
print(json.dumps([{"type": sys.argv[1], "title": "schema cost", "payload": json.loads(sys.argv[2])} for _ in range(100)]))
PY
  cat >"$work/$type.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/$type.json"); wrk.body = f:read("*a"); f:close()
LUA
done
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
tck=$(getconf CLK_TCK)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for type in noop bench.mail; do
    before=$(cpu)
    out=$(wrk -t1 -c4 -d"${secs}s" -s "$work/$type.lua" "$base/api/v1/tasks/batch")
    after=$(cpu)
    reqs=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    creates=$(python3 -c "print(round(float('$reqs') * 100))")
    total=$(python3 -c "print(round(float('$reqs') * 100 * $secs))")
    us=$(python3 -c "print(round(($after - $before) / $tck * 1e6 / max(1, $total), 1))")
    echo "round $round  $type: $creates creates/s, api CPU $us µs per create${non2xx:+, non-2xx $non2xx}"
  done
done
