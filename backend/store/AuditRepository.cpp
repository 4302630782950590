// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/AuditRepository.h"

#include "codec/TaskJson.h"
#include "store/Database.h"
#include "store/PgArray.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

Result<AuditPage> AuditRepository::page(const AuditFilter &filter, qint64 before, int limit)
{
    QStringList clauses;
    QVariantList binds;
    if (!filter.actor.isEmpty()) {
        clauses << u"actor = ?"_s;
        binds << filter.actor;
    }
    if (!filter.actions.isEmpty()) {
        clauses << u"action = ANY(?::text[])"_s;
        binds << pgTextArray(filter.actions);
    }
    if (!filter.taskId.isNull()) {
        clauses << u"task_ids @> ARRAY[?::uuid]"_s;
        binds << filter.taskId.toString(QUuid::WithoutBraces);
    }
    if (filter.since.isValid()) {
        clauses << u"at >= ?::timestamptz"_s;
        binds << formatTimestamp(filter.since);
    }
    if (filter.until.isValid()) {
        clauses << u"at < ?::timestamptz"_s;
        binds << formatTimestamp(filter.until);
    }
    if (before > 0) {
        clauses << u"id < ?"_s;
        binds << before;
    }
    QSqlQuery q(m_db);
    // One row more than asked for tells whether an older page exists, so the last page offers no "more".
    q.prepare(u"SELECT id, at, actor, action, array_to_string(task_ids, ','), details::text FROM audit_log"_s
              + (clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s)) + u" ORDER BY id DESC LIMIT ?"_s);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    q.addBindValue(limit + 1);
    if (!q.exec())
        return dbError(q.lastError(), u"read audit"_s);
    AuditPage out;
    while (q.next()) {
        if (out.items.size() == limit) {
            out.next = out.items.last().id;
            break;
        }
        out.items.append({q.value(0).toLongLong(), q.value(1).toDateTime().toUTC(), q.value(2).toString(), q.value(3).toString(),
                          q.value(4).toString().split(u',', Qt::SkipEmptyParts),
                          QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object()});
    }
    return out;
}

Result<QStringList> AuditRepository::actions()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT DISTINCT action FROM audit_log ORDER BY action"_s))
        return dbError(q.lastError(), u"list audit actions"_s);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace taskmill
