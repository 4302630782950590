#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
#
# Runs a test binary inside a private D-Bus session with an unlocked gnome-keyring (Secret Service), so
# QtKeychain has a real keychain without a desktop. HOME and XDG_RUNTIME_DIR point to temp dirs *before*
# the bus starts: a keyring daemon activated through D-Bus must not open the real user's keyring.
# The daemon runs in the foreground as our child and is stopped by PID afterwards.
# Exit 77 (CTest SKIP_RETURN_CODE) when the tools are missing.
set -euo pipefail
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "with-keyring: $tool not installed, skipping" >&2; exit 77; }
done
tmp=$(mktemp -d /tmp/tm-keyring.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/home" "$tmp/run"
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run"
unset DISPLAY DBUS_SESSION_BUS_ADDRESS
dbus-run-session -- bash -c '
  printf %s taskmill-test | gnome-keyring-daemon --foreground --unlock --components=secrets >"$HOME/keyring.log" 2>&1 &
  keyring=$!
  for _ in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.05
  done
  rc=0
  TASKMILL_TEST_KEYCHAIN=available "$@" || rc=$?
  kill "$keyring" 2>/dev/null || true
  wait "$keyring" 2>/dev/null || true
  exit "$rc"' with-keyring "$@" </dev/null
