// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "store/DbParams.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

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

// A prepared query kept for the life of this thread's connection. QPSQL otherwise PREPAREs, EXECUTEs and
// DEALLOCATEs a statement on every use (three round trips and a fresh plan); hot-path statements reuse one
// server-side prepared statement instead. Returns nullptr (with `error` set) when preparing failed.
// Bind with addBindValue() as usual: exec() resets the bind position. Not for re-entrant use.
QSqlQuery *preparedQuery(QSqlDatabase &db, const QString &sql, QSqlError *error);
void forgetPreparedQueries(const QString &connectionName);

// Maps a failed query to the API error and counts it in taskmill_db_errors_total: lost connections are
// Unavailable (503), values PostgreSQL refuses (SQLSTATE class 22) Validation (422), the rest Internal.
ApiError dbError(const QSqlError &error, const QString &what);
bool isConnectionError(const QSqlError &error);
bool isValueError(const QSqlError &error);

} // namespace taskmill
