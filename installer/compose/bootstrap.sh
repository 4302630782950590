#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
#
# One-shot set-up of the compose stack (docker-compose.yml, service `bootstrap`), safe to run again:
# 1. the first admin account, from TASKMILL_ADMIN_EMAIL / TASKMILL_ADMIN_PASSWORD (there are no default
#    credentials in taskmilld; `taskmilld user add` is the documented way, docs/security.md);
# 2. a `viewer` API token for Prometheus, whose scrapes of the api's /metrics need `system.read`, written to
#    /var/lib/taskmill/bootstrap/prometheus.token (the `bootstrap` volume, mounted read-only into Prometheus).
# The roles without the api serve /metrics on metrics.listen without credentials (compose network only).
set -eu

API=${TASKMILL_BOOTSTRAP_API:-http://haproxy:8080}
TOKEN_FILE=${TASKMILL_BOOTSTRAP_DIR:-/var/lib/taskmill/bootstrap}/prometheus.token

# `user add` applies the migrations first, like any start; an existing account makes it fail: keep going.
if printf '%s\n' "$TASKMILL_ADMIN_PASSWORD" | taskmilld user add "$TASKMILL_ADMIN_EMAIL" --role admin; then
  echo "bootstrap: admin $TASKMILL_ADMIN_EMAIL created"
else
  echo "bootstrap: admin $TASKMILL_ADMIN_EMAIL not created (exists already?); logging in with it"
fi

if [ -s "$TOKEN_FILE" ]; then
  echo "bootstrap: $TOKEN_FILE exists; done"
  exit 0
fi

# The api replicas come up behind HAProxy; wait for one to be ready (up to ~2 minutes).
i=0
until curl -fsS -o /dev/null -H 'Host: localhost' "$API/ready"; do
  i=$((i + 1))
  if [ "$i" -ge 120 ]; then
    echo "bootstrap: $API/ready did not answer 200" >&2
    exit 1
  fi
  sleep 1
done

json_field() { # json_field NAME: the string value of "NAME" in the compact JSON object on stdin
  sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}

login=$(curl -fsS -H 'Host: localhost' -H 'Content-Type: application/json' \
  --data "{\"email\":\"$TASKMILL_ADMIN_EMAIL\",\"password\":\"$TASKMILL_ADMIN_PASSWORD\"}" "$API/api/v1/auth/login")
access=$(printf '%s' "$login" | json_field access_token)
[ -n "$access" ] || { echo "bootstrap: login failed" >&2; exit 1; }

# The login went to one api replica; this request may go to another, which refuses the new access token
# until its accounts snapshot reloads (at most a second; docs/deployment.md, "Known limits"): try again.
token=""
i=0
while [ -z "$token" ]; do
  created=$(curl -fsS -H 'Host: localhost' -H 'Content-Type: application/json' -H "Authorization: Bearer $access" \
    --data '{"name":"prometheus","role":"viewer"}' "$API/api/v1/tokens") || created=""
  token=$(printf '%s' "$created" | json_field token)
  if [ -z "$token" ]; then
    i=$((i + 1))
    [ "$i" -lt 10 ] || { echo "bootstrap: token creation failed" >&2; exit 1; }
    echo "bootstrap: token creation refused; retrying (another api replica may not know the new account yet)"
    sleep 1
  fi
done

umask 022 # Prometheus runs as another user and reads the file through the read-only volume
printf '%s' "$token" > "$TOKEN_FILE.tmp"
mv "$TOKEN_FILE.tmp" "$TOKEN_FILE"
echo "bootstrap: Prometheus token written to $TOKEN_FILE"
