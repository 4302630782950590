// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// `taskmilld user add EMAIL --role ROLE` (docs/security.md): the way the first admin is made, since there
// are no default credentials. The password comes from standard input: typed twice without echo at a terminal,
// else the first line (for scripts: `printf '%s\n' "$PASSWORD" | taskmilld user add …`).
#include "daemon/Daemon.h"

#include "local/LocalServices.h"
#include "observability/Logging.h"
#include "service/Credentials.h"
#include "store/AccountRepository.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <cstdio>
#include <iostream>
#include <string>

#include <termios.h>
#include <unistd.h>

namespace taskmill {

namespace {
constexpr int PasswordMin = 8;

std::string readLine(bool echo)
{
    termios saved{};
    const bool terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal && !echo) {
        termios quiet = saved;
        quiet.c_lflag &= tcflag_t(~ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal && !echo) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
    return line;
}

std::optional<QString> readPassword()
{
    if (!isatty(STDIN_FILENO))
        return QString::fromStdString(readLine(true));
    std::fputs("Password: ", stderr);
    const std::string first = readLine(false);
    std::fputs("Again: ", stderr);
    if (readLine(false) != first) {
        std::fputs("taskmilld: the passwords differ\n", stderr);
        return std::nullopt;
    }
    return QString::fromStdString(first);
}
} // namespace

int Daemon::addUser(const QString &email, const QString &role, bool payloads)
{
    installLogHandler(m_config.logJson ? LogFormat::Json : LogFormat::Text);
    const std::optional<QString> password = readPassword();
    if (!password)
        return 2;
    if (password->size() < PasswordMin) {
        std::fprintf(stderr, "taskmilld: the password must have at least %d characters\n", PasswordMin);
        return 2;
    }
    if (!prepare()) // local servers when --local, and the schema
        return 1;
    int status = 0;
    {
        Database database(m_db, QStringLiteral("user-add"));
        auto conn = database.connection();
        Result<UserRow> user = conn ? AccountRepository(*conn).insertUser(email, credentials::hashPassword(*password), role, payloads)
                                    : Result<UserRow>(conn.error());
        if (user) {
            std::printf("taskmilld: user %s (%s) created with id %lld\n", qPrintable(user->email), qPrintable(user->role),
                        static_cast<long long>(user->id));
        } else {
            std::fprintf(stderr, "taskmilld: %s\n", qPrintable(user.error().message));
            status = 1;
        }
        database.closeThreadConnection();
    }
    if (m_local)
        m_local->stop();
    return status;
}

bool Daemon::ensureLocalToken()
{
    const QString path = QDir(m_config.dataDir).filePath(QStringLiteral("local-token"));
    Database database(m_db, QStringLiteral("local-token"));
    auto conn = database.connection();
    bool ok = false;
    if (conn) {
        AccountRepository repo(*conn);
        QFile existing(path);
        const QByteArray current = existing.open(QIODevice::ReadOnly) ? existing.readAll().trimmed() : QByteArray();
        auto live = current.isEmpty() ? Result<bool>(false) : repo.liveTokenExists(credentials::secretHash(current));
        if (live && *live) {
            ok = true;
        } else if (live) {
            const QByteArray secret = credentials::newSecret("tm_");
            auto made = repo.insertToken(QStringLiteral("local (%1)").arg(m_config.dataDir), credentials::secretHash(secret),
                                         QStringLiteral("admin"), true, {}, QStringLiteral("local"));
            QSaveFile file(path);
            // Owner-only before a byte of the secret is written.
            ok = made && file.open(QIODevice::WriteOnly) && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                && file.write(secret + '\n') == secret.size() + 1 && file.commit();
            if (!ok)
                qCCritical(lcDaemon).noquote() << "cannot write the local token" << path
                                               << (made ? file.errorString() : made.error().message);
        } else {
            qCCritical(lcDaemon).noquote() << "cannot check the local token:" << live.error().message;
        }
    } else {
        qCCritical(lcDaemon).noquote() << "cannot make the local token:" << conn.error().message;
    }
    database.closeThreadConnection();
    return ok;
}

} // namespace taskmill
