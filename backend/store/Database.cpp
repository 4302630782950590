// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/Database.h"

#include "store/Transaction.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>

#include <libpq-fe.h>
#include <poll.h>

#include <map>
#include <memory>

namespace taskmill {

namespace {
// Whether PostgreSQL closed this idle connection (a restart, pg_terminate_backend, an idle timeout). The server
// says so by closing the socket, which then reads as ready: one poll() without waiting, and libpq reads what is
// there only when something is. Found here, the connection is opened afresh instead of failing the caller's first
// statement with a 503 that a client would have to retry.
bool closedByServer(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // QPSQL's handle; Qt 6 names the type after libpq's struct (pg_conn*), older versions by its typedef.
    if (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0)
        return false; // not QPSQL: nothing to look at
    PGconn *conn = *static_cast<PGconn *const *>(handle.constData());
    // Inside a transaction (a caller on this thread holds one open) the connection is never swapped: statements
    // after a silent reconnect would run outside it, and its COMMIT would "succeed" on the new session. There the
    // next statement fails instead (Unavailable) and the transaction rolls back, as before.
    if (transactionOpen(db.connectionName()) || (conn && PQtransactionStatus(conn) == PQTRANS_INTRANS))
        return false;
    if (!conn || PQstatus(conn) == CONNECTION_BAD)
        return true;
    pollfd p{PQsocket(conn), POLLIN, 0};
    if (p.fd < 0)
        return true;
    if (::poll(&p, 1, 0) <= 0)
        return false; // nothing to read: as alive as a connection can be seen to be without a round trip
    if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
        return true;
    // Something arrived unasked: the server's goodbye (an error, then the end), or a harmless notice.
    return !PQconsumeInput(conn) || PQstatus(conn) == CONNECTION_BAD;
}
} // namespace

Database::Database(DbParams params, QString baseName, CommitWait commitWait, int statementTimeoutMs)
    : m_params(std::move(params)), m_base(std::move(baseName)), m_commitWait(commitWait),
      m_statementTimeoutMs(statementTimeoutMs)
{
}

Result<QSqlDatabase> Database::connection() const
{
    const QString name = m_base + u'-' + QString::number(quintptr(QThread::currentThreadId()), 16);
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (db.isOpen()) {
        if (!closedByServer(db))
            return db;
        // Reopened below. (Closed while a statement runs, the statement fails instead: Unavailable, and the next
        // call lands here.)
        qCInfo(lcStore).noquote() << "PostgreSQL closed connection" << name << "while idle; connecting again";
        Metrics::countDbError("reconnect");
        forgetPreparedQueries(name);
        db.close();
    }
    db.setHostName(m_params.host);
    db.setPort(m_params.port);
    db.setUserName(m_params.user);
    db.setPassword(m_params.password);
    db.setDatabaseName(m_params.database);
    db.setConnectOptions(m_params.options);
    if (!db.open()) {
        const QString msg = db.lastError().text();
        qCWarning(lcStore).noquote() << "cannot connect to PostgreSQL" << m_params.describe() << ':' << msg;
        Metrics::countDbError("connect");
        return ApiError::unavailable(QStringLiteral("PostgreSQL is unavailable: ") + msg.simplified());
    }
    QSqlQuery q(db);
    QString setup = QStringLiteral("SET application_name = 'taskmilld'");
    if (m_commitWait == CommitWait::NoFlush)
        setup += QStringLiteral("; SET synchronous_commit = off");
    if (m_statementTimeoutMs > 0)
        setup += QStringLiteral("; SET statement_timeout = %1").arg(m_statementTimeoutMs);
    if (!q.exec(setup)) {
        // A connection whose session settings failed is not the one the caller asked for.
        const ApiError e = dbError(q.lastError(), QStringLiteral("session settings"));
        db.close();
        return e;
    }
    return db;
}

void Database::closeThreadConnection() const
{
    const QString name = m_base + u'-' + QString::number(quintptr(QThread::currentThreadId()), 16);
    forgetPreparedQueries(name);
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

namespace {
// Per thread: connection name → (SQL → prepared query). Dropped with the connection.
thread_local std::map<QString, std::map<QString, std::unique_ptr<QSqlQuery>>> t_prepared;
} // namespace

QSqlQuery *preparedQuery(QSqlDatabase &db, const QString &sql, QSqlError *error)
{
    auto &cache = t_prepared[db.connectionName()];
    auto it = cache.find(sql);
    if (it != cache.end())
        return it->second.get();
    auto q = std::make_unique<QSqlQuery>(db);
    q->setForwardOnly(true);
    if (!q->prepare(sql)) {
        if (error)
            *error = q->lastError();
        return nullptr;
    }
    return cache.emplace(sql, std::move(q)).first->second.get();
}

Result<qint64> preparedScalar(QSqlDatabase &db, const QString &sql, const QVariantList &binds, const QString &what)
{
    QSqlError prepareError;
    QSqlQuery *q = preparedQuery(db, sql, &prepareError);
    if (!q)
        return dbError(prepareError, QStringLiteral("prepare ") + what);
    for (const QVariant &b : binds)
        q->addBindValue(b);
    if (!q->exec() || !q->next())
        return dbError(q->lastError(), what);
    const qint64 value = q->value(0).toLongLong();
    q->finish();
    return value;
}

void forgetPreparedQueries(const QString &connectionName)
{
    t_prepared.erase(connectionName);
}

bool isConnectionError(const QSqlError &e)
{
    // QPSQL reports a statement on a connection the server dropped as a failure without any text.
    if (e.type() == QSqlError::ConnectionError || (e.databaseText().isEmpty() && e.driverText().isEmpty()))
        return true;
    const QString t = e.databaseText() + e.driverText();
    // libpq reports a dropped server connection as a statement error; SQLSTATE 57P01 is admin shutdown.
    return t.contains(QLatin1String("server closed the connection"))
        || t.contains(QLatin1String("no connection to the server"))
        || t.contains(QLatin1String("terminating connection"))
        || t.contains(QLatin1String("could not send data")) || e.nativeErrorCode().startsWith(QLatin1String("57P"))
        || e.nativeErrorCode().startsWith(QLatin1String("08"));
}

bool isValueError(const QSqlError &e)
{
    // SQLSTATE class 22 (data exception): a value PostgreSQL cannot store or compare, such as a NUL in
    // text, an unpaired surrogate in jsonb or a timestamp out of range. The value came from a client.
    return e.nativeErrorCode().startsWith(QLatin1String("22"));
}

bool isStatementTimeout(const QSqlError &e)
{
    return e.nativeErrorCode() == QLatin1String("57014"); // query_canceled: statement_timeout (we never cancel otherwise)
}

ApiError dbError(const QSqlError &e, const QString &what)
{
    if (isConnectionError(e)) {
        Metrics::countDbError("connection");
        return ApiError::unavailable(QStringLiteral("PostgreSQL is unavailable (%1)").arg(what));
    }
    if (isValueError(e)) {
        Metrics::countDbError("value");
        qCInfo(lcStore).noquote() << what << "refused a value:" << e.text();
        return ApiError::validation(QString(), QStringLiteral("PostgreSQL refused a value during %1 (SQLSTATE %2): %3")
                                                   .arg(what, e.nativeErrorCode(), e.databaseText().simplified()));
    }
    if (isStatementTimeout(e)) {
        Metrics::countDbError("timeout");
        qCInfo(lcStore).noquote() << what << "ran past its statement timeout and was cancelled";
        return ApiError{ErrorCode::Timeout,
                        QStringLiteral("%1 took too long and was stopped (api.statement_timeout_ms): narrow it down, e.g. "
                                       "a longer search text, a type, a status or a time range").arg(what),
                        {}, {}};
    }
    Metrics::countDbError("query");
    qCWarning(lcStore).noquote() << what << "failed:" << e.text();
    return ApiError::internal(QStringLiteral("database error during %1").arg(what));
}

} // namespace taskmill
