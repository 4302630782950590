// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/ProcessControl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace taskmill::localproc {

bool isRoot()
{
    return ::geteuid() == 0;
}

std::optional<Account> postgresAccount()
{
    const passwd *pw = ::getpwnam("postgres");
    if (!pw)
        return std::nullopt;
    return Account{QString::fromLocal8Bit(pw->pw_name), pw->pw_uid, pw->pw_gid};
}

static bool inGroup(const Account &account, gid_t gid)
{
    if (account.gid == gid)
        return true;
    int count = 64;
    std::vector<gid_t> groups(count);
    const QByteArray name = account.name.toLocal8Bit();
    if (::getgrouplist(name.constData(), account.gid, groups.data(), &count) < 0) {
        groups.resize(count);
        if (::getgrouplist(name.constData(), account.gid, groups.data(), &count) < 0)
            return false;
    }
    groups.resize(count);
    for (gid_t g : groups) {
        if (g == gid)
            return true;
    }
    return false;
}

QString unreachableDir(const QString &path, const Account &account, bool includeSelf)
{
    const QString clean = QDir::cleanPath(QDir(path).absolutePath());
    const QStringList parts = clean.split(u'/', Qt::SkipEmptyParts);
    const qsizetype last = includeSelf ? parts.size() : parts.size() - 1;
    QString current = QStringLiteral("/");
    for (qsizetype i = -1; i < last; ++i) {
        if (i >= 0)
            current = (i == 0 ? QString() : current) + u'/' + parts.at(i);
        struct stat st {};
        if (::stat(QFile::encodeName(current).constData(), &st) != 0)
            return {}; // not created yet: we create it with the default (searchable) mode
        if (!S_ISDIR(st.st_mode))
            return current;
        if (account.uid == 0)
            continue;
        mode_t need = S_IXOTH;
        if (st.st_uid == account.uid)
            need = S_IXUSR;
        else if (inGroup(account, st.st_gid))
            need = S_IXGRP;
        if (!(st.st_mode & need))
            return current;
    }
    return {};
}

bool chownTo(const QString &path, const Account &account, QString *error)
{
    if (::chown(QFile::encodeName(path).constData(), account.uid, account.gid) == 0)
        return true;
    if (error)
        *error = QStringLiteral("cannot chown %1 to %2: %3")
                     .arg(path, account.name, QString::fromLocal8Bit(std::strerror(errno)));
    return false;
}

static QByteArray procStatTail(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    // The command name in parentheses may itself contain spaces or ')': fields start after the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    return close < 0 ? QByteArray() : stat.mid(close + 2);
}

bool isGone(qint64 pid)
{
    if (pid <= 0)
        return true;
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return true;
    const QByteArray tail = procStatTail(pid);
    return tail.isEmpty() || tail.startsWith('Z') || tail.startsWith('X');
}

bool waitGone(qint64 pid, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!isGone(pid)) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(10);
    }
    return true;
}

qint64 parentPid(qint64 pid)
{
    const QList<QByteArray> fields = procStatTail(pid).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

QList<qint64> childPids(qint64 pid)
{
    QList<qint64> result;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 candidate = entry.toLongLong(&numeric);
        if (numeric && parentPid(candidate) == pid)
            result.append(candidate);
    }
    return result;
}

bool commandContains(qint64 pid, const QString &needle)
{
    if (isGone(pid))
        return false;
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray cmdline = f.readAll();
    return QFile::decodeName(cmdline.left(cmdline.indexOf('\0'))).contains(needle);
}

bool cwdIs(qint64 pid, const QString &dir)
{
    const QString cwd = QFileInfo(QStringLiteral("/proc/%1/cwd").arg(pid)).canonicalFilePath();
    return !cwd.isEmpty() && cwd == QFileInfo(dir).canonicalFilePath();
}

qint64 readPidFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readLine().trimmed().toLongLong();
}

void detachIntoOwnSession(QProcess &process)
{
    process.setChildProcessModifier([] { ::setsid(); });
}

QString tailOfFile(const QString &path, int lines)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("(no log at %1)").arg(path);
    const qint64 window = 16 * 1024;
    if (f.size() > window)
        f.seek(f.size() - window);
    QStringList all = QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(u'\n');
}

bool runTool(const QString &program, const QStringList &args, int timeoutMs, QString *output,
             const QString &workingDir)
{
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setStandardInputFile(QProcess::nullDevice());
    // "/" rather than our cwd: a tool run as `postgres` from /root would warn that it cannot enter it.
    p.setWorkingDirectory(workingDir.isEmpty() ? QStringLiteral("/") : workingDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8")); // stable English messages we may match
    for (const char *name : {"PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE", "PGOPTIONS"})
        env.remove(QLatin1String(name));
    p.setProcessEnvironment(env);
    p.start();
    if (!p.waitForStarted(10000)) {
        if (output)
            *output = QStringLiteral("cannot run %1: %2").arg(program, p.errorString());
        return false;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        if (output)
            *output = QStringLiteral("%1 did not finish within %2 ms; it printed:\n%3")
                          .arg(program)
                          .arg(timeoutMs)
                          .arg(QString::fromLocal8Bit(p.readAll()));
        return false;
    }
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

void asAccount(const std::optional<Account> &account, QString *program, QStringList *args)
{
    if (!account)
        return;
    args->prepend(*program);
    args->prepend(QStringLiteral("--"));
    args->prepend(account->name);
    args->prepend(QStringLiteral("-u"));
    *program = QStringLiteral("runuser");
}

} // namespace taskmill::localproc
