// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/Redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace taskmill {

QJsonValue redacted(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(redacted(v));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject o = value.toObject();
    const bool ofTask = o.contains(u"task_id"_s); // a history entry or an event: its message may quote an error
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue v = it.value();
        if (v.isNull() || v.isUndefined())
            continue;
        if (key == u"payload" || key == u"result" || key == u"progress_message" || (ofTask && key == u"message")
            || (key == u"error" && v.isString())) // a task's error text, not an error answer's envelope
            it.value() = QJsonValue(QString::fromLatin1(Redacted));
        else if (v.isObject() || v.isArray())
            it.value() = redacted(v);
    }
    return o;
}

QByteArray redactedBody(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return json;
    const QJsonValue out = redacted(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    return out.isArray() ? QJsonDocument(out.toArray()).toJson(QJsonDocument::Compact)
                         : QJsonDocument(out.toObject()).toJson(QJsonDocument::Compact);
}

} // namespace taskmill
