// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/LocalBackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <utility>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>

#include <csignal>
#endif

namespace taskmill {

namespace {
const QString BinaryName = QStringLiteral("taskmilld");
constexpr qint64 MaxTokenBytes = 4096; // a token is ~50 bytes; never read a huge file into a header
}

LocalBackend::LocalBackend(QObject *parent)
    : QObject(parent)
    , m_program(findProgram())
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
    // If the app dies without running stop() (killed, crashed), the kernel still sends taskmilld SIGTERM.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &LocalBackend::onProcessReadyRead);
    connect(&m_process, &QProcess::started, this, &LocalBackend::started);
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        onProcessReadyRead();
        if (!m_partial.isEmpty())
            appendLine(QString::fromUtf8(std::exchange(m_partial, {})));
        appendLine(tr("taskmilld exited with code %1.").arg(exitCode));
        emit finished(exitCode);
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // crashes and exits are reported through finished
        const QString message = tr("Cannot start %1: %2").arg(m_program, m_process.errorString());
        appendLine(message);
        emit failed(message);
    });
}

LocalBackend::~LocalBackend()
{
    blockSignals(true);
    stop();
}

QString LocalBackend::findProgram()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    for (const QString &candidate : {QDir(appDir).filePath(QStringLiteral("../backend/") + BinaryName),
                                     QDir(appDir).filePath(BinaryName)}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(BinaryName);
}

QString LocalBackend::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/taskmill");
}

QByteArray LocalBackend::readLocalToken(const QString &dir)
{
    QFile file(QDir(dir).filePath(QStringLiteral("local-token")));
    if (!file.open(QIODevice::ReadOnly))
        return {}; // not written yet (the backend is starting) or not ours: anonymous loopback access remains
    return file.read(MaxTokenBytes).trimmed();
}

QStringList LocalBackend::arguments(const QUrl &url) const
{
    const QString host = url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host();
    QStringList args{QStringLiteral("--local"), QStringLiteral("-a"),
                     QStringLiteral("%1:%2").arg(host).arg(url.port(8080))};
    if (!m_dataDir.isEmpty())
        args << QStringLiteral("--data-dir") << m_dataDir;
    return args;
}

bool LocalBackend::start(const QUrl &url)
{
    if (isRunning())
        return false;
    if (m_program.isEmpty()) {
        const QString message = tr("Cannot start a local backend: %1 was not found next to the app or in PATH.")
                                    .arg(BinaryName);
        appendLine(message);
        emit failed(message);
        return false;
    }
    const QStringList args = arguments(url);
    appendLine(tr("Starting %1 %2").arg(m_program, args.join(u' ')));
    m_process.start(m_program, args);
    return true;
}

void LocalBackend::stop()
{
    if (!isRunning() || m_stopping)
        return;
    m_stopping = true;
    // SIGTERM lets taskmilld stop its executor and its private PostgreSQL/Redis cleanly.
    m_process.terminate();
    if (!m_process.waitForFinished(m_stopTimeoutMs)) {
        appendLine(tr("taskmilld did not stop within %1 s; killing it.").arg(m_stopTimeoutMs / 1000.0));
        m_process.kill();
        m_process.waitForFinished(StopTimeoutMs);
    }
    m_stopping = false;
}

void LocalBackend::onProcessReadyRead()
{
    m_partial += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        QByteArray line = m_partial.left(newline);
        m_partial.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        appendLine(QString::fromUtf8(line));
    }
}

void LocalBackend::appendLine(const QString &line)
{
    m_log.append(line);
    if (m_log.size() > MaxLogLines)
        m_log.remove(0, m_log.size() - MaxLogLines);
    emit logLineAdded(line);
}

} // namespace taskmill
