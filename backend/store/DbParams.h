// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QString>

namespace taskmill {

// Connection parameters parsed from a libpq URI: postgresql://user:pass@host:port/db?host=/socket/dir&port=N
// (the `host` query parameter selects a unix socket directory, as libpq does).
struct DbParams
{
    QString host;     // host name, or a socket directory when it starts with '/'
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options;  // extra QPSQL connect options

    static Result<DbParams> fromUrl(const QString &url);
    QString describe() const; // for logs: no password
};

} // namespace taskmill
