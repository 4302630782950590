// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "store/DbParams.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace taskmill {

// Whether a commit on a connection waits for its WAL to be flushed. `Flush` is PostgreSQL's default and
// what every write a client is told about needs. `NoFlush` (synchronous_commit = off for the session) is
// for writes that something else redoes if a server crash loses them: the PENDING mark (the claim accepts
// NEW; the reconciler re-dispatches) and the executor's claim (the entry stays pending and is reclaimed).
// WAL is flushed in order, so a later flushed commit (the task's result) makes an earlier unflushed one
// durable too.
enum class CommitWait { Flush, NoFlush };

// Qt Sql connections are thread-affine: every thread gets its own named connection
// "<base>-<thread id>", opened on first use and reopened after the server went away.
class Database final
{
public:
    // statementTimeoutMs > 0: every statement on these connections is cancelled past it (SQLSTATE 57014, which
    // dbError() answers as Timeout). For connections whose queries a client shapes (the api's).
    explicit Database(DbParams params, QString baseName = QStringLiteral("taskmill"),
                      CommitWait commitWait = CommitWait::Flush, int statementTimeoutMs = 0);

    // The calling thread's open connection, or Unavailable when PostgreSQL cannot be reached.
    Result<QSqlDatabase> connection() const;
    // Drops the calling thread's connection (call before the thread ends).
    void closeThreadConnection() const;

    const DbParams &params() const { return m_params; }

private:
    DbParams m_params;
    QString m_base;
    CommitWait m_commitWait;
    int m_statementTimeoutMs;
};

// A prepared query kept for the life of this thread's connection. QPSQL otherwise PREPAREs, EXECUTEs and
// DEALLOCATEs a statement on every use (three round trips and a fresh plan); hot-path statements reuse one
// server-side prepared statement instead. Returns nullptr (with `error` set) when preparing failed.
// Bind with addBindValue() as usual: exec() resets the bind position. Not for re-entrant use.
QSqlQuery *preparedQuery(QSqlDatabase &db, const QString &sql, QSqlError *error);
void forgetPreparedQueries(const QString &connectionName);
// Runs a kept prepared statement that answers one number (a count of the rows it changed, say).
// `what` names the step in the error.
Result<qint64> preparedScalar(QSqlDatabase &db, const QString &sql, const QVariantList &binds, const QString &what);

// Maps a failed query to the API error and counts it in taskmill_db_errors_total: lost connections are
// Unavailable (503), values PostgreSQL refuses (SQLSTATE class 22) Validation (422), a statement cancelled
// by its statement_timeout Timeout (504, with a hint), the rest Internal.
ApiError dbError(const QSqlError &error, const QString &what);
bool isConnectionError(const QSqlError &error);
bool isValueError(const QSqlError &error);
bool isStatementTimeout(const QSqlError &error);

} // namespace taskmill
