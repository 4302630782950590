// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

class QProcess;

namespace taskmill::test {

// A real `taskmilld` ($TASKMILLD_BIN, set by taskmill_add_test) for end-to-end tests. Its stdout and stderr go
// to one log file, read back by log(); the log is printed when start() fails and, if the current test failed,
// when the object is destroyed. The destructor SIGKILLs a process still running.
//
// Readiness is taken from taskmilld's stdout contract: "taskmilld: listening on http://HOST:PORT" once the
// api role serves (baseUrl() is that URL), or "taskmilld: ready" for processes without the api role.
class BackendProcess
{
    Q_DISABLE_COPY_MOVE(BackendProcess)

public:
    enum class Readiness { Listening, Ready };

    BackendProcess();
    ~BackendProcess();

    // Environment for the next start(); default: ours.
    void setEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }

    // Starts `$TASKMILLD_BIN args...` and waits up to `timeoutMs` for the readiness line. May be called again after
    // the process ended (e.g. a restart after kill()); the log keeps growing across runs.
    Result<Unit> start(const QStringList &args, Readiness readiness = Readiness::Listening, int timeoutMs = 20000);

    QUrl baseUrl() const { return m_baseUrl; } // empty for Readiness::Ready
    // "127.0.0.1:PORT" of the gRPC API when it printed "taskmilld: grpc on …", else empty.
    QString grpcTarget() const { return m_grpcTarget; }
    qint64 pid() const;                         // 0 when not running
    bool isRunning() const;
    // SIGTERM, wait up to timeoutMs (then SIGKILL). True when it exited by itself with code 0.
    bool terminate(int timeoutMs = 10000);
    void kill(); // SIGKILL, as in a crash
    // Waits up to timeoutMs for a process told to stop another way (a signal sent by the test) to exit; true when
    // it exited by itself with code 0.
    bool waitForExit(int timeoutMs);
    int exitCode() const { return m_exitCode; } // -1 while running, after a crash, or before the first run
    QString log() const;
    QString logFile() const;

    static QString binary(); // $TASKMILLD_BIN
    // `taskmilld user add EMAIL --role ROLE <dbArgs>` with the password on stdin: the documented way to make the
    // first admin (there are no default credentials). The error names taskmilld's own message.
    static Result<Unit> addUser(const QStringList &dbArgs, const QString &email, const QString &role,
                                const QString &password);

private:
    void finish();

    QTemporaryDir m_dir;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    std::unique_ptr<QProcess> m_process;
    QUrl m_baseUrl;
    QString m_grpcTarget;
    qint64 m_pid = 0;
    int m_exitCode = -1;
};

} // namespace taskmill::test
