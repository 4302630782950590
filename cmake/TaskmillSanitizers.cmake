# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# Sanitizer builds (docs/security.md, "Sanitizers"). One flag list for both options, added to every project
# source; Qt and the other system libraries stay uninstrumented.
# - TASKMILL_SANITIZE: AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, every UB report
#   fatal; `scripts/test --sanitize` builds build-sanitize/ with it (and TASKMILL_FUZZ) and runs every test.
# - TASKMILL_FUZZ: the same plus libFuzzer's coverage instrumentation; only the harnesses in tests/fuzz link
#   libFuzzer itself (tests/fuzz/CMakeLists.txt).
# Frame pointers keep ASan's fast unwinder usable through our own frames (Debian's Qt has none).
if(NOT (TASKMILL_SANITIZE OR TASKMILL_FUZZ))
  return()
endif()
if(TASKMILL_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "TASKMILL_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-15")
endif()
set(sanitizers address,undefined)
if(TASKMILL_FUZZ)
  set(sanitizers fuzzer-no-link,${sanitizers})
endif()
# Also handed to projects the tests build against this tree (e2e.CppWorker), so they link the same runtime.
set(TASKMILL_SANITIZER_FLAGS -fsanitize=${sanitizers} -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
add_compile_options(${TASKMILL_SANITIZER_FLAGS})
# -O1 as the sanitizers' documentation advises: reports stay exact, and the instrumented build compiles much
# faster than at -O2 (cmake/TaskmillBuildSpeed.cmake); after the build type's -O2, so it wins.
add_compile_options(-O1)
add_link_options(-fsanitize=address,undefined)
