// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/ServerInfo.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace taskmill {

QString ServerInfo::traceLink(const QString &traceId, const QString &spanId) const
{
    if (traceLinkTemplate.isEmpty() || traceId.isEmpty())
        return {};
    QString link = traceLinkTemplate;
    link.replace(u"{trace_id}"_s, traceId);
    link.replace(u"{span_id}"_s, spanId);
    return link;
}

QJsonObject ServerInfo::toJson() const
{
    return {{u"version"_s, version},
            {u"tracing"_s,
             QJsonObject{{u"link_template"_s, traceLinkTemplate.isEmpty() ? QJsonValue() : QJsonValue(traceLinkTemplate)},
                         {u"exporting"_s, tracingExport},
                         {u"spans_exported"_s, qint64(spansExported)},
                         {u"spans_dropped"_s, qint64(spansDropped)}}},
            {u"caller"_s, QJsonObject{{u"name"_s, callerName},
                                      {u"role"_s, callerRole},
                                      {u"permissions"_s, QJsonArray::fromStringList(callerPermissions)},
                                      {u"payloads"_s, callerPayloads}}}};
}

Result<ServerInfo> ServerInfo::fromJson(const QJsonObject &o)
{
    ServerInfo info;
    if (!o.value(u"version"_s).isString())
        return ApiError::badRequest(u"version must be a string"_s, u"version"_s);
    info.version = o.value(u"version"_s).toString();
    const QJsonValue tracing = o.value(u"tracing"_s);
    if (!tracing.isUndefined() && !tracing.isNull() && !tracing.isObject())
        return ApiError::badRequest(u"tracing must be an object"_s, u"tracing"_s);
    const QJsonObject t = tracing.toObject();
    const QJsonValue link = t.value(u"link_template"_s);
    if (!link.isUndefined() && !link.isNull() && !link.isString())
        return ApiError::badRequest(u"tracing.link_template must be a string or null"_s, u"tracing.link_template"_s);
    info.traceLinkTemplate = link.toString();
    info.tracingExport = t.value(u"exporting"_s).toBool();
    info.spansExported = quint64(t.value(u"spans_exported"_s).toInteger());
    info.spansDropped = quint64(t.value(u"spans_dropped"_s).toInteger());
    const QJsonObject caller = o.value(u"caller"_s).toObject();
    info.callerName = caller.value(u"name"_s).toString();
    info.callerRole = caller.value(u"role"_s).toString();
    const QJsonValue permissions = caller.value(u"permissions"_s);
    if (!permissions.isUndefined()) {
        if (!permissions.isArray())
            return ApiError::badRequest(u"caller.permissions must be an array"_s, u"caller.permissions"_s);
        info.knowsPermissions = true;
        for (const QJsonValue &p : permissions.toArray())
            info.callerPermissions.append(p.toString());
    }
    info.callerPayloads = caller.value(u"payloads"_s).toBool(true);
    return info;
}

} // namespace taskmill
