// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/DbParams.h"

#include <QUrl>
#include <QUrlQuery>

namespace taskmill {

Result<DbParams> DbParams::fromUrl(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || (u.scheme() != u"postgresql" && u.scheme() != u"postgres"))
        return ApiError::validation(QStringLiteral("postgres"),
                                    QStringLiteral("expected postgresql://user@host:port/db, got '%1'").arg(url));
    DbParams p;
    p.host = u.host();
    p.port = u.port(5432);
    p.user = u.userName(QUrl::FullyDecoded);
    p.password = u.password(QUrl::FullyDecoded);
    p.database = u.path().mid(1);
    const QUrlQuery q(u);
    if (q.hasQueryItem(QStringLiteral("host")))
        p.host = q.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    if (q.hasQueryItem(QStringLiteral("port"))) {
        bool ok = false;
        p.port = q.queryItemValue(QStringLiteral("port")).toInt(&ok);
        if (!ok || p.port < 1 || p.port > 65535)
            return ApiError::validation(QStringLiteral("postgres"),
                                        QStringLiteral("port must be from 1 to 65535 in '%1'").arg(url));
    }
    if (q.hasQueryItem(QStringLiteral("connect_timeout")))
        p.options = QStringLiteral("connect_timeout=") + q.queryItemValue(QStringLiteral("connect_timeout"));
    else
        p.options = QStringLiteral("connect_timeout=5");
    if (p.database.isEmpty())
        p.database = p.user.isEmpty() ? QStringLiteral("taskmill") : p.user;
    if (p.host.isEmpty())
        p.host = QStringLiteral("localhost");
    return p;
}

QString DbParams::describe() const
{
    return QStringLiteral("%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

} // namespace taskmill
