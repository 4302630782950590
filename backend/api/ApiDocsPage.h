// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace taskmill {

// Renders an OpenAPI 3.x document as one self-contained HTML page (inline CSS, no scripts, no network):
// every operation with its parameters, request body and responses, then every component schema.
// Built once at startup, so the page always matches the served document.
class ApiDocsPage final
{
public:
    static QByteArray render(const QJsonObject &openApi);
};

} // namespace taskmill
