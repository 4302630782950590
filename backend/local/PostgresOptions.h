// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>
#include <QStringList>

namespace taskmill {

// Where and how a private PostgreSQL runs (see PostgresProcess).
struct PostgresOptions
{
    QString dataDir;   // cluster directory; initdb runs on the first start
    QString socketDir; // holds .s.PGSQL.<port>; the whole socket path must stay under 108 bytes
    int port = 5432;   // only names the socket file: TCP is off (listen_addresses='')
    bool durable = true; // false => fsync, synchronous_commit and full_page_writes off: tests only
    QString user = QStringLiteral("taskmill");
    QString database = QStringLiteral("taskmill");
    QString logFile;     // server output, appended; default: <dataDir>.log
    QStringList extraSettings; // "key=value", each passed as -c key=value (later ones win)
};

} // namespace taskmill
