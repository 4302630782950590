# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# backend/local: private PostgreSQL/Redis processes and the `--local` embedded mode, against the real servers.
taskmill_add_test(backend LocalServices LIBS taskmill_local TIMEOUT 120)
