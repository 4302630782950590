// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"

#include <QHttpServerRequest>
#include <QStringList>

#include <optional>

namespace taskmill {

struct BackendConfig;

// The browser defences every request passes before any route sees it (docs/security.md, "Browser defences").
// A web page the user opens can make their browser send requests to the api, even on 127.0.0.1:
// - a name in Host that is not ours means the page's own domain resolved to our address (DNS rebinding): 421;
// - an Origin that is neither ours nor allowed means another site's page is calling: 403 (REST and the
//   WebSocket handshake alike);
// - a state-changing request with a body or a Content-Type other than application/json is what a plain HTML
//   form or a "simple" fetch can send without a CORS preflight: 415. JSON cannot be sent cross-site without
//   the preflight, which we never answer.
// Clients that are not browsers (curl, the SDKs, the app) send no Origin and their own Host, and pass.
// It also caps every query-string value (api.max_search_chars for `q`, api.max_param_chars for the rest):
// a long search text is what keeps PostgreSQL busy, and nothing legitimate needs kilobytes in a parameter.
class RequestGuard final
{
public:
    explicit RequestGuard(const BackendConfig &config);

    std::optional<ApiError> check(const QHttpServerRequest &request) const;
    // The parts that apply to a WebSocket upgrade (Host and Origin).
    std::optional<ApiError> checkOrigin(const QByteArray &host, const QByteArray &origin) const;

    // The Host check alone: IP literals, localhost and the configured names pass; port is not compared.
    bool hostAllowed(const QByteArray &host) const;
    static bool isJsonContentType(const QByteArray &contentType);

private:
    QString m_listenHost;
    QStringList m_hosts;   // lower case
    QStringList m_origins; // lower case, scheme://host[:port]
    int m_maxSearchChars;
    int m_maxParamChars;
};

} // namespace taskmill
