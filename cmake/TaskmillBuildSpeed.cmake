# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# Build time. A cold build of everything (product, ~110 test executables, benchmarks) twice per CI run — once
# plain, once under the sanitizers — was most of CI's 30-minute budget. Measured per source on the 2-core
# machine (docs/benchmarks.md, "Build time"): parsing Qt's headers is about half of a backend source's compile,
# full DWARF another fifth, and the default linker spends ~3 s on each 100 MB test executable. So:
# - precompiled headers (TASKMILL_PCH) for the Qt and standard headers most sources include: each library builds
#   its own; the tests of one area that link the same libraries reuse one;
# - RelWithDebInfo keeps line tables only (-g1): backtraces and sanitizer reports still name file and line;
#   TASKMILL_FULL_DEBUG_INFO=ON restores full -g for a debugging session;
# - gold links when present (TASKMILL_GOLD): a test executable links in 1.2 s instead of 3 s.
option(TASKMILL_PCH "Precompiled Qt and standard headers (build time only)" ON)
option(TASKMILL_FULL_DEBUG_INFO "Full debug info in RelWithDebInfo (default: line tables only)" OFF)
find_program(TASKMILL_LD_GOLD ld.gold)
set(gold_default OFF)
if(TASKMILL_LD_GOLD)
  set(gold_default ON)
endif()
option(TASKMILL_GOLD "Link with gold (faster than ld.bfd)" ${gold_default})

if(NOT TASKMILL_FULL_DEBUG_INFO)
  # After CMAKE_CXX_FLAGS_RELWITHDEBINFO's -g on the command line, so this level wins.
  add_compile_options($<$<CONFIG:RelWithDebInfo>:-g1>)
endif()
if(TASKMILL_GOLD)
  add_link_options(-fuse-ld=gold)
endif()

# The headers each kind of source includes most (counted over the tree); a header here costs every source of the
# target a little, so only the widely used ones.
set(TASKMILL_PCH_CORE
  <QByteArray> <QDateTime> <QHash> <QJsonArray> <QJsonDocument> <QJsonObject> <QJsonValue> <QList> <QObject>
  <QSet> <QString> <QStringList> <QTimer> <QUrl> <QUrlQuery> <QUuid>
  <algorithm> <functional> <memory> <optional> <utility> <vector>)
set(TASKMILL_PCH_BACKEND ${TASKMILL_PCH_CORE}
  <QHttpServer> <QSqlDatabase> <QSqlError> <QSqlQuery> <QThread> <atomic> <mutex>)
set(TASKMILL_PCH_APP ${TASKMILL_PCH_CORE}
  <QAction> <QCheckBox> <QComboBox> <QDialog> <QDialogButtonBox> <QFormLayout> <QHBoxLayout> <QHeaderView>
  <QLabel> <QLineEdit> <QLocale> <QMessageBox> <QPushButton> <QStyle> <QTableView> <QVBoxLayout> <QWidget>)
set(TASKMILL_PCH_TEST <QSignalSpy> <QTemporaryDir> <QTest>)

# taskmill_precompile(target CORE|BACKEND|APP): the target's own precompiled header.
function(taskmill_precompile target kind)
  if(TASKMILL_PCH)
    target_precompile_headers(${target} PRIVATE ${TASKMILL_PCH_${kind}})
  endif()
endfunction()

# taskmill_test_precompile(target area kind libs...): a test executable reuses the precompiled header of the tests
# of its area that link exactly the same libraries (so their defines agree: clang refuses a precompiled header
# built with other macros, gcc would quietly parse the text), with the headers of `kind` (CORE or APP: only
# headers every such test can reach), built once by an object library that links what those tests link.
function(taskmill_test_precompile target area kind)
  if(NOT TASKMILL_PCH)
    return()
  endif()
  string(JOIN "_" libs ${ARGN})
  string(MAKE_C_IDENTIFIER "taskmill_pch_${area}_${kind}_${libs}" holder)
  string(TOLOWER "${holder}" holder)
  if(NOT TARGET ${holder})
    set(stub ${CMAKE_CURRENT_BINARY_DIR}/${holder}.cpp)
    file(WRITE ${stub} "// The precompiled header of the ${area} tests is built with this empty source.\n")
    add_library(${holder} OBJECT ${stub})
    get_target_property(libs ${target} LINK_LIBRARIES)
    target_link_libraries(${holder} PRIVATE ${libs})
    get_target_property(options ${target} COMPILE_OPTIONS)
    if(options)
      target_compile_options(${holder} PRIVATE ${options})
    endif()
    set_target_properties(${holder} PROPERTIES AUTOMOC OFF)
    target_precompile_headers(${holder} PRIVATE ${TASKMILL_PCH_${kind}} ${TASKMILL_PCH_TEST})
  endif()
  target_precompile_headers(${target} REUSE_FROM ${holder})
endfunction()
