# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# Debian's hardening build flags (what `dpkg-buildflags` gives with hardening=+all), so every normal build
# produces binaries lintian accepts in the .deb packages (docs/packages.md): stack protector, fortified libc
# calls, format-string checks, a read-only GOT resolved at load time. PIE is the compiler default on Debian.
# Off under the sanitizers: ASan replaces the fortified calls and the instrumented build is never packaged.
# _FORTIFY_SOURCE needs optimisation, so it is left out of Debug builds (glibc warns there otherwise).
set(hardening_default OFF)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND NOT (TASKMILL_SANITIZE OR TASKMILL_FUZZ))
  set(hardening_default ON)
endif()
option(TASKMILL_HARDENING "Build with Debian's hardening flags (stack protector, FORTIFY_SOURCE, relro, now)"
       ${hardening_default})
if(NOT TASKMILL_HARDENING)
  return()
endif()
add_compile_options(-fstack-protector-strong -Wformat -Werror=format-security)
add_compile_definitions($<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
add_link_options(LINKER:-z,relro LINKER:-z,now)
