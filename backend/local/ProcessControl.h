// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <sys/types.h>

class QProcess;

// Small POSIX helpers shared by ServerProcess, its subclasses and LocalServices: signalling by PID,
// /proc inspection, and the "run PostgreSQL as an unprivileged account when we are root" plumbing.
namespace taskmill::localproc {

// A unix socket path (including its terminating NUL) must fit sockaddr_un::sun_path.
inline constexpr int MaxSocketPathBytes = 107;

struct Account
{
    QString name;
    uid_t uid = 0;
    gid_t gid = 0;
};

bool isRoot();

// The `postgres` system account, which runs the server binaries when we are root.
std::optional<Account> postgresAccount();

// The first existing directory on the way to `path` (from "/" down to `path` itself when `includeSelf`) that
// `account` may not search, or an empty string when every one of them is reachable. Checks mode bits only.
QString unreachableDir(const QString &path, const Account &account, bool includeSelf);

// chown(2) to the account (user and primary group); false with `error` set on failure.
bool chownTo(const QString &path, const Account &account, QString *error);

// True when the PID no longer names a live process. A zombie counts as gone: on hosts where PID 1 does not reap,
// an orphaned server child stays a zombie forever, and for us it has stopped all the same.
bool isGone(qint64 pid);
bool waitGone(qint64 pid, int timeoutMs);

qint64 parentPid(qint64 pid);
QList<qint64> childPids(qint64 pid);

// True when argv[0] of the live process `pid` contains `needle` (guards against signalling a reused PID).
bool commandContains(qint64 pid, const QString &needle);

// True when the live process `pid` runs in `dir` (PostgreSQL and Redis chdir into their data dir): together
// with commandContains() this tells a leftover server of ours from an unrelated process that reuses the PID.
bool cwdIs(qint64 pid, const QString &dir);

// The first line of a pid file as a number, 0 when missing or malformed.
qint64 readPidFile(const QString &path);

// Makes the child a session leader, so that a Ctrl+C in our terminal does not reach the server behind our
// back: shutdown order is ours to decide (Redis before PostgreSQL, clients first).
void detachIntoOwnSession(QProcess &process);

// The last `lines` lines of a log file, for error messages.
QString tailOfFile(const QString &path, int lines = 20);

// Runs a short-lived tool to completion with merged output. Returns true on exit code 0. `output` receives
// everything it printed; on a start failure or timeout it receives a description instead.
bool runTool(const QString &program, const QStringList &args, int timeoutMs, QString *output,
             const QString &workingDir = {});

// Wraps `program args` in `runuser -u <account> --` when we are root, so it runs unprivileged.
void asAccount(const std::optional<Account> &account, QString *program, QStringList *args);

} // namespace taskmill::localproc
