// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "UiBackend.h"
#include "UiProbe.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QNetworkAccessManager;

namespace taskmill {
class AppSettings;
class BackendClient;
class MainWindow;
}

namespace taskmill::uibench {

struct UiBenchOptions
{
    QString taskmilld;
    QString sqlDir;       // fill.sql, drive.sql
    QString dir;          // private servers and logs; empty = a new /tmp/tmui-XXXXXX
    bool keep = false;
    qint64 tasks = 1'000'000;
    int connectReps = 5;
    int filterReps = 5;
    double rate = 5000;   // task events per second from the update driver
    double seconds = 20;
    double settleS = 5;   // after the driver stops: RSS settles, the app catches up
    QStringList driverModes{QStringLiteral("updates"), QStringLiteral("outbox")}; // drive.sql modes, one live phase each
    QString outFile;      // also append the JSON line here
};

// The measurements of issue 6 against the real MainWindow (offscreen is fine: paint events still run):
// connect -> first rows painted, filter change -> new rows painted, and UI-thread stalls plus RSS while
// the backend pushes `rate` task events per second. Prints a table and one JSON line.
class UiBench final
{
public:
    UiBench(BenchApplication &app, UiBenchOptions options);
    ~UiBench();
    Q_DISABLE_COPY_MOVE(UiBench)

    int run();

private:
    struct Session; // network manager + client + settings + window

    std::unique_ptr<Session> openSession(int rep, QJsonObject *timing);
    void measureFilters(Session &s);
    void measureLive(Session &s, const QString &mode);
    void measureServer();
    double timeGet(const QString &pathAndQuery);
    void report();

    BenchApplication &m_app;
    UiBenchOptions m_o;
    std::unique_ptr<UiBackend> m_backend;
    QString m_dir;
    QJsonObject m_result;
    QList<QStringList> m_table;
};

} // namespace taskmill::uibench
