// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// --auth: every request of the run carries credentials, so the figures include what a remote deployment pays
// per request (token parsing, the HS256 check or the API-token lookup, the account read, the permission
// check) beside the anonymous loopback path of --local (docs/benchmarks.md, issue 13).
#include "BenchSuite.h"

#include "HttpLoad.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace taskmill::bench {

namespace {
constexpr int SetupTimeoutMs = 60000;
const QString BenchEmail = u"bench@taskmill.invalid"_s;
const QByteArray BenchPassword = "bench-password-not-secret";

Result<QJsonObject> postJson(const QUrl &url, const QByteArray &path, const QJsonObject &body)
{
    const auto [status, reply] = requestOnce(url, "POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                             SetupTimeoutMs);
    if (status < 200 || status >= 300)
        return ApiError::unavailable(u"POST %1 answered %2: %3"_s.arg(QString::fromLatin1(path)).arg(status)
                                         .arg(QString::fromUtf8(reply.left(300))));
    return QJsonDocument::fromJson(reply).object();
}
} // namespace

Result<Unit> BenchSuite::authenticate()
{
    if (m_o.auth == u"none")
        return Unit{};
    // The first admin, made the documented way (docs/security.md): `taskmilld user add`, password on stdin.
    QProcess add;
    add.setProcessChannelMode(QProcess::MergedChannels);
    add.start(m_o.taskmilld, {u"user"_s, u"add"_s, BenchEmail, u"--role"_s, u"admin"_s, u"--postgres"_s, m_pgUrl,
                              u"--redis"_s, m_redisUrl});
    add.write(BenchPassword + '\n');
    add.closeWriteChannel();
    if (!add.waitForFinished(SetupTimeoutMs) || add.exitStatus() != QProcess::NormalExit || add.exitCode() != 0)
        return ApiError::unavailable(u"taskmilld user add failed: %1"_s.arg(QString::fromUtf8(add.readAll())));
    auto login = postJson(m_url, "/api/v1/auth/login",
                          {{u"email"_s, BenchEmail}, {u"password"_s, QString::fromLatin1(BenchPassword)}});
    if (!login)
        return login.error();
    QByteArray token = login->value(u"access_token"_s).toString().toLatin1();
    if (m_o.auth == u"token") {
        HttpConnection::setExtraHeaders("Authorization: Bearer " + token + "\r\n");
        auto made = postJson(m_url, "/api/v1/tokens", {{u"name"_s, u"bench"_s}, {u"role"_s, u"operator"_s}});
        if (!made)
            return made.error();
        token = made->value(u"token"_s).toString().toLatin1();
    }
    if (token.isEmpty())
        return ApiError::unavailable(u"no token in the login or token answer"_s);
    HttpConnection::setExtraHeaders("Authorization: Bearer " + token + "\r\n");
    // Proof the credentials are what lets requests in: the same request without them must be refused.
    HttpConnection::setExtraHeaders({});
    const int anonymous = requestOnce(m_url, "GET", "/api/v1/tasks?limit=1", {}, SetupTimeoutMs).first;
    HttpConnection::setExtraHeaders("Authorization: Bearer " + token + "\r\n");
    const int authorised = requestOnce(m_url, "GET", "/api/v1/tasks?limit=1", {}, SetupTimeoutMs).first;
    if (anonymous != 401 || authorised != 200)
        return ApiError::unavailable(u"--auth %1: anonymous answered %2 (want 401), with the token %3 (want 200)"_s
                                         .arg(m_o.auth).arg(anonymous).arg(authorised));
    std::fprintf(stderr, "taskmill-bench: every request sends an %s\n",
                 m_o.auth == u"jwt" ? "access token (JWT, HS256)" : "API token (operator)");
    return Unit{};
}

} // namespace taskmill::bench
