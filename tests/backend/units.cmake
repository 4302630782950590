# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# backend: pure unit tests (no PostgreSQL/Redis): configuration, SQL array literals, URL parsing,
# built-in handlers and the executor's priority order.
foreach(cls ConfigLoader CommandLine PgArray DbParams HandlerRegistry PriorityOrder)
  taskmill_add_test(backend ${cls} LIBS taskmill_backend TIMEOUT 60)
endforeach()
