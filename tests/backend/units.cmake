# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# backend: pure unit tests (no PostgreSQL/Redis): configuration, SQL array literals, URL parsing,
# built-in handlers and the executor's priority order.
foreach(cls ConfigLoader CommandLine PgArray DbParams HandlerRegistry PriorityOrder)
  taskmill_add_test(backend ${cls} LIBS taskmill_backend TIMEOUT 60)
endforeach()
# respondLater(): a pool thread's reply written once on the server thread, whatever the timing (an in-process
# QHttpServer on 127.0.0.1).
taskmill_add_test(backend HttpReply LIBS taskmill_backend TIMEOUT 60)
# process_image on real files with real libvips: the test makes its own PNG/JPEG inputs.
taskmill_add_test(backend ImageHandler LIBS taskmill_backend PkgConfig::VIPS TIMEOUT 120)
# http, download_files and send_email against real servers: tests/backend/network_test_servers.py (HTTP, and an
# aiosmtpd SMTP sink from python3-aiosmtpd) run with Debian's Python.
taskmill_add_test(backend NetworkHandlers LIBS taskmill_backend TIMEOUT 120)
# send_email over STARTTLS and smtps with a login, against aiosmtpd servers that require both.
taskmill_add_test(backend SmtpTls LIBS taskmill_backend TIMEOUT 120)
