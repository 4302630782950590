// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/RouteRegistry.h"
#include "config/BackendConfig.h"

#include <QObject>

namespace taskmill {

class Tracer;

// GET /api/v1/info — no parameters; 200 ServerInfo (shared/wire/ServerInfo.h):
//   {"version", "tracing": {"link_template": string|null, "exporting": bool,
//                           "spans_exported": n, "spans_dropped": n}}
// Answered on the server thread: it reads only configuration and the tracer's atomic counters.
class InfoHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InfoHandler)
public:
    // `tracer` may be null (no tracing in this process) and must outlive the handler.
    InfoHandler(const BackendConfig &config, const Tracer *tracer, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);

private:
    QString m_linkTemplate;
    const Tracer *m_tracer;
};

} // namespace taskmill
