// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/Result.h"
#include "store/DbParams.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace taskmill {

// Qt Sql connections are thread-affine: every thread gets its own named connection
// "<base>-<thread id>", opened on first use and reopened after the server went away.
class Database final
{
public:
    explicit Database(DbParams params, QString baseName = QStringLiteral("taskmill"));

    // The calling thread's open connection, or Unavailable when PostgreSQL cannot be reached.
    Result<QSqlDatabase> connection() const;
    // Drops the calling thread's connection (call before the thread ends).
    void closeThreadConnection() const;

    const DbParams &params() const { return m_params; }

private:
    DbParams m_params;
    QString m_base;
};

// Maps a failed query to the API error: lost connections are Unavailable, the rest Internal.
ApiError dbError(const QSqlError &error, const QString &what);
bool isConnectionError(const QSqlError &error);

} // namespace taskmill
