// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/IdempotencyRepository.h"

#include "store/Database.h"
#include "store/PgArray.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// A key retention removed between the two statements below: the insert is tried again, once per removal.
constexpr int ClaimAttempts = 3;

QList<QUuid> uuidsFromArray(const QString &text)
{
    // PostgreSQL's text form of uuid[]: {0190…,0190…}; uuids need no quoting.
    QList<QUuid> out;
    const QString inner = text.mid(1, text.size() - 2);
    for (const QString &part : inner.split(u',', Qt::SkipEmptyParts))
        out.append(QUuid::fromString(part.trimmed()));
    return out;
}
} // namespace

Result<std::optional<IdempotencyRepository::Record>> IdempotencyRepository::claim(const QString &owner, const QString &key,
                                                                                  const QByteArray &requestHash,
                                                                                  const QList<QUuid> &taskIds)
{
    for (int attempt = 0; attempt < ClaimAttempts; ++attempt) {
        QSqlError error;
        QSqlQuery *insert = preparedQuery(m_db, u"INSERT INTO idempotency_keys (owner, key, request_hash, task_ids) "
                                                  "VALUES (?, ?, ?, ?::uuid[]) ON CONFLICT (owner, key) DO NOTHING RETURNING 1"_s,
                                          &error);
        if (!insert)
            return dbError(error, u"record idempotency key"_s);
        insert->addBindValue(owner);
        insert->addBindValue(key);
        insert->addBindValue(requestHash);
        insert->addBindValue(pgUuidArray(taskIds));
        if (!insert->exec())
            return dbError(insert->lastError(), u"record idempotency key"_s);
        if (insert->next())
            return std::optional<Record>{};
        QSqlQuery *earlier = preparedQuery(m_db, u"SELECT request_hash, task_ids::text FROM idempotency_keys "
                                                   "WHERE owner = ? AND key = ?"_s,
                                           &error);
        if (!earlier)
            return dbError(error, u"read idempotency key"_s);
        earlier->addBindValue(owner);
        earlier->addBindValue(key);
        if (!earlier->exec())
            return dbError(earlier->lastError(), u"read idempotency key"_s);
        if (earlier->next())
            return std::optional<Record>(Record{earlier->value(0).toByteArray(), uuidsFromArray(earlier->value(1).toString())});
    }
    return ApiError::conflict(u"idempotency key %1 keeps being removed while in use; send the request again"_s.arg(key));
}

} // namespace taskmill
