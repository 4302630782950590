// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/HandlerCatalog.h"

#include "observability/Logging.h"
#include "store/HandlerRepository.h"

using namespace Qt::StringLiterals;

namespace taskmill {

std::shared_ptr<const HandlerCatalog::Snapshot> HandlerCatalog::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

Result<Unit> HandlerCatalog::reload(QSqlDatabase &db)
{
    HandlerRepository repo(db);
    // Fingerprint first: a change landing between the two reads makes the next refresh reload again.
    auto fingerprint = repo.fingerprint();
    if (!fingerprint)
        return fingerprint.error();
    auto all = repo.list(false);
    if (!all)
        return all.error();
    auto next = std::make_shared<Snapshot>();
    for (const HandlerSpec &h : *all) {
        auto compiled = PayloadSchema::compile(h.schema);
        if (!compiled)
            // Stored schemas were checked when written; one that fails now (a newer build reads it
            // differently) must not take the registry down: its creates are refused until it is fixed.
            qCWarning(lcService).noquote() << "handler" << h.name << "has a schema this build cannot use:" << compiled.error();
        next->insert(h.name, {h, compiled ? *compiled : nullptr});
    }
    std::lock_guard lock(m_mutex);
    m_snapshot = std::move(next);
    m_fingerprint = *fingerprint;
    return Unit{};
}

Result<Unit> HandlerCatalog::refreshIfChanged(QSqlDatabase &db)
{
    auto fingerprint = HandlerRepository(db).fingerprint();
    if (!fingerprint)
        return fingerprint.error();
    {
        std::lock_guard lock(m_mutex);
        if (*fingerprint == m_fingerprint)
            return Unit{};
    }
    return reload(db);
}

QString HandlerCatalog::laneOf(const QString &type) const
{
    const auto snap = snapshot();
    const auto it = snap->constFind(type);
    return it != snap->cend() && (it->spec.kind == HandlerKind::External || it->spec.concurrency > 0) ? type : QString();
}

bool HandlerCatalog::isExternal(const QString &type) const
{
    const auto snap = snapshot();
    const auto it = snap->constFind(type);
    return it != snap->cend() && it->spec.kind == HandlerKind::External;
}

QHash<QString, int> HandlerCatalog::limitsOf(const QStringList &types) const
{
    const auto snap = snapshot();
    QHash<QString, int> out;
    for (const QString &type : types)
        if (const auto it = snap->constFind(type); it != snap->cend() && it->spec.concurrency > 0)
            out.insert(type, it->spec.concurrency);
    return out;
}

std::optional<ApiError> HandlerCatalog::checkPayload(const QString &type, const QJsonObject &payload, const QString &field) const
{
    const auto snap = snapshot();
    const auto it = snap->constFind(type);
    if (it == snap->cend())
        return ApiError::validation(field, u"no handler is registered for type '%1': register one with POST /api/v1/handlers "
                                           "(or in the app's Handlers page), or use an existing type"_s.arg(type));
    if (!it->schema)
        return ApiError::validation(field, u"handler '%1' has a schema this server cannot use; fix it with PUT "
                                           "/api/v1/handlers/%1"_s.arg(type));
    if (it->schema->acceptsEveryObject())
        return std::nullopt;
    const QJsonArray details = it->schema->violations(payload);
    if (details.isEmpty())
        return std::nullopt;
    const QJsonObject first = details.first().toObject();
    const QString message = details.size() == 1
        ? u"%1 does not match the schema of '%2': at '%3': %4"_s.arg(field, type, first.value(u"path"_s).toString(),
                                                                       first.value(u"message"_s).toString())
        : u"%1 does not match the schema of '%2': %3 problems, the first at '%4': %5"_s.arg(field, type).arg(details.size())
              .arg(first.value(u"path"_s).toString(), first.value(u"message"_s).toString());
    return ApiError::schemaViolation(field, message, details);
}

std::optional<ApiError> HandlerCatalog::admit(CreateTaskRequest &r, const QString &fieldPrefix) const
{
    const auto snap = snapshot();
    const auto it = snap->constFind(r.type);
    if (it == snap->cend())
        return ApiError::validation(fieldPrefix + u"type"_s,
                                    u"no handler is registered for type '%1': register one with POST /api/v1/handlers "
                                    "(or in the app's Handlers page), or use an existing type"_s.arg(r.type));
    if (auto bad = checkPayload(r.type, r.payload, fieldPrefix + u"payload"_s))
        return bad;
    const HandlerSpec &h = it->spec;
    if (!r.priorityGiven)
        r.priority = h.defaultPriority;
    if (!r.maxAttemptsGiven)
        r.maxAttempts = h.maxAttempts;
    if (!r.retryPolicy && h.retryPolicy)
        r.retryPolicy = h.retryPolicy;
    return std::nullopt;
}

} // namespace taskmill
