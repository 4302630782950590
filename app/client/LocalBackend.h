// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace taskmill {

// Runs a private `taskmilld --local` as a child process for a Local connection profile whose URL
// nobody answers. Keeps the last MaxLogLines lines of its merged stdout/stderr for a log panel and
// stops it on destruction (SIGTERM, up to StopTimeoutMs, then SIGKILL). GUI thread only.
class LocalBackend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalBackend)

public:
    static constexpr int MaxLogLines = 1000;
    static constexpr int StopTimeoutMs = 10'000;

    explicit LocalBackend(QObject *parent = nullptr);
    ~LocalBackend() override;

    // The binary to run; defaults to findProgram(). Empty when none was found.
    QString program() const { return m_program; }
    void setProgram(const QString &path) { m_program = path; }
    // Data directory passed as --data-dir; empty lets taskmilld choose its default.
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    // The directory taskmilld --local uses: setDataDir()'s, else its default (defaultDataDir()).
    QString dataDir() const { return m_dataDir.isEmpty() ? defaultDataDir() : m_dataDir; }
    // taskmilld's default data dir; must match LocalServices::defaultDataDir() (tested in test_LocalBackend).
    static QString defaultDataDir();
    // The admin token `taskmilld --local` keeps for its owner in <dir>/local-token (mode 0600, docs/security.md);
    // empty when there is none or it cannot be read.
    static QByteArray readLocalToken(const QString &dir);

    // Looks for taskmilld next to the app: <appdir>/../backend/taskmilld (build tree), <appdir>/taskmilld
    // (installed side by side), then PATH.
    static QString findProgram();

    // Starts `taskmilld --local -a host:port` listening on the host and port of `url`. Returns false
    // (and emits failed) when no binary is known or it is already running.
    bool start(const QUrl &url);
    // SIGTERM, then SIGKILL after stopTimeoutMs(); blocks until the process is gone. Safe when not running.
    void stop();
    int stopTimeoutMs() const { return m_stopTimeoutMs; }
    void setStopTimeoutMs(int ms) { m_stopTimeoutMs = ms; }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 processId() const { return m_process.processId(); }

    QStringList logLines() const { return m_log; }
    QStringList arguments(const QUrl &url) const;

signals:
    void started();
    void finished(int exitCode);
    void failed(const QString &message);
    void logLineAdded(const QString &line);

private:
    void onProcessReadyRead();
    void appendLine(const QString &line);

    QProcess m_process;
    QString m_program;
    QString m_dataDir;
    QStringList m_log;
    QByteArray m_partial; // bytes after the last newline, completed by the next read
    int m_stopTimeoutMs = StopTimeoutMs;
    bool m_stopping = false;
};

} // namespace taskmill
