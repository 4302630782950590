// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// --pause-type: pauses in force while the tests run, so the claim's pause check (task_pauses, read by every
// claim and dispatch statement) has rows to read. The figures are only worth anything if the pauses really
// were there, so they are read back through the API before the first test and after the last.
#include "BenchSuite.h"

#include "HttpLoad.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace taskmill::bench {

namespace {
constexpr int SetupTimeoutMs = 60000;
}

Result<QJsonArray> BenchSuite::applyPauses()
{
    for (const QString &type : std::as_const(m_o.pauseTypes)) {
        const QByteArray path = "/api/v1/types/" + QUrl::toPercentEncoding(type) + "/pause";
        const auto [status, reply] = requestOnce(m_url, "PUT", path, {}, SetupTimeoutMs);
        const QJsonObject answer = QJsonDocument::fromJson(reply).object();
        if (status != 200 || !answer.value(u"paused"_s).toBool())
            return ApiError::unavailable(u"PUT %1 answered %2: %3"_s.arg(QString::fromLatin1(path)).arg(status)
                                             .arg(QString::fromUtf8(reply.left(300))));
    }
    auto items = checkPauses();
    if (items && !m_o.pauseTypes.isEmpty())
        std::fprintf(stderr, "taskmill-bench: paused for the whole run (GET /api/v1/pauses): %s\n",
                     QJsonDocument(*items).toJson(QJsonDocument::Compact).constData());
    return items;
}

Result<QJsonArray> BenchSuite::checkPauses()
{
    const auto [status, reply] = requestOnce(m_url, "GET", "/api/v1/pauses", {}, SetupTimeoutMs);
    if (status != 200)
        return ApiError::unavailable(u"GET /api/v1/pauses answered %1: %2"_s.arg(status).arg(QString::fromUtf8(reply.left(300))));
    const QJsonArray items = QJsonDocument::fromJson(reply).object().value(u"items"_s).toArray();
    QSet<QString> listed, others;
    for (const QJsonValue &v : items) {
        const QJsonObject p = v.toObject();
        if (p.value(u"scope"_s).toString() == u"type")
            listed.insert(p.value(u"name"_s).toString());
        else
            others.insert(p.value(u"scope"_s).toString() + u':' + p.value(u"name"_s).toString());
    }
    const QSet<QString> wanted(m_o.pauseTypes.cbegin(), m_o.pauseTypes.cend());
    // Private servers hold only what this run made, so anything more is as wrong as anything missing.
    const bool exact = m_servers != nullptr;
    if (!listed.contains(wanted) || (exact && (listed != wanted || !others.isEmpty())))
        return ApiError::unavailable(u"the pauses in force are not the ones asked for (--pause-type %1): GET /api/v1/pauses = %2"_s
                                         .arg(m_o.pauseTypes.join(u','), QString::fromUtf8(reply.left(500))));
    return items;
}

} // namespace taskmill::bench
