#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
#
# check-packages.sh CHECK TASKMILLD — one static check of the packages package.Build left in
# $TASKMILL_PACKAGE_DIR (the .debs, root-<package>/ and control-<package>/):
#   Lintian       lintian on both packages: no error or warning (overrides, with reasons, ship in the packages)
#   DesktopFile   desktop-file-validate; the Exec binary and every hicolor icon size are in the package
#   AppStream     appstreamcli validate --no-net; release = package version; each screenshot exists in docs/screenshots
#   SystemdUnits  systemd-analyze verify of both units (the template as taskmilld@api), silent, and the exposure score of
#                 systemd-analyze security, no worse than docs/packages.md records
#   Config        every key of docs/configuration.md is in the shipped taskmilld.toml; taskmilld accepts the file
#                 as shipped and with every commented key switched on
set -euo pipefail

check="$1"
taskmilld="$2"
out="${TASKMILL_PACKAGE_DIR:?}"
src="${TASKMILL_SOURCE_DIR:?}"
app="$out/root-taskmill"
server="$out/root-taskmill-server"
# The exposure docs/packages.md records; a change to the units that raises it must update the docs too.
max_exposure="1.3"

fail() { echo "FAIL: $*" >&2; exit 1; }

case "$check" in
Lintian)
  # --fail-on: a non-zero exit for any E: or W: tag that is not overridden. I: tags are shown, not fatal.
  lintian --tag-display-limit 0 --display-info --fail-on error,warning "$out"/taskmill_*.deb "$out"/taskmill-server_*.deb
  echo "lintian: no errors or warnings"
  ;;

DesktopFile)
  desktop="$app/usr/share/applications/taskmill.desktop"
  desktop-file-validate "$desktop"
  exec_bin="$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")"
  [[ -x "$app/usr/bin/$exec_bin" ]] || fail "Exec=$exec_bin is not /usr/bin/$exec_bin in the package"
  icon="$(sed -n 's/^Icon=//p' "$desktop")"
  [[ -f "$app/usr/share/icons/hicolor/scalable/apps/$icon.svg" ]] || fail "no scalable $icon.svg"
  for size in 16 22 24 32 48 64 128 256; do
    png="$app/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png"
    [[ -f "$png" ]] || fail "no ${size}x${size} $icon.png"
    file "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}x${size} PNG: $(file -b "$png")"
  done
  echo "desktop entry valid; Exec and icons (scalable + 8 PNG sizes) present"
  ;;

AppStream)
  id="${TASKMILL_APPSTREAM_ID:?}"
  metainfo="$app/usr/share/metainfo/$id.metainfo.xml"
  appstreamcli validate --no-net "$metainfo"
  version="$(dpkg-deb -f "$out"/taskmill_*.deb Version)"
  grep -q "<release version=\"$version\"" "$metainfo" || fail "no <release version=\"$version\"> in $metainfo"
  grep -q '<content_rating type="oars-1.1"' "$metainfo" || fail "no OARS content rating"
  shots=0
  while read -r url; do
    [[ "$url" == https://* ]] || fail "screenshot URL is not https: $url"
    [[ -f "$src/docs/screenshots/${url##*/}" ]] || fail "screenshot $url: no docs/screenshots/${url##*/}"
    shots=$((shots + 1))
  done < <(sed -n 's|.*<image>\(.*\)</image>.*|\1|p' "$metainfo")
  [[ $shots -gt 0 ]] || fail "no screenshots"
  echo "metainfo valid; release $version; $shots screenshots, each in docs/screenshots"
  ;;

SystemdUnits)
  units="$server/lib/systemd/system"
  [[ -x "$server/usr/bin/taskmilld" ]] || fail "no usr/bin/taskmilld in the package"
  [[ -f "$server/usr/share/man/man8/taskmilld.8.gz" ]] || fail "no taskmilld(8), the units' Documentation="
  # verify checks that ExecStart's binary exists: copies of the units run the unpacked package's taskmilld.
  # It exits 0 for unknown keys and bad values too, so any message fails the check.
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  for unit in taskmilld.service taskmilld@.service; do
    sed "s|/usr/bin/taskmilld|$server/usr/bin/taskmilld|" "$units/$unit" >"$tmp/$unit"
  done
  for unit in taskmilld.service taskmilld@api.service; do
    messages="$(systemd-analyze verify --man=no "$tmp/$unit" 2>&1)" || fail "systemd-analyze verify $unit: $messages"
    [[ -z "$messages" ]] || fail "systemd-analyze verify $unit: $messages"
    echo "systemd-analyze verify $unit: clean"
  done
  for unit in taskmilld.service taskmilld@.service; do
    for key in "ProtectSystem=strict" "NoNewPrivileges=yes" "PrivateTmp=yes" "ProtectHome=yes" \
               "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6" "SystemCallFilter=@system-service" \
               "CapabilityBoundingSet=" "StateDirectory=taskmill" "User=taskmill"; do
      grep -qx "$key" "$units/$unit" || fail "$unit: no line '$key'"
    done
    score="$(systemd-analyze security --offline=true --no-pager "$units/$unit" 2>&1 \
             | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')"
    [[ -n "$score" ]] || fail "$unit: no exposure score from systemd-analyze security"
    echo "$unit: exposure $score (at most $max_exposure)"
    awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s <= m) }' || fail "$unit: exposure $score > $max_exposure"
  done
  grep -q -- '--role %i' "$units/taskmilld@.service" || fail "taskmilld@.service does not pass --role %i"
  ;;

Config)
  toml="$server/etc/taskmill/taskmilld.toml"
  [[ -f "$toml" ]] || fail "no etc/taskmill/taskmilld.toml in the package"
  grep -qx '/etc/taskmill/taskmilld.toml' "$out/control-taskmill-server/conffiles" || fail "taskmilld.toml is not a conffile"
  python3 - "$src/docs/configuration.md" "$toml" <<'PY'
import re, sys
doc, toml = sys.argv[1], sys.argv[2]
documented = set()
for line in open(doc, encoding="utf-8"):
    if not line.startswith("| `"):
        continue
    first = line.split("|")[1]
    keys = re.findall(r"`([^`]+)`", first)
    base = None
    for k in keys:
        if k.startswith(".") and base:
            k = base.rsplit(".", 1)[0] + k
        base = k
        if "<" not in k:
            documented.add(k)
shipped, section = set(), ""
for line in open(toml, encoding="utf-8"):
    m = re.match(r"^#?\s*\[([A-Za-z0-9_.]+)\]\s*$", line)
    if m:
        section = m.group(1)
        continue
    m = re.match(r'^#?\s*"?([A-Za-z0-9_.]+)"?\s*=', line)
    if m:
        shipped.add(f"{section}.{m.group(1)}" if section else m.group(1))
missing = sorted(documented - shipped)
if missing:
    sys.exit("keys of docs/configuration.md missing in taskmilld.toml: " + ", ".join(missing))
print(f"all {len(documented)} documented keys are in taskmilld.toml")
PY
  # Exit 2 = a configuration error; with unreachable servers named on the command line (flags win over the
  # file), a file taskmilld accepts ends in exit 1 ("database not ready") without starting anything.
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  sed -E -e 's/^# ?(\[[A-Za-z0-9_.]+\])/\1/' -e 's/^# ?("?[A-Za-z0-9_.]+"? = )/\1/' "$toml" >"$tmp/all-keys.toml"
  for file in "$toml" "$tmp/all-keys.toml"; do
    status=0
    "$taskmilld" --config "$file" --postgres "postgresql://taskmill@/taskmill?host=$tmp/none" \
      --redis "unix://$tmp/none/redis.sock" migrate --dry-run >"$tmp/log" 2>&1 || status=$?
    [[ $status -eq 1 ]] || { cat "$tmp/log" >&2; fail "taskmilld --config ${file##*/}: exit $status, expected 1"; }
  done
  echo "taskmilld accepts taskmilld.toml as shipped and with every key switched on"
  ;;

*)
  fail "unknown check $check"
  ;;
esac
