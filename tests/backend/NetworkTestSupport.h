// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once
// Helpers of the network handler tests: the script servers (an HTTP/1.1 server and an aiosmtpd SMTP sink,
// tests/backend/network_test_servers.py) and small builders. Kept apart so the test file stays one subject.
#include "handlers/BuiltinCatalog.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>

#include <optional>

namespace taskmill::nettest {

using namespace Qt::StringLiterals;

inline const QString Python = u"/usr/bin/python3"_s; // Debian's, with python3-aiosmtpd (not a pyenv shim on PATH)
inline constexpr int StartTimeoutMs = 15'000;
inline constexpr int PromptMs = 1'000; // how soon a cancelled or refused handler must return

inline QString serversScript()
{
    return qEnvironmentVariable("TASKMILL_SOURCE_DIR") + u"/tests/backend/network_test_servers.py"_s;
}

// One helper process; the destructor stops it by PID (SIGTERM, then SIGKILL).
class ScriptServer
{
public:
    explicit ScriptServer(const QStringList &args)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(Python, QStringList{serversScript()} + args);
    }
    ~ScriptServer()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    // Waits until the process prints a line starting with `prefix`; returns the rest of it.
    std::optional<QString> waitForLine(const QByteArray &prefix)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < StartTimeoutMs) {
            while (m_process.canReadLine()) {
                const QByteArray line = m_process.readLine().trimmed();
                if (line.startsWith(prefix))
                    return QString::fromUtf8(line.mid(prefix.size()).trimmed());
            }
            if (m_process.state() == QProcess::NotRunning)
                return std::nullopt;
            m_process.waitForReadyRead(100);
        }
        return std::nullopt;
    }

private:
    QProcess m_process;
};

inline quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

inline bool acceptsConnections(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    return s.waitForConnected(200);
}

// What /bytes/<n>?seed=<seed> serves.
inline QByteArray pattern(qsizetype n, int seed)
{
    QByteArray out(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        out[i] = char((i * 31 + seed) & 0xff);
    return out;
}

inline QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

inline Task taskOf(const QString &type, const QJsonObject &payload)
{
    Task t;
    t.id = QUuid::createUuid();
    t.type = type;
    t.payload = payload;
    t.attempts = 1;
    return t;
}

inline const BuiltinHandler &builtin(const QString &name)
{
    for (const BuiltinHandler &h : builtinHandlers()) {
        if (h.name == name)
            return h;
    }
    qFatal("no built-in handler %s", qPrintable(name));
}

inline HandlerOutcome run(const QString &name, const Task &task, const HandlerSettings &settings)
{
    CancellationToken token;
    return builtin(name).run(task, token, settings);
}

inline QJsonObject json(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

inline bool isRetryable(const HandlerOutcome &o) { return o.status == Status::Failed && !o.permanent; }
inline bool isPermanent(const HandlerOutcome &o) { return o.status == Status::Failed && o.permanent; }

} // namespace taskmill::nettest
