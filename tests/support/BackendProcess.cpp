// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "support/BackendProcess.h"

#include "support/CrashGuard.h"

#include <QDebug>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

namespace taskmill::test {

BackendProcess::BackendProcess() : m_dir(QStringLiteral("/tmp/tm-be-XXXXXX"))
{
    if (qEnvironmentVariableIntValue("TASKMILL_KEEP_TEST_DIRS") != 0)
        m_dir.setAutoRemove(false);
}

BackendProcess::~BackendProcess()
{
    if (isRunning())
        kill();
    if (QTest::currentTestFailed()) {
        const QStringList lines = log().split(u'\n');
        qWarning().noquote() << "--- taskmilld log (last 200 lines of" << logFile() << ") ---\n"
                             << lines.mid(qMax(0, int(lines.size()) - 200)).join(u'\n');
    }
}

QString BackendProcess::binary()
{
    return qEnvironmentVariable("TASKMILLD_BIN");
}

QString BackendProcess::logFile() const
{
    return m_dir.filePath(QStringLiteral("taskmilld.log"));
}

QString BackendProcess::log() const
{
    QFile f(logFile());
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

qint64 BackendProcess::pid() const
{
    return isRunning() ? m_pid : 0;
}

bool BackendProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

Result<Unit> BackendProcess::start(const QStringList &args, Readiness readiness, int timeoutMs)
{
    const QString program = binary();
    if (program.isEmpty())
        return ApiError::unavailable(QStringLiteral("TASKMILLD_BIN is not set (taskmill_add_test sets it when the "
                                                    "taskmilld target exists)"));
    if (isRunning())
        return ApiError::conflict(QStringLiteral("taskmilld is already running (pid %1)").arg(m_pid));
    if (!m_dir.isValid())
        return ApiError::unavailable(QStringLiteral("cannot create a temp dir: %1").arg(m_dir.errorString()));

    m_baseUrl.clear();
    m_grpcTarget.clear();
    m_exitCode = -1;
    // A file rather than pipes: nothing has to drain it while a test blocks, so taskmilld never stalls on a
    // full pipe, and the log survives the process for the failure report.
    QFile log(logFile());
    const qint64 offset = log.exists() ? log.size() : 0;
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(m_environment);
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(logFile(), QIODevice::Append);
    m_process->setStandardErrorFile(logFile(), QIODevice::Append);
    m_process->start(program, args);
    if (!m_process->waitForStarted(10000))
        return ApiError::unavailable(QStringLiteral("cannot start %1: %2").arg(program, m_process->errorString()));
    m_pid = m_process->processId();
    CrashGuard::watch(m_pid);

    static const QRegularExpression listening(QStringLiteral("^taskmilld: listening on (https?://\\S+)"),
                                              QRegularExpression::MultilineOption);
    static const QRegularExpression ready(QStringLiteral("^taskmilld: ready\\b"), QRegularExpression::MultilineOption);
    QElapsedTimer timer;
    timer.start();
    QString failure;
    while (failure.isEmpty()) {
        if (m_process->waitForFinished(20)) {
            finish();
            failure = QStringLiteral("taskmilld exited during startup (exit code %1)").arg(m_exitCode);
            break;
        }
        QString output;
        if (log.open(QIODevice::ReadOnly)) {
            log.seek(offset);
            output = QString::fromUtf8(log.readAll());
            log.close();
        }
        if (const auto match = listening.match(output); match.hasMatch()) {
            m_baseUrl = QUrl(match.captured(1));
            // Printed just before "listening on" when the api serves gRPC too.
            static const QRegularExpression grpc(QStringLiteral("^taskmilld: grpc on (\\S+)"), QRegularExpression::MultilineOption);
            if (const auto g = grpc.match(output); g.hasMatch())
                m_grpcTarget = g.captured(1);
            return Unit{};
        }
        if (readiness == Readiness::Ready && ready.match(output).hasMatch())
            return Unit{};
        if (timer.elapsed() > timeoutMs)
            failure = QStringLiteral("taskmilld printed no \"%1\" line within %2 ms")
                          .arg(readiness == Readiness::Listening ? QStringLiteral("taskmilld: listening on")
                                                                 : QStringLiteral("taskmilld: ready"))
                          .arg(timeoutMs);
    }
    if (isRunning())
        kill();
    QString output;
    if (log.open(QIODevice::ReadOnly)) {
        log.seek(offset);
        output = QString::fromUtf8(log.readAll());
    }
    const QString text =
        QStringLiteral("%1\ncommand: %2 %3\n--- log ---\n%4").arg(failure, program, args.join(u' '), output);
    qWarning().noquote() << text;
    return ApiError::unavailable(text);
}

bool BackendProcess::terminate(int timeoutMs)
{
    if (!isRunning())
        return m_exitCode == 0;
    m_process->terminate();
    if (!m_process->waitForFinished(timeoutMs)) {
        qWarning("taskmilld (pid %lld) ignored SIGTERM for %d ms; killing it", m_pid, timeoutMs);
        kill();
        return false;
    }
    finish();
    return m_exitCode == 0;
}

bool BackendProcess::waitForExit(int timeoutMs)
{
    if (!isRunning())
        return m_exitCode == 0;
    if (!m_process->waitForFinished(timeoutMs))
        return false;
    finish();
    return m_exitCode == 0;
}

void BackendProcess::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    finish();
}

void BackendProcess::finish()
{
    m_exitCode = m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    CrashGuard::unwatch(m_pid);
}

Result<Unit> BackendProcess::addUser(const QStringList &dbArgs, const QString &email, const QString &role,
                                    const QString &password)
{
    constexpr int TimeoutMs = 30000;
    QProcess add;
    add.start(binary(), QStringList{QStringLiteral("user"), QStringLiteral("add"), email, QStringLiteral("--role"), role} + dbArgs);
    if (!add.waitForStarted())
        return ApiError::unavailable(QStringLiteral("cannot start taskmilld user add: ") + add.errorString());
    add.write(password.toUtf8() + "\n");
    add.closeWriteChannel();
    if (!add.waitForFinished(TimeoutMs) || add.exitStatus() != QProcess::NormalExit || add.exitCode() != 0)
        return ApiError::unavailable(QStringLiteral("taskmilld user add failed: ")
                                     + QString::fromUtf8(add.readAllStandardError() + add.readAllStandardOutput()));
    if (!add.readAllStandardOutput().contains("created"))
        return ApiError::unavailable(QStringLiteral("taskmilld user add did not report the user created"));
    return Unit{};
}

} // namespace taskmill::test
