#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
#
# package.Build: build-packages.sh CMAKE BUILD_DIR — cpack both packages of BUILD_DIR into $TASKMILL_PACKAGE_DIR
# and unpack each into $TASKMILL_PACKAGE_DIR/root-<package> (files) and control-<package> (control files).
set -euo pipefail

cmake="$1"
build="$2"
out="${TASKMILL_PACKAGE_DIR:?}"
cpack="$(dirname "$cmake")/cpack"

rm -rf "$out"
mkdir -p "$out"
(cd "$build" && "$cpack" --config "$build/CPackConfig.cmake" -B "$out")
for pkg in taskmill taskmill-server; do
  debs=("$out"/"${pkg}"_*.deb)
  [[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || { echo "build-packages: expected one ${pkg}_*.deb in $out" >&2; exit 1; }
  dpkg-deb -x "${debs[0]}" "$out/root-$pkg"
  dpkg-deb -e "${debs[0]}" "$out/control-$pkg"
  echo "=== ${debs[0]##*/}"
  dpkg-deb -I "${debs[0]}"
  dpkg-deb -c "${debs[0]}"
done
