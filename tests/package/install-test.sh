#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
#
# package.Install: installs the two packages of $TASKMILL_PACKAGE_DIR with apt-get, runs taskmilld exactly as
# taskmilld.service's ExecStart does, as user taskmill with the unit's environment and umask (systemd is not
# PID 1 here, so without its sandbox), on a private port (TASKMILL_API_LISTEN overrides the shipped 8080).
# Embedded mode in /var/lib/taskmill: a noop task created over HTTP with the local-token must complete; then
# `taskmill --version`, the Russian --help (translations compiled in), an offscreen `taskmill
# --check-connection` against it, `taskmilld migrate --dry-run`, a purge that leaves only /var/lib/taskmill, and
# a reinstall of the server whose new account takes over the kept data (then purged again).
#
# Root only (exit 77 = skipped otherwise). Refuses (77) when either package, the taskmill account, /etc/taskmill
# or a non-empty /var/lib/taskmill exists already: it would change what it did not create. Whatever happens,
# the trap stops taskmilld by PID, purges the packages and removes what the test created.
set -uo pipefail

out="${TASKMILL_PACKAGE_DIR:?}"
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || skip "package.Install installs packages system-wide and needs root"
for pkg in taskmill taskmill-server; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ -z "$status" || "$status" == *not-installed* ]] || skip "$pkg is already on this machine ($status); not touching it"
done
getent passwd taskmill >/dev/null && skip "an account 'taskmill' exists already; not touching it"
getent group taskmill >/dev/null && skip "a group 'taskmill' exists already; not touching it"
[[ -e /etc/taskmill ]] && skip "/etc/taskmill exists already; not touching it"
# An empty /var/lib/taskmill is what `taskmilld --local` run as root left behind before its cluster fallback
# moved to /var/lib/taskmill-local (backend/local/LocalServices): used, then given back as it was. Anything in
# it is someone's data.
varlib_before=""
if [[ -e /var/lib/taskmill ]]; then
  [[ -d /var/lib/taskmill && -z "$(ls -A /var/lib/taskmill)" ]] || skip "/var/lib/taskmill exists and is not empty; not touching it"
  varlib_before="$(stat -c '%u:%g %a' /var/lib/taskmill)"
fi
[[ -e /run/taskmill ]] && skip "/run/taskmill exists already; not touching it"
app_deb="$(ls "$out"/taskmill_*.deb)"
server_deb="$(ls "$out"/taskmill-server_*.deb)"

work="$(mktemp -d /tmp/pkgtest-taskmill.XXXXXX)"
pid=""
stop_taskmilld() {
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  wait "$pid" 2>/dev/null
  local status=$?
  pid=""
  return $status
}
cleanup() {
  local status=$?
  stop_taskmilld
  if [[ $status -ne 0 && -f "$work/taskmilld.log" ]]; then
    echo "=== taskmilld log"
    tail -n 60 "$work/taskmilld.log"
  fi
  # Only what this test created (the guards above ensured none of it existed before).
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q taskmill taskmill-server >/dev/null 2>&1 || true
  getent passwd taskmill >/dev/null && userdel taskmill
  getent group taskmill >/dev/null && groupdel taskmill
  rm -rf /etc/taskmill /run/taskmill "$work"
  # What our taskmilld made in the data dir; an 8-hex-digit entry is the cluster of a root `taskmilld --local`
  # running meanwhile (its fallback base is /var/lib/taskmill too), not ours.
  if [[ -d /var/lib/taskmill ]]; then
    find /var/lib/taskmill -mindepth 1 -maxdepth 1 ! -regex '.*/[0-9a-f]\{8\}' -exec rm -rf {} +
    if [[ -n "$varlib_before" ]]; then
      chown "${varlib_before% *}" /var/lib/taskmill
      chmod "${varlib_before#* }" /var/lib/taskmill
    else
      rmdir --ignore-fail-on-non-empty /var/lib/taskmill
    fi
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "=== apt-get install"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$app_deb" "$server_deb" || fail "apt-get install"

echo "=== what the packages set up"
[[ -x /usr/bin/taskmill && -x /usr/bin/taskmilld ]] || fail "executables missing"
[[ "$(getent passwd taskmill | cut -d: -f6,7)" == "/var/lib/taskmill:/usr/sbin/nologin" ]] \
  || fail "account taskmill: $(getent passwd taskmill)"
[[ "$(stat -c '%U:%G %a' /var/lib/taskmill)" == "taskmill:taskmill 750" ]] || fail "/var/lib/taskmill: $(stat -c '%U:%G %a' /var/lib/taskmill)"
[[ "$(stat -c '%U:%G %a' /etc/taskmill/taskmilld.toml)" == "root:taskmill 640" ]] \
  || fail "taskmilld.toml: $(stat -c '%U:%G %a' /etc/taskmill/taskmilld.toml)"
[[ -L /etc/systemd/system/multi-user.target.wants/taskmilld.service ]] || fail "taskmilld.service not enabled"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
unit=/lib/systemd/system/taskmilld.service
exec_start="$(sed -n 's/^ExecStart=//p' "$unit")"
[[ -n "$exec_start" ]] || fail "no ExecStart in $unit"
# The unit's RuntimeDirectory=taskmill (0700) and Environment=XDG_RUNTIME_DIR=%t/taskmill, as systemd makes them.
install -d -m 0700 -o taskmill -g taskmill /run/taskmill
grep -qx 'Environment=XDG_RUNTIME_DIR=%t/taskmill' "$unit" || fail "the unit's environment changed: update this test"

echo "=== $exec_start (as taskmill, API on $url)"
# shellcheck disable=SC2086 # ExecStart is split into words as systemd does (no quoting in it)
(umask 0077; exec setpriv --reuid=taskmill --regid=taskmill --init-groups --reset-env \
  env XDG_RUNTIME_DIR=/run/taskmill TASKMILL_API_LISTEN="127.0.0.1:$port" $exec_start) \
  </dev/null >"$work/taskmilld.log" 2>&1 &
pid=$!
for _ in $(seq 1 900); do
  grep -q "^taskmilld: listening on $url" "$work/taskmilld.log" && break
  kill -0 "$pid" 2>/dev/null || fail "taskmilld exited before listening"
  sleep 0.2
done
grep -q "^taskmilld: listening on $url" "$work/taskmilld.log" || fail "taskmilld did not listen on $url within 180 s"
[[ -d /var/lib/taskmill/postgres ]] || fail "the embedded cluster is not in /var/lib/taskmill"
[[ "$(stat -c '%U %a' /var/lib/taskmill/local-token)" == "taskmill 600" ]] || fail "local-token: $(stat -c '%U %a' /var/lib/taskmill/local-token)"
token="$(cat /var/lib/taskmill/local-token)"

echo "=== a noop task over HTTP"
code="$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/tasks")"
[[ "$code" == 401 ]] || fail "a request without credentials got $code, expected 401 (auth.local_anonymous = false)"
created="$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"type":"noop","title":"package test"}' "$url/api/v1/tasks")" || fail "POST /api/v1/tasks"
id="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$created")"
status=""
for _ in $(seq 1 150); do
  status="$(curl -sf -H "Authorization: Bearer $token" "$url/api/v1/tasks/$id" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
  [[ "$status" == COMPLETED ]] && break
  sleep 0.2
done
[[ "$status" == COMPLETED ]] || fail "task $id is $status, expected COMPLETED"
echo "task $id COMPLETED"

echo "=== the app"
home="$work/home"
mkdir -p "$home/run"
chmod 700 "$home/run"
app_env=(env -i PATH=/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$home/run" QT_QPA_PLATFORM=offscreen)
version="$(dpkg-deb -f "$app_deb" Version)"
[[ "$("${app_env[@]}" taskmill --version)" == "taskmill $version" ]] || fail "taskmill --version: $("${app_env[@]}" taskmill --version)"
"${app_env[@]}" LANG=ru_RU.UTF-8 LANGUAGE=ru taskmill --help | grep -q 'Настольный клиент' \
  || fail "taskmill --help in Russian: the compiled translations were not found"
check="$("${app_env[@]}" timeout 60 taskmill --check-connection "$url" 2>&1)" || fail "taskmill --check-connection: $check"
echo "$check"
[[ "$check" == "taskmill: connected to $url"* ]] || fail "unexpected: $check"

echo "=== stop, migrate --dry-run"
stop_taskmilld || fail "taskmilld did not exit 0 on SIGTERM"
dry="$(cd / && setpriv --reuid=taskmill --regid=taskmill --init-groups --reset-env \
  env XDG_RUNTIME_DIR=/run/taskmill taskmilld --config /etc/taskmill/taskmilld.toml migrate --dry-run 2>>"$work/taskmilld.log")" \
  || fail "taskmilld migrate --dry-run"
echo "$dry"
[[ "$dry" == *"is up to date; no migrations would be applied"* ]] || fail "unexpected dry run: $dry"

echo "=== purge"
files="$(dpkg -L taskmill taskmill-server | sort -u)"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q taskmill taskmill-server || fail "apt-get purge"
for pkg in taskmill taskmill-server; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ -z "$status" || "$status" == *not-installed* ]] || fail "$pkg after purge: $status"
done
left=()
while read -r f; do
  # Directories other packages own too (/usr/bin, /usr/share/icons/…) stay; ours must be gone.
  [[ -e "$f" && ! -d "$f" ]] && left+=("$f")
done <<<"$files"
for d in /etc/taskmill /usr/share/doc/taskmill /usr/share/doc/taskmill-server \
         /etc/systemd/system/taskmilld.service /etc/systemd/system/multi-user.target.wants/taskmilld.service; do
  [[ -e "$d" || -L "$d" ]] && left+=("$d")
done
compgen -G '/var/lib/systemd/deb-systemd-helper-*/*taskmilld*' >/dev/null && left+=(/var/lib/systemd/deb-systemd-helper-*/*taskmilld*)
getent passwd taskmill >/dev/null && left+=("account taskmill")
getent group taskmill >/dev/null && left+=("group taskmill")
[[ ${#left[@]} -eq 0 ]] || fail "left after purge: ${left[*]}"
[[ -d /var/lib/taskmill/postgres ]] || fail "purge removed the data dir /var/lib/taskmill (it must stay)"
echo "purged: only /var/lib/taskmill is left"

echo "=== reinstall over the kept data dir"
old_owner="$(stat -c '%u:%g' /var/lib/taskmill/postgres)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$server_deb" || fail "apt-get install after purge"
[[ "$(id -u taskmill):$(id -g taskmill)" == "$old_owner" ]] \
  || fail "the new account is $(id -u taskmill):$(id -g taskmill), the kept data belongs to $old_owner"
dry="$(cd / && setpriv --reuid=taskmill --regid=taskmill --init-groups --reset-env \
  env XDG_RUNTIME_DIR=/run/taskmill taskmilld --config /etc/taskmill/taskmilld.toml migrate --dry-run 2>>"$work/taskmilld.log")" \
  || fail "taskmilld migrate --dry-run on the kept data dir"
[[ "$dry" == *"is up to date"* ]] || fail "unexpected dry run on the kept data dir: $dry"
echo "the new account owns the kept data ($old_owner); its schema is up to date"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q taskmill-server || fail "second purge"
echo "the test removes what it made in /var/lib/taskmill now"
