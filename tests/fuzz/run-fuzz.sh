#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
#
# run-fuzz.sh replay|fuzz HARNESS CORPUS_DIR [libFuzzer flags...] — how CTest runs a libFuzzer harness
# (tests/fuzz/CMakeLists.txt, TASKMILL_FUZZ builds). libFuzzer adds what it finds to its corpus directory, so
# it always works on a temporary copy: a test never writes into the source tree. A crash leaves its input
# (crash-*, leak-*, timeout-*) in $TASKMILL_FUZZ_ARTIFACTS (default: the current directory, i.e. the build's
# tests/fuzz) and fails the test.
set -euo pipefail

mode="$1" harness="$2" corpus="$3"
shift 3
work="$(mktemp -d /tmp/tm-fuzz-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp -R "$corpus/." "$work/"
artifacts="${TASKMILL_FUZZ_ARTIFACTS:-$PWD}/"
# A UBSan report names its stack too (the build makes every report fatal). ASan records where every block
# was allocated, but Debian's Qt has no frame pointers: unwinding through it yields ever new "stacks" and the
# depot that keeps them grows without end (TaskJson: 1 GB, 30 % of the time in it). Rerun a finding with
# ASAN_OPTIONS=fast_unwind_on_malloc=0 for allocation stacks.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0}"
case "$mode" in
  # Every input once, nothing new searched for: the regression check under the sanitizers.
  replay) "$harness" -runs=0 -artifact_prefix="$artifacts" "$@" "$work" ;;
  fuzz) "$harness" -print_final_stats=1 -artifact_prefix="$artifacts" "$@" "$work" ;;
  *) echo "run-fuzz.sh: unknown mode '$mode' (replay, fuzz)" >&2; exit 2 ;;
esac
