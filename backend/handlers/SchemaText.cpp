// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/SchemaText.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace taskmill {

QJsonObject schemaFromText(const char *json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("built-in handler schema is not a JSON object: %s", qPrintable(error.errorString()));
    return doc.object();
}

} // namespace taskmill
