# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# One INTERFACE target carries the language level, warnings and strict Qt defines for every library.
add_library(taskmill_config INTERFACE)
target_compile_features(taskmill_config INTERFACE cxx_std_20)
target_compile_options(taskmill_config INTERFACE -Wall -Wextra)
target_compile_definitions(taskmill_config INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_DISABLE_DEPRECATED_UP_TO=0x060400
  TASKMILL_VERSION="${PROJECT_VERSION}")
