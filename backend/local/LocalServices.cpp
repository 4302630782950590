// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/LocalServices.h"

#include "local/LocalLogging.h"
#include "local/ProcessControl.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace taskmill {

using namespace localproc;

namespace {
constexpr int PostgresPort = 5432; // names the socket file only; the socket dir is private
const QString RedisSocketName = QStringLiteral("redis.sock");

bool socketsFit(const QString &dir)
{
    const QString pg = dir + QStringLiteral("/.s.PGSQL.") + QString::number(PostgresPort);
    return QFile::encodeName(pg).size() <= MaxSocketPathBytes
           && QFile::encodeName(dir + u'/' + RedisSocketName).size() <= MaxSocketPathBytes;
}
} // namespace

LocalServices::LocalServices(QObject *parent) : QObject(parent) {}

LocalServices::~LocalServices()
{
    stop();
}

QString LocalServices::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/taskmill");
}

bool LocalServices::isRunning() const
{
    return m_postgres && m_postgres->isRunning() && m_redis && m_redis->isRunning();
}

QString LocalServices::postgresUrl() const
{
    return m_postgres ? m_postgres->connectionUrl() : QString();
}

QString LocalServices::redisUrl() const
{
    return m_redis ? m_redis->url() : QString();
}

Result<Unit> LocalServices::start(const QString &dataDir)
{
    if (m_lock)
        return ApiError::conflict(QStringLiteral("local services already started in %1").arg(m_dataDir));
    m_dataDir = QDir::cleanPath(QDir(dataDir).absolutePath());
    if (!QDir().mkpath(m_dataDir))
        return ApiError::unavailable(QStringLiteral("cannot create data directory %1").arg(m_dataDir));
    if (auto locked = lock(); !locked)
        return locked.error();

    // Socket and fallback cluster dirs are named after the data dir, so each data dir keeps its own.
    const QString tag = QString::fromLatin1(
        QCryptographicHash::hash(QFile::encodeName(m_dataDir), QCryptographicHash::Sha256).toHex().left(8));
    auto socketDir = chooseSocketDir(tag);
    auto clusterDir = socketDir ? chooseClusterDir(tag) : Result<QString>(socketDir.error());
    if (!clusterDir) {
        m_lock.reset();
        return clusterDir.error();
    }
    m_socketDir = *socketDir;
    m_clusterDir = *clusterDir;
    const QString redisDir = m_dataDir + QStringLiteral("/redis");
    // We hold the lock, so a server still running in our dirs belongs to an earlier run that died.
    RedisProcess::stopLeftover(redisDir);
    PostgresProcess::stopLeftover(m_clusterDir);

    PostgresOptions pg;
    pg.dataDir = m_clusterDir;
    pg.socketDir = m_socketDir;
    pg.port = PostgresPort;
    pg.durable = true;
    pg.logFile = m_dataDir + QStringLiteral("/postgres.log");
    m_postgres = std::make_unique<PostgresProcess>(pg);
    if (auto started = m_postgres->start(); !started) {
        stop();
        return started.error();
    }

    RedisOptions redis;
    redis.dir = redisDir;
    redis.socketPath = m_socketDir + u'/' + RedisSocketName;
    redis.appendOnly = m_redisAppendOnly;
    redis.appendFsync = m_redisAppendFsync;
    m_redis = std::make_unique<RedisProcess>(redis);
    if (auto started = m_redis->start(); !started) {
        stop();
        return started.error();
    }

    connect(m_postgres.get(), &PostgresProcess::stoppedUnexpectedly, this,
            [this](const QString &tail) { Q_EMIT serviceStoppedUnexpectedly(QStringLiteral("PostgreSQL"), tail); });
    connect(m_redis.get(), &RedisProcess::stoppedUnexpectedly, this,
            [this](const QString &tail) { Q_EMIT serviceStoppedUnexpectedly(QStringLiteral("Redis"), tail); });
    qCInfo(lcLocal, "local services ready in %s (sockets in %s)", qUtf8Printable(m_dataDir),
           qUtf8Printable(m_socketDir));
    return Unit{};
}

void LocalServices::stop()
{
    if (m_redis)
        m_redis->stop();
    m_redis.reset();
    if (m_postgres)
        m_postgres->stop();
    m_postgres.reset();
    // Both servers removed their sockets; drop the (then empty) dir so /tmp does not collect them.
    if (!m_socketDir.isEmpty())
        QDir().rmdir(m_socketDir);
    m_lock.reset(); // unlocks
}

Result<Unit> LocalServices::lock()
{
    const QString path = m_dataDir + QStringLiteral("/taskmilld.lock");
    auto lock = std::make_unique<QLockFile>(path);
    // Never stale by age: only a dead owner frees the lock (QLockFile checks the PID).
    lock->setStaleLockTime(0);
    if (lock->tryLock(0)) {
        m_lock = std::move(lock);
        return Unit{};
    }
    if (lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString app;
        lock->getLockInfo(&pid, &host, &app);
        return ApiError::conflict(
            QStringLiteral("another taskmilld --local is already using %1 (pid %2)").arg(m_dataDir).arg(pid));
    }
    return ApiError::unavailable(QStringLiteral("cannot create lock file %1 (permission denied?)").arg(path));
}

Result<QString> LocalServices::chooseSocketDir(const QString &tag) const
{
    const std::optional<Account> pgAccount = isRoot() ? postgresAccount() : std::nullopt;
    QString dir;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QFileInfo(runtime).isDir()) {
        const QString candidate = QDir::cleanPath(runtime) + QStringLiteral("/taskmill-") + tag;
        // As root, /run/user/0 is root-only (0700), so the postgres account could not create its socket there.
        if (socketsFit(candidate) && (!pgAccount || unreachableDir(candidate, *pgAccount, false).isEmpty()))
            dir = candidate;
    }
    if (dir.isEmpty())
        dir = QStringLiteral("/tmp/taskmill-%1-%2").arg(::geteuid()).arg(tag);

    // In a shared dir like /tmp the name could be taken by someone else first: accept only our own directory.
    const QByteArray native = QFile::encodeName(dir);
    struct stat st {};
    if (::lstat(native.constData(), &st) != 0) {
        if (::mkdir(native.constData(), 0700) != 0)
            return ApiError::unavailable(QStringLiteral("cannot create socket directory %1: %2")
                                             .arg(dir, QString::fromLocal8Bit(std::strerror(errno))));
        ::lstat(native.constData(), &st);
    }
    const bool ours = st.st_uid == ::geteuid() || (pgAccount && st.st_uid == pgAccount->uid);
    if (!S_ISDIR(st.st_mode) || !ours)
        return ApiError::unavailable(
            QStringLiteral("socket directory %1 exists but is not a directory owned by us; remove it").arg(dir));
    // Owner-only: the PostgreSQL socket uses trust authentication. As root, postgres owns it and root still enters.
    ::chmod(native.constData(), 0700);
    QString error;
    if (pgAccount && !chownTo(dir, *pgAccount, &error))
        return ApiError::unavailable(error);
    return dir;
}

Result<QString> LocalServices::chooseClusterDir(const QString &tag) const
{
    const QString preferred = m_dataDir + QStringLiteral("/postgres");
    const std::optional<Account> pgAccount = isRoot() ? postgresAccount() : std::nullopt;
    if (!pgAccount)
        return preferred; // as root without a postgres account PostgresProcess explains the problem
    const QString blocked = unreachableDir(preferred, *pgAccount, false);
    if (blocked.isEmpty())
        return preferred;
    // Not /var/lib/taskmill: that is the taskmill-server package's data dir (docs/packages.md).
    const QString base = QStringLiteral("/var/lib/taskmill-local");
    const QString fallback = base + u'/' + tag + QStringLiteral("/postgres");
    if (!QDir().mkpath(fallback))
        return ApiError::unavailable(QStringLiteral("cannot create %1").arg(fallback));
    QFile::setPermissions(base, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                    | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                    | QFileDevice::ExeOther);
    QString error;
    if (!chownTo(base + u'/' + tag, *pgAccount, &error))
        return ApiError::unavailable(error);
    qCInfo(lcLocal,
           "PostgreSQL runs as '%s' (we are root), which cannot reach %s (%s is not searchable by it): "
           "the cluster for %s lives in %s",
           qUtf8Printable(pgAccount->name), qUtf8Printable(preferred), qUtf8Printable(blocked),
           qUtf8Printable(m_dataDir), qUtf8Printable(fallback));
    return fallback;
}

} // namespace taskmill
