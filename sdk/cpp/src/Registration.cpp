// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "Registration.h"

#include "Logging.h"
#include "Transport.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace taskmill::sdk::detail {

namespace {
// Two workers starting together may both edit the handler: each retry reads the new version and reapplies.
constexpr int MaxConflicts = 5;

// The fields a PUT must change so that `current` (the server's handler) matches `handler`.
QJsonObject changes(const Handler &handler, const QJsonObject &current)
{
    QJsonObject changed;
    const QJsonObject schema = handler.schema();
    if (!schema.isEmpty() && current.value(u"schema"_s).toObject() != schema)
        changed.insert(u"schema"_s, schema);
    const QString description = handler.description();
    if (!description.isEmpty() && current.value(u"description"_s).toString() != description)
        changed.insert(u"description"_s, description);
    return changed;
}

QJsonObject createBody(const Handler &handler)
{
    QJsonObject body = handler.defaults();
    body.insert(u"name"_s, handler.name());
    if (!handler.schema().isEmpty())
        body.insert(u"schema"_s, handler.schema());
    if (!handler.description().isEmpty())
        body.insert(u"description"_s, handler.description());
    return body;
}
} // namespace

bool isValidHandlerName(const QString &name)
{
    static const QRegularExpression pattern(u"\\A[a-z0-9][a-z0-9_.-]{0,63}\\z"_s);
    return pattern.match(name).hasMatch();
}

Result<QJsonObject> registerHandler(const Channel &transport, const Handler &handler,
                                    const std::function<bool()> &cancelled)
{
    const QString name = handler.name();
    const QString path = u"/handlers/"_s + Transport::segment(name);
    std::optional<ApiError> conflict;
    for (int i = 0; i < MaxConflicts; ++i) {
        auto current = transport.request("GET", path, std::nullopt, 0, cancelled);
        if (!current) {
            if (current.error().status != 404)
                return current.error();
            auto created = transport.request("POST", u"/handlers"_s, createBody(handler), 0, cancelled);
            if (created) {
                qCInfo(lcWorker).noquote() << u"registered handler %1 (version %2)"_s.arg(name).arg(created->toObject().value(u"version"_s).toInteger());
                return created->toObject();
            }
            if (created.error().status != 409)
                return created.error();
            conflict = created.error(); // another worker registered it first: read theirs
            continue;
        }
        const QJsonObject handlerJson = current->toObject();
        const QString kind = handlerJson.value(u"kind"_s).toString();
        if (kind != u"external") {
            return ApiError{0, u"builtin_handler"_s,
                            u"%1 is a %2 handler of the server; a worker can only serve external handlers (pick another name)"_s.arg(name, kind),
                            u"name"_s, {}};
        }
        QJsonObject changed = changes(handler, handlerJson);
        if (changed.isEmpty())
            return handlerJson;
        const QStringList fields = changed.keys();
        changed.insert(u"version"_s, handlerJson.value(u"version"_s));
        auto updated = transport.request("PUT", path, changed, 0, cancelled);
        if (updated) {
            qCInfo(lcWorker).noquote() << u"updated handler %1: %2 (version %3)"_s.arg(name, fields.join(u", "_s))
                                              .arg(updated->toObject().value(u"version"_s).toInteger());
            return updated->toObject();
        }
        if (updated.error().status != 409)
            return updated.error();
        conflict = updated.error();
    }
    return *conflict;
}

} // namespace taskmill::sdk::detail
