# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# Longest first: CTest orders a run by the times it recorded in its build dir, and in a fresh one (CI's clean
# clone) by COST, then by number, which would start the minute-long tests last and leave a core idle at the end.
# Approximate seconds under the sanitizers (docs/benchmarks.md, "Build and CI time"); a fuzz run's
# cost is its TASKMILL_FUZZ_SECONDS (tests/fuzz).
set(TASKMILL_TEST_COSTS
  e2e.PythonGrpcWorker 50 e2e.PythonWorker 40 e2e.CppWorker 35 e2e.AccessE2E 18 e2e.PinningE2E 14 e2e.GrpcWorker 14
  backend.TaskFilterSql 45 grpc.GrpcRegistry 40 backend.LiveEvents 37 scale.ScaleOut 38 app.LayoutFits 30
  backend.PoisonedInput 27 backend.Reliability 22 backend.ExecutorBehaviour 12 backend.Chaos 30)

# taskmill_test_cost(test): its COST from the list above, if it has one (call where the test was added).
function(taskmill_test_cost test)
  list(FIND TASKMILL_TEST_COSTS ${test} at)
  if(at GREATER_EQUAL 0)
    math(EXPR at "${at} + 1")
    list(GET TASKMILL_TEST_COSTS ${at} cost)
    set_tests_properties(${test} PROPERTIES COST ${cost})
  endif()
endfunction()

# taskmill_add_test(area Class [LIBS ...] [LABELS ...] [TIMEOUT s] [SERIAL])
# builds tests/<area>/test_<Class>.cpp and registers it as <area>.<Class>.
function(taskmill_add_test area cls)
  cmake_parse_arguments(T "SERIAL" "TIMEOUT" "LIBS;LABELS;SOURCES" ${ARGN})
  set(target test_${area}_${cls})
  add_executable(${target} ${CMAKE_SOURCE_DIR}/tests/${area}/test_${cls}.cpp ${T_SOURCES})
  target_link_libraries(${target} PRIVATE ${T_LIBS} taskmill_testsupport Qt6::Test)
  # Test code is not the product: -O1 compiles it a quarter faster than -O2, and under the sanitizers -O0 half as
  # long as -O1 (the product code they check stays at -O1; cmake/TaskmillBuildSpeed.cmake).
  if(TASKMILL_SANITIZE)
    target_compile_options(${target} PRIVATE -O0)
  else()
    target_compile_options(${target} PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O1>)
  endif()
  if(taskmill_app IN_LIST T_LIBS)
    taskmill_test_precompile(${target} ${area} APP ${T_LIBS})
  else()
    taskmill_test_precompile(${target} ${area} CORE ${T_LIBS})
  endif()
  add_test(NAME ${area}.${cls} COMMAND ${target})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  # The fixtures' taskmilld processes serve 127.0.0.1 without credentials, as --local does by default
  # (docs/security.md); the tests of accounts and permissions turn that off with --set, which wins.
  set(env "QT_QPA_PLATFORM=offscreen;TASKMILL_SOURCE_DIR=${CMAKE_SOURCE_DIR};TASKMILL_AUTH_LOCAL_ANONYMOUS=true")
  if(TARGET taskmilld)
    list(APPEND env "TASKMILLD_BIN=$<TARGET_FILE:taskmilld>")
  endif()
  set_tests_properties(${area}.${cls} PROPERTIES
    LABELS "${area};${T_LABELS}"
    TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "${env}")
  if(T_SERIAL)
    set_tests_properties(${area}.${cls} PROPERTIES RUN_SERIAL TRUE)
  endif()
  taskmill_test_cost(${area}.${cls})
endfunction()
