# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
# Two Debian 12 packages from one build (`cmake --build <dir> --target package`, scripts/package; docs/packages.md):
#   taskmill        component app:    the desktop app, its desktop entry, icons, AppStream metadata, man page
#   taskmill-server component server: taskmilld, /etc/taskmill/taskmilld.toml, the systemd units, man page,
#                                     maintainer scripts for the `taskmill` account and the service
# Depends come from dpkg-shlibdeps plus the Qt plugins each program loads at run time (no link dependency).
# The packages land in <build>/packages. Included last by the top-level CMakeLists.txt, after every install().
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME taskmill)
set(CPACK_PACKAGE_VENDOR "Taskmill developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${TASKMILL_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
# Install under /usr whatever the build dir's CMAKE_INSTALL_PREFIX; DESTDIR keeps /etc and /lib inside the package.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL)
if(TASKMILL_BUILD_APP)
  list(APPEND CPACK_COMPONENTS_ALL app)
endif()
if(TASKMILL_BUILD_BACKEND)
  list(APPEND CPACK_COMPONENTS_ALL server)
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TASKMILL_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${TASKMILL_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_APP_PACKAGE_NAME taskmill)
set(CPACK_DEBIAN_APP_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_APP_DESCRIPTION "desktop client for the Taskmill task queue
Taskmill is a native admin and monitor client for asynchronous task
processing: a live task table with filters and search, task details and
history, dead-letter review, a dashboard of throughput, queues and workers,
the handler registry, accounts and the audit log.
.
It talks to taskmilld (package taskmill-server) on this computer or on a
server; without one it starts a private backend for the user.")
# Loaded as plugins: the SVG icon engine.
set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "taskmill-server, qt6-translations-l10n")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME taskmill-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION admin)
set(CPACK_COMPONENT_SERVER_DESCRIPTION "Taskmill task queue backend (taskmilld)
taskmilld runs the Taskmill task queue: a REST API with live events, an
executor (worker pool), a notifier and a scheduler over PostgreSQL and
Redis Streams. Every state change is committed to PostgreSQL; Redis is a
fast, rebuildable index of what to run next.
.
As installed, the taskmilld service runs embedded mode: its own private
PostgreSQL 15 and Redis in /var/lib/taskmill, reachable only through unix
sockets, with the API on 127.0.0.1:8080. Two lines in
/etc/taskmill/taskmilld.toml switch to external servers; the
taskmilld@.service template runs one role per unit.")
# Loaded as plugins: the PostgreSQL driver of Qt Sql. adduser: the postinst creates the `taskmill` account.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-psql")
# Embedded mode runs these servers' binaries (/usr/lib/postgresql/15/bin, redis-server).
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "postgresql-15, redis-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/installer/debian/server/conffiles
    ${PROJECT_SOURCE_DIR}/installer/debian/server/postinst
    ${PROJECT_SOURCE_DIR}/installer/debian/server/prerm
    ${PROJECT_SOURCE_DIR}/installer/debian/server/postrm)

include(CPack)
