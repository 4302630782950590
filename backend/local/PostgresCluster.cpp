// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/PostgresCluster.h"

#include "local/LocalLogging.h"
#include "local/ProcessControl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>
#include <sys/stat.h>

namespace taskmill {

using namespace localproc;

namespace {
constexpr int InitdbTimeoutMs = 180000; // a durable initdb fsyncs ~1,000 files: slow on a busy disk
} // namespace

PostgresCluster::PostgresCluster(const PostgresOptions &options)
    : m_options(options),
      m_socketPath(options.socketDir + QStringLiteral("/.s.PGSQL.") + QString::number(options.port))
{
}

QString PostgresCluster::toolPath(const QString &name)
{
    const auto executable = [](const QString &path) {
        const QFileInfo info(path);
        return info.isFile() && info.isExecutable();
    };
    const QString configured = qEnvironmentVariable("TASKMILL_PG_BINDIR");
    if (!configured.isEmpty())
        return executable(configured + u'/' + name) ? configured + u'/' + name : QString();
    QStringList majors = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(majors.begin(), majors.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &major : std::as_const(majors)) {
        const QString path = QStringLiteral("/usr/lib/postgresql/%1/bin/%2").arg(major, name);
        if (executable(path))
            return path;
    }
    return QStandardPaths::findExecutable(name);
}

Result<Unit> PostgresCluster::prepareDirs() const
{
    if (m_options.dataDir.isEmpty() || m_options.socketDir.isEmpty())
        return ApiError::badRequest(QStringLiteral("PostgreSQL needs a data dir and a socket dir"));
    if (m_options.port <= 0 || m_options.port > 65535)
        return ApiError::badRequest(QStringLiteral("invalid PostgreSQL port %1").arg(m_options.port));
    if (QFile::encodeName(m_socketPath).size() > MaxSocketPathBytes)
        return ApiError::badRequest(
            QStringLiteral("PostgreSQL socket path %1 is %2 bytes; unix sockets allow at most %3: choose a shorter "
                           "socket dir")
                .arg(m_socketPath)
                .arg(QFile::encodeName(m_socketPath).size())
                .arg(MaxSocketPathBytes));
    if (toolPath(QStringLiteral("postgres")).isEmpty() || toolPath(QStringLiteral("initdb")).isEmpty())
        return ApiError::unavailable(QStringLiteral("PostgreSQL server programs not found (install the postgresql "
                                                    "package, or set TASKMILL_PG_BINDIR)"));
    std::optional<Account> account;
    if (isRoot()) {
        account = postgresAccount();
        if (!account)
            return ApiError::unavailable(QStringLiteral("PostgreSQL refuses to run as root and there is no "
                                                        "'postgres' account to run it as (install postgresql)"));
    }
    const bool socketDirIsNew = !QFileInfo::exists(m_options.socketDir);
    for (const QString &dir : {m_options.dataDir, m_options.socketDir, QFileInfo(m_options.logFile).absolutePath()}) {
        if (!QDir().mkpath(dir))
            return ApiError::unavailable(QStringLiteral("cannot create directory %1").arg(dir));
    }
    // Authentication is `trust`: only the owner may reach the socket.
    if (socketDirIsNew)
        QFile::setPermissions(m_options.socketDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                       | QFileDevice::ExeOwner);
    if (!account)
        return Unit{};

    for (const QString &dir : {m_options.dataDir, m_options.socketDir}) {
        const QString blocked = unreachableDir(dir, *account, false);
        if (!blocked.isEmpty())
            return ApiError::unavailable(
                QStringLiteral("PostgreSQL runs as the '%1' account because we are root, and that account cannot "
                               "reach %2: directory %3 is not searchable by it. Choose a directory it can reach "
                               "(for example under /var/lib or /tmp), or make %3 searchable (chmod o+x).")
                    .arg(account->name, dir, blocked));
    }
    QString error;
    if (!chownTo(m_options.dataDir, *account, &error))
        return ApiError::unavailable(error);
    // A shared sticky dir such as /tmp is usable as it is and must keep its owner.
    struct stat st {};
    if (::stat(QFile::encodeName(m_options.socketDir).constData(), &st) == 0 && !(st.st_mode & S_ISVTX)
        && !chownTo(m_options.socketDir, *account, &error))
        return ApiError::unavailable(error);
    return Unit{};
}

Result<Unit> PostgresCluster::initialise() const
{
    if (QFileInfo::exists(m_options.dataDir + QStringLiteral("/PG_VERSION")))
        return Unit{};
    QString program = toolPath(QStringLiteral("initdb"));
    QStringList args{QStringLiteral("-D"), m_options.dataDir, QStringLiteral("-U"), m_options.user,
                     QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                     QStringLiteral("--locale=C.UTF-8")};
    if (!m_options.durable)
        args << QStringLiteral("--no-sync");
    asAccount(isRoot() ? postgresAccount() : std::nullopt, &program, &args);
    qCInfo(lcLocal, "creating PostgreSQL cluster in %s", qUtf8Printable(m_options.dataDir));
    QString output;
    const bool ok = runTool(program, args, InitdbTimeoutMs, &output);
    QFile log(m_options.logFile);
    if (log.open(QIODevice::Append))
        log.write(output.toUtf8());
    if (!ok)
        return ApiError::unavailable(QStringLiteral("initdb failed for %1:\n%2").arg(m_options.dataDir, output));
    return Unit{};
}

} // namespace taskmill
