// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "UiBench.h"

#include "BenchStats.h"
#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "models/TaskModel.h"
#include "models/TaskPager.h"
#include "settings/AppSettings.h"
#include "views/FilterBar.h"
#include "views/MainWindow.h"
#include "views/TaskTablePanel.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using taskmill::bench::Summary;
using taskmill::bench::rounded;

namespace taskmill::uibench {

namespace {
QJsonValue num(double v, int digits = 1)
{
    return std::isnan(v) || std::isinf(v) ? QJsonValue() : QJsonValue(rounded(v, digits));
}

QJsonObject summary(const QList<double> &values)
{
    const Summary s = Summary::of(values);
    return {{u"n"_s, s.n}, {u"p50"_s, num(s.p50)}, {u"p99"_s, num(s.p99)}, {u"max"_s, num(s.max)}};
}

QString ms(double v)
{
    return std::isnan(v) ? u"-"_s : QString::number(v, 'f', v < 10 ? 2 : 1) + u" ms"_s;
}
} // namespace

struct UiBench::Session
{
    std::unique_ptr<QSettings> qsettings;
    std::unique_ptr<AppSettings> settings;
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<BackendClient> client;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<PaintWatcher> watcher;

    ~Session()
    {
        watcher.reset();
        if (client)
            client->abortAll();
        window.reset(); // before the client it refers to
        client.reset();
    }
};

UiBench::UiBench(BenchApplication &app, UiBenchOptions options) : m_app(app), m_o(std::move(options)) {}

UiBench::~UiBench() = default;

std::unique_ptr<UiBench::Session> UiBench::openSession(int rep, QJsonObject *timing)
{
    auto s = std::make_unique<Session>();
    s->qsettings = std::make_unique<QSettings>(m_dir + u"/app-%1.ini"_s.arg(rep), QSettings::IniFormat);
    s->settings = std::make_unique<AppSettings>(*s->qsettings);
    ConnectionProfile profile;
    profile.name = u"ui-bench"_s;
    profile.baseUrl = m_backend->apiUrl();
    profile.kind = ConnectionProfile::Kind::Remote;

    // As main.cpp does it; the clock starts when the client is created.
    const double t0 = nowMs();
    s->network = std::make_unique<QNetworkAccessManager>();
    s->client = std::make_unique<BackendClient>(*s->network, profile);
    s->window = std::make_unique<MainWindow>(*s->client, *s->settings, nullptr);
    const double constructed = nowMs();
    s->watcher = std::make_unique<PaintWatcher>(s->window->taskTable()->view()->viewport());
    double loaded = NAN, painted = NAN;
    QMetaObject::Connection c = QObject::connect(s->window->pager(), &TaskPager::pageLoaded, s->window.get(), [&] {
        if (std::isnan(loaded))
            loaded = nowMs();
    });
    TaskModel *model = s->window->taskModel();
    s->watcher->arm([model] { return model->rowCount() > 0; }, [&](double t) { painted = t; });
    s->client->connectToBackend();
    s->client->eventStream().open();
    s->window->show();
    waitUntil([&] { return !std::isnan(painted); }, 20000);
    QObject::disconnect(c);
    *timing = {{u"first_rows_painted_ms"_s, num(painted - t0, 2)}, {u"page_loaded_ms"_s, num(loaded - t0, 2)},
               {u"window_constructed_ms"_s, num(constructed - t0, 2)}, {u"rows"_s, model->rowCount()}};
    return s;
}

void UiBench::measureFilters(Session &s)
{
    MainWindow &w = *s.window;
    TaskPager *pager = w.pager();
    FilterBar *bar = w.filterBar();
    // Through the filter bar's own widgets when they exist under these names; otherwise through the pager,
    // which is what the filter bar drives (the figure then lacks only the bar's own signal hop).
    const auto toggle = [&](const QString &name, auto apply) -> QString {
        if (auto *b = bar->findChild<QAbstractButton *>(name)) {
            b->click();
            return u"click"_s;
        }
        TaskFilter f = pager->filter();
        apply(f);
        pager->setFilter(f);
        return u"pager"_s;
    };
    QLineEdit *search = bar->findChild<QLineEdit *>(u"searchField"_s);
    QWidget *typeWidget = nullptr;
    for (QWidget *child : bar->findChildren<QWidget *>())
        if (child->objectName().contains(u"type"_s, Qt::CaseInsensitive) && (qobject_cast<QComboBox *>(child) || qobject_cast<QLineEdit *>(child)))
            typeWidget = child;
    const auto setType = [&](const QString &type) -> QString {
        if (auto *combo = qobject_cast<QComboBox *>(typeWidget)) {
            const int i = type.isEmpty() ? 0 : combo->findText(type);
            if (i >= 0) {
                combo->setCurrentIndex(i);
                emit combo->activated(i); // what a user's pick emits; setCurrentIndex() alone does not
                return u"combo"_s;
            }
        } else if (auto *edit = qobject_cast<QLineEdit *>(typeWidget)) {
            edit->setText(type);
            return u"field"_s;
        }
        TaskFilter f = pager->filter();
        f.types = type.isEmpty() ? QStringList() : QStringList{type};
        pager->setFilter(f);
        return u"pager"_s;
    };
    struct Change
    {
        QString kind;
        std::function<QString()> trigger;
    };
    const auto status = [](Status st, bool on) { return [st, on](TaskFilter &f) { on ? void(f.statuses.insert(st)) : void(f.statuses.remove(st)); }; };
    const QList<Change> changes{
        {u"status toggle"_s, [&] { return toggle(u"statusToggle_COMPLETED"_s, status(Status::Completed, true)); }},
        {u"status toggle"_s, [&] { return toggle(u"statusToggle_COMPLETED"_s, status(Status::Completed, false)); }},
        {u"status toggle"_s, [&] { return toggle(u"statusToggle_FAILED"_s, status(Status::Failed, true)); }},
        {u"status toggle"_s, [&] { return toggle(u"statusToggle_FAILED"_s, status(Status::Failed, false)); }},
        {u"priority toggle"_s, [&] { return toggle(u"priorityToggle_HIGH"_s, [](TaskFilter &f) { f.priorities.insert(Priority::High); }); }},
        {u"priority toggle"_s, [&] { return toggle(u"priorityToggle_HIGH"_s, [](TaskFilter &f) { f.priorities.remove(Priority::High); }); }},
        {u"text search"_s, [&] { return search ? (search->setText(u"invoice"_s), u"field"_s) : u"missing"_s; }},
        {u"text search"_s, [&] { return search ? (search->clear(), u"field"_s) : u"missing"_s; }},
        {u"type"_s, [&] { return setType(u"webhook.deliver"_s); }},
        {u"type"_s, [&] { return setType(QString()); }},
    };
    QHash<QString, QList<double>> applied, withDebounce, loadedAt;
    QHash<QString, QString> via;
    QJsonArray each;
    int noRepaint = 0;
    for (int rep = 0; rep < m_o.filterReps; ++rep)
        for (const Change &change : changes) {
            spin(400); // let the previous change's paints and any late answers settle
            const TaskFilter before = pager->filter();
            double emitted = NAN, loaded = NAN, painted = NAN;
            QMetaObject::Connection c1 = QObject::connect(bar, &FilterBar::filterChanged, bar, [&] {
                if (std::isnan(emitted))
                    emitted = nowMs();
            });
            QMetaObject::Connection c2 = QObject::connect(pager, &TaskPager::pageLoaded, bar, [&] {
                if (std::isnan(loaded) && !(pager->filter() == before))
                    loaded = nowMs();
            });
            s.watcher->arm([&] { return !std::isnan(loaded); }, [&](double t) { painted = t; });
            const double t0 = nowMs();
            via[change.kind] = change.trigger();
            waitUntil([&] { return !std::isnan(painted) || (!std::isnan(loaded) && nowMs() - loaded > 1000); }, 20000);
            QObject::disconnect(c1);
            QObject::disconnect(c2);
            s.watcher->disarm();
            if (std::isnan(painted) && !std::isnan(loaded))
                ++noRepaint; // same rows as before: nothing to repaint
            const double start = std::isnan(emitted) ? t0 : emitted;
            applied[change.kind].append(painted - start);
            withDebounce[change.kind].append(painted - t0);
            loadedAt[change.kind].append(loaded - start);
            each.append(QJsonObject{{u"kind"_s, change.kind}, {u"rep"_s, rep}, {u"painted_ms"_s, num(painted - start, 2)},
                                    {u"loaded_ms"_s, num(loaded - start, 2)}, {u"from_input_ms"_s, num(painted - t0, 2)},
                                    {u"rows"_s, w.taskModel()->rowCount()}});
        }
    QJsonObject out;
    for (const QString &kind : {u"status toggle"_s, u"priority toggle"_s, u"text search"_s, u"type"_s}) {
        const Summary a = Summary::of(applied.value(kind)), l = Summary::of(loadedAt.value(kind)), d = Summary::of(withDebounce.value(kind));
        out[kind] = QJsonObject{{u"painted"_s, summary(applied.value(kind))}, {u"page_loaded"_s, summary(loadedAt.value(kind))},
                                {u"from_input"_s, summary(withDebounce.value(kind))}, {u"via"_s, via.value(kind)}};
        QString note = u"page applied p50 %1; via %2"_s.arg(ms(l.p50), via.value(kind));
        if (kind == u"text search")
            note += u"; from keystroke incl. %1 ms debounce: p50 %2"_s.arg(FilterBar::SearchDebounceMs).arg(ms(d.p50));
        m_table.append({u"filter change → rows painted: %1 (%2 changes)"_s.arg(kind).arg(a.n),
                        u"p50 %1 / max %2"_s.arg(ms(a.p50), ms(a.max)), note});
    }
    out[u"no_repaint"_s] = noRepaint;
    out[u"each"_s] = each;
    m_result[u"filter_change"_s] = out;
}

void UiBench::measureLive(Session &s, const QString &mode)
{
    MainWindow &w = *s.window;
    w.filterBar()->clear(); // the newest tasks, which the driver moves, are on the first page
    waitUntil([&] { return w.pager()->filter().isEmpty() && s.client->eventStream().isConnected(); }, 10000);
    spin(1000);

    Heartbeat idle;
    idle.start();
    spin(3000);
    idle.stop();
    const Summary idleGaps = Summary::of(idle.gaps());

    qint64 events = 0, batches = 0, resyncs = 0, pageLoads = 0, replies = 0;
    QList<double> lag;
    const auto c1 = QObject::connect(&s.client->eventStream(), &EventStream::eventsReceived, &w,
                                     [&](const QList<TaskEvent> &list, qint64) {
                                         const qint64 now = QDateTime::currentMSecsSinceEpoch();
                                         ++batches;
                                         events += list.size();
                                         for (const TaskEvent &e : list)
                                             lag.append(double(now - e.at.toMSecsSinceEpoch()));
                                     });
    const auto c2 = QObject::connect(&s.client->eventStream(), &EventStream::resyncRequired, &w, [&] { ++resyncs; });
    const auto c3 = QObject::connect(w.pager(), &TaskPager::pageLoaded, &w, [&] { ++pageLoads; });
    const auto c4 = QObject::connect(s.network.get(), &QNetworkAccessManager::finished, &w, [&] { ++replies; });
    const qint64 paintsBefore = s.watcher->paints();
    double rssMax = rssMiB();
    const double rssBefore = rssMax;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &w, [&] { rssMax = std::max(rssMax, rssMiB()); });
    sampler.start(250);

    std::unique_ptr<QProcess> driver(m_backend->startDriver(m_o.rate, m_o.seconds, mode));
    if (!driver) {
        std::fprintf(stderr, "taskmill-ui-bench: cannot start the update driver (psql)\n");
        return;
    }
    m_app.setRecording(true);
    Heartbeat beat;
    beat.start();
    const double start = nowMs();
    waitUntil([&] { return driver->state() == QProcess::NotRunning; }, int(m_o.seconds * 1000) + 60000);
    beat.stop();
    m_app.setRecording(false);
    const double driveMs = nowMs() - start;
    const qint64 eventsDuring = events, pageLoadsDuring = pageLoads, repliesDuring = replies;
    const QList<BenchApplication::Slow> slowest = m_app.slowest();
    const QList<QPair<QString, double>> totals = m_app.totals();
    const qint64 deliveries = m_app.deliveries();
    spin(int(m_o.settleS * 1000));
    sampler.stop();
    const double rssAfter = rssMiB();
    rssMax = std::max(rssMax, rssAfter);
    for (const auto &c : {c1, c2, c3, c4})
        QObject::disconnect(c);

    QString driverLine;
    QFile log(m_dir + u"/driver.log"_s);
    if (log.open(QIODevice::ReadOnly)) // the last summary line is this phase's
        for (const QString &line : QString::fromUtf8(log.readAll()).split(u'\n'))
            if (line.contains(u"drive: ticks="_s))
                driverLine = line.mid(line.indexOf(u"drive: "_s));
    const auto field = [&](const QString &key) {
        const int i = driverLine.indexOf(key + u'=');
        return i < 0 ? NAN : driverLine.mid(i + key.size() + 1).section(u' ', 0, 0).toDouble();
    };
    const Summary gaps = Summary::of(beat.gaps()), cpuGaps = Summary::of(beat.gapCpu()), l = Summary::of(lag);
    qint64 over16 = 0, cpuOver16 = 0;
    double worstCpu = 0;
    for (qsizetype i = 0; i < beat.gaps().size(); ++i) {
        over16 += beat.gaps().at(i) > 16;
        cpuOver16 += beat.gapCpu().at(i) > 16;
        if (beat.gaps().at(i) >= gaps.max)
            worstCpu = beat.gapCpu().at(i);
    }
    QJsonArray slow, busiest;
    for (const auto &x : slowest)
        slow.append(QJsonObject{{u"ms"_s, num(x.ms, 2)}, {u"cpu_ms"_s, num(x.cpuMs, 2)}, {u"what"_s, x.what}, {u"at_s"_s, num((x.atMs - start) / 1000.0, 2)}});
    double busyTotal = 0;
    for (const auto &t : totals)
        busyTotal += t.second;
    for (qsizetype i = 0; i < std::min<qsizetype>(8, totals.size()); ++i)
        busiest.append(QJsonObject{{u"what"_s, totals.at(i).first}, {u"ms"_s, num(totals.at(i).second)}});
    m_result[u"live_"_s + mode] = QJsonObject{
        {u"driver_mode"_s, mode}, {u"rate_target"_s, m_o.rate}, {u"seconds"_s, m_o.seconds}, {u"driver"_s, driverLine},
        {u"driver_events_per_s"_s, num(field(u"events_per_s"_s))}, {u"driver_late_ticks"_s, num(field(u"late_ticks"_s), 0)},
        {u"drive_ms"_s, num(driveMs)},
        {u"stall_ms"_s, QJsonObject{{u"max"_s, num(gaps.max, 2)}, {u"p99"_s, num(gaps.p99, 2)}, {u"p50"_s, num(gaps.p50, 2)},
                                    {u"ticks"_s, gaps.n}, {u"gaps_over_16ms"_s, over16},
                                    {u"worst_at_s"_s, num((beat.worstAtMs() - start) / 1000.0, 2)},
                                    {u"worst_gap_cpu_ms"_s, num(worstCpu, 2)}}},
        // The GUI thread's own CPU time within each heartbeat gap: the app's work, without the time the
        // scheduler gave other processes (other builds and tests share these 2 cores).
        {u"stall_cpu_ms"_s, QJsonObject{{u"max"_s, num(cpuGaps.max, 2)}, {u"p99"_s, num(cpuGaps.p99, 2)}, {u"gaps_over_16ms"_s, cpuOver16}}},
        {u"idle_stall_ms"_s, QJsonObject{{u"max"_s, num(idleGaps.max, 2)}, {u"p99"_s, num(idleGaps.p99, 2)}}},
        {u"ui_busy_ms"_s, num(busyTotal)}, {u"ui_busy_share"_s, num(busyTotal / driveMs, 3)}, {u"deliveries"_s, deliveries},
        {u"slowest_deliveries"_s, slow}, {u"busiest"_s, busiest},
        {u"app_events"_s, events}, {u"app_events_during_drive"_s, eventsDuring}, {u"app_event_batches"_s, batches},
        {u"app_event_lag_ms"_s, QJsonObject{{u"p50"_s, num(l.p50)}, {u"p99"_s, num(l.p99)}, {u"max"_s, num(l.max)}}},
        {u"resyncs"_s, resyncs}, {u"page_loads_during_drive"_s, pageLoadsDuring}, {u"page_loads_after"_s, pageLoads - pageLoadsDuring},
        {u"http_replies_during_drive"_s, repliesDuring}, {u"http_replies_after"_s, replies - repliesDuring},
        {u"viewport_paints"_s, s.watcher->paints() - paintsBefore},
        {u"rss_mib"_s, QJsonObject{{u"before"_s, num(rssBefore)}, {u"max_during"_s, num(rssMax)}, {u"after"_s, num(rssAfter)},
                                   {u"hwm"_s, num(hwmMiB())}}}};
    m_table.append({u"[%1] UI-thread stall, %2 events/s for %3 s (1 ms heartbeat)"_s.arg(mode).arg(field(u"events_per_s"_s), 0, 'f', 0).arg(m_o.seconds),
                    u"max %1, p99 %2"_s.arg(ms(gaps.max), ms(gaps.p99)),
                    u"%1 gaps > 16 ms; GUI-thread CPU in a gap: max %2 (%3 in the worst gap); worst delivery: %4 (%5 CPU); idle max %6"_s
                        .arg(over16).arg(ms(cpuGaps.max), ms(worstCpu))
                        .arg(slowest.isEmpty() ? u"-"_s : slowest.first().what + u' ' + ms(slowest.first().ms),
                             slowest.isEmpty() ? u"-"_s : ms(slowest.first().cpuMs), ms(idleGaps.max))});
    m_table.append({u"[%1] app RSS during / after live updates"_s.arg(mode), u"max %1 MiB / %2 MiB"_s.arg(rssMax, 0, 'f', 1).arg(rssAfter, 0, 'f', 1),
                    u"before %1 MiB, VmHWM %2 MiB"_s.arg(rssBefore, 0, 'f', 1).arg(hwmMiB(), 0, 'f', 1)});
    m_table.append({u"[%1] events received by the app"_s.arg(mode), u"%1 (%2/s)"_s.arg(eventsDuring).arg(double(eventsDuring) * 1000.0 / driveMs, 0, 'f', 0),
                    u"lag p50 %1, p99 %2; %3 resyncs; page loads %4 during / %5 after; %6 HTTP replies; UI thread busy %7 %"_s
                        .arg(ms(l.p50), ms(l.p99)).arg(resyncs).arg(pageLoadsDuring).arg(pageLoads - pageLoadsDuring).arg(repliesDuring)
                        .arg(100.0 * busyTotal / driveMs, 0, 'f', 0)});
}

double UiBench::timeGet(const QString &pathAndQuery)
{
    QNetworkAccessManager network;
    const double t0 = nowMs();
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(m_backend->apiUrl().toString() + pathAndQuery)));
    waitUntil([&] { return reply->isFinished(); }, 60000);
    const double t = nowMs() - t0;
    const bool ok = reply->error() == QNetworkReply::NoError;
    reply->deleteLater();
    return ok ? t : NAN;
}

void UiBench::measureServer()
{
    // The same requests the filter changes cause, without the app: how much of a figure is the server's.
    const QList<QPair<QString, QString>> queries{
        {u"no filter"_s, u""_s}, {u"status COMPLETED"_s, u"&status=COMPLETED"_s}, {u"status FAILED"_s, u"&status=FAILED"_s},
        {u"priority HIGH"_s, u"&priority=HIGH"_s}, {u"text invoice"_s, u"&q=invoice"_s}, {u"type webhook.deliver"_s, u"&type=webhook.deliver"_s}};
    QJsonObject out;
    QStringList notes;
    for (const auto &[label, q] : queries) {
        QList<double> t;
        for (int i = 0; i < 3; ++i)
            t.append(timeGet(u"/api/v1/tasks?limit=%1"_s.arg(TaskPager::PageSize) + q));
        out[label] = summary(t);
        notes << u"%1 %2"_s.arg(label, ms(Summary::of(t).p50));
    }
    m_result[u"server_list_ms"_s] = out;
    m_table.append({u"GET /api/v1/tasks (page of %1) without the app, p50 of 3"_s.arg(TaskPager::PageSize), u"-"_s, notes.join(u"; "_s)});
}

void UiBench::report()
{
    QList<qsizetype> widths(3, 0);
    const QList<QStringList> rows = QList<QStringList>{{u"measurement"_s, u"figure"_s, u"details"_s}} + m_table;
    for (const QStringList &row : rows)
        for (int c = 0; c < 3; ++c)
            widths[c] = std::max(widths[c], row.value(c).size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QString line = u"|"_s;
        for (int c = 0; c < 3; ++c)
            line += u' ' + rows.at(i).value(c).leftJustified(widths[c]) + u" |"_s;
        std::fprintf(stdout, "%s\n", qPrintable(line));
        if (i == 0)
            std::fprintf(stdout, "|%s|%s|%s|\n", QByteArray(widths[0] + 2, '-').constData(),
                         QByteArray(widths[1] + 2, '-').constData(), QByteArray(widths[2] + 2, '-').constData());
    }
    const QByteArray json = QJsonDocument(m_result).toJson(QJsonDocument::Compact);
    std::fprintf(stdout, "%s\n", json.constData());
    std::fflush(stdout);
    if (!m_o.outFile.isEmpty()) {
        QFile f(m_o.outFile);
        if (f.open(QIODevice::Append))
            f.write(json + '\n');
    }
}

int UiBench::run()
{
    std::unique_ptr<QTemporaryDir> tmp;
    if (m_o.dir.isEmpty()) {
        tmp = std::make_unique<QTemporaryDir>(u"/tmp/tmui-XXXXXX"_s);
        tmp->setAutoRemove(!m_o.keep);
        m_dir = tmp->path();
    } else {
        m_dir = QDir(m_o.dir).absolutePath();
        QDir().mkpath(m_dir);
    }
    std::fprintf(stderr, "taskmill-ui-bench: work dir %s\n", qPrintable(m_dir));
    m_backend = std::make_unique<UiBackend>(m_o.taskmilld, m_o.sqlDir);
    if (auto r = m_backend->start(m_dir, m_o.tasks); !r) {
        std::fprintf(stderr, "taskmill-ui-bench: %s\n", qPrintable(r.error().message));
        return 1;
    }
    m_result[u"system"_s] = u"taskmill-ui"_s;
    m_result[u"date"_s] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    m_result[u"tasks"_s] = m_backend->taskCount();
    m_result[u"fill_s"_s] = num(m_backend->fillSeconds());
    m_result[u"qpa"_s] = QGuiApplication::platformName();
    m_result[u"loadavg_start"_s] = QString::fromLatin1([] {
        QFile f(u"/proc/loadavg"_s);
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
    }());
    m_table.append({u"tasks in the database"_s, QString::number(m_backend->taskCount()),
                    m_backend->fillSeconds() > 0 ? u"filled in %1 s"_s.arg(m_backend->fillSeconds(), 0, 'f', 0) : u"reused"_s});

    // Connect: each repetition is a fresh client and window, as an app start; the last one stays.
    std::unique_ptr<Session> session;
    QJsonArray reps;
    QList<double> painted, loaded;
    for (int rep = 0; rep < m_o.connectReps; ++rep) {
        session.reset();
        spin(500);
        QJsonObject timing;
        session = openSession(rep, &timing);
        reps.append(timing);
        painted.append(timing.value(u"first_rows_painted_ms"_s).toDouble(NAN));
        loaded.append(timing.value(u"page_loaded_ms"_s).toDouble(NAN));
    }
    const Summary p = Summary::of(painted), l = Summary::of(loaded);
    m_result[u"connect"_s] = QJsonObject{{u"first_rows_painted"_s, summary(painted)}, {u"page_loaded"_s, summary(loaded)},
                                         {u"first_rep_ms"_s, painted.value(0)}, {u"each"_s, reps}};
    m_table.append({u"connect → first rows painted (%1 app starts)"_s.arg(p.n), u"p50 %1 / max %2"_s.arg(ms(p.p50), ms(p.max)),
                    u"first start %1; page applied p50 %2"_s.arg(ms(painted.value(0)), ms(l.p50))});

    measureFilters(*session);
    for (const QString &mode : std::as_const(m_o.driverModes))
        measureLive(*session, mode);
    session.reset();
    measureServer();
    m_backend->stop();
    report();
    return 0;
}

} // namespace taskmill::uibench
