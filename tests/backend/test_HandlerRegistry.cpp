// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/HandlerRegistry.h"
#include "handlers/BuiltinCatalog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
Task taskOf(const QString &type, const QJsonObject &payload = {})
{
    Task t;
    t.id = QUuid::createUuid();
    t.type = type;
    t.payload = payload;
    return t;
}

// The scheduler state of one of our threads from /proc (Linux): 'S' while it is blocked in the kernel,
// e.g. in a condition-variable wait; 0 when it cannot be read.
char threadState(pid_t tid)
{
    QFile stat(u"/proc/self/task/%1/stat"_s.arg(tid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    const qsizetype afterName = line.lastIndexOf(") "); // the name in parentheses may contain anything
    return afterName < 0 || afterName + 2 >= line.size() ? 0 : line.at(afterName + 2);
}
} // namespace

class TestHandlerRegistry : public QObject
{
    Q_OBJECT

private slots:
    void builtins_are_registered();
    void noop_completes_with_ok_true();
    void sleep_waits_the_requested_time_data();
    void sleep_waits_the_requested_time();
    void sleep_stops_early_when_cancelled_from_another_thread();
    void sleep_on_a_cancelled_token_returns_at_once();
    void sleep_with_bad_ms_fails_permanently_data();
    void sleep_with_bad_ms_fails_permanently();
    void fail_uses_the_payload_message_data();
    void fail_uses_the_payload_message();
    void unknown_type_fails_naming_the_type();
    void throwing_handler_is_a_failed_attempt_data();
    void throwing_handler_is_a_failed_attempt();
    void added_handler_runs_and_replaces_a_builtin();
    void alias_runs_the_target_handler();
};

void TestHandlerRegistry::builtins_are_registered()
{
    const HandlerRegistry r = HandlerRegistry::withBuiltins();
    QStringList expected;
    for (const BuiltinHandler &b : builtinHandlers())
        expected << b.name;
    expected.sort();
    QCOMPARE(r.types(), expected);
    for (const QString &name : {u"fail"_s, u"noop"_s, u"sleep"_s, u"http"_s, u"download_files"_s, u"send_email"_s, u"process_image"_s})
        QVERIFY2(r.contains(name), qPrintable(name));
    QVERIFY(r.contains(u"noop"_s));
    QVERIFY(!r.contains(u"NOOP"_s));
    QVERIFY(HandlerRegistry().types().isEmpty());
}

void TestHandlerRegistry::noop_completes_with_ok_true()
{
    CancellationToken token;
    const HandlerOutcome out = HandlerRegistry::withBuiltins().run(taskOf(u"noop"_s, {{u"ignored"_s, 1}}), token);
    QCOMPARE(toString(out.status), u"COMPLETED"_s);
    QCOMPARE(out.result, QJsonValue(QJsonObject{{u"ok"_s, true}}));
    QCOMPARE(out.error, QString());
    QVERIFY(!out.permanent);
}

void TestHandlerRegistry::sleep_waits_the_requested_time_data()
{
    QTest::addColumn<QJsonValue>("ms");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("0 ms") << QJsonValue(0) << qint64(0);
    QTest::newRow("120 ms") << QJsonValue(120) << qint64(120);
    QTest::newRow("150.0 ms") << QJsonValue(150.0) << qint64(150);
}

void TestHandlerRegistry::sleep_waits_the_requested_time()
{
    QFETCH(QJsonValue, ms);
    QFETCH(qint64, expected);
    CancellationToken token;
    QElapsedTimer timer;
    timer.start();
    const HandlerOutcome out = HandlerRegistry::withBuiltins().run(taskOf(u"sleep"_s, {{u"ms"_s, ms}}), token);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(toString(out.status), u"COMPLETED"_s);
    QCOMPARE(out.result, QJsonValue(QJsonObject{{u"slept_ms"_s, expected}}));
    QCOMPARE(out.error, QString());
    QVERIFY2(elapsed >= expected, qPrintable(u"slept only %1 ms"_s.arg(elapsed)));
    QVERIFY2(elapsed < expected + 2000, qPrintable(u"slept %1 ms"_s.arg(elapsed)));
}

void TestHandlerRegistry::sleep_stops_early_when_cancelled_from_another_thread()
{
    const HandlerRegistry registry = HandlerRegistry::withBuiltins();
    CancellationToken token;
    HandlerOutcome out;
    qint64 elapsed = -1;
    std::atomic<pid_t> tid = 0; // set just before the handler runs
    std::unique_ptr<QThread> worker(QThread::create([&] {
        QElapsedTimer timer;
        timer.start();
        const Task task = taskOf(u"sleep"_s, {{u"ms"_s, 20'000}});
        tid = gettid();
        out = registry.run(task, token);
        elapsed = timer.elapsed();
    }));
    worker->start();
    // The handler is waiting: inside run(), its thread is blocked in the kernel (the token's condition wait).
    QTRY_VERIFY_WITH_TIMEOUT(tid != 0 && threadState(tid) == 'S', 5000);
    QVERIFY(worker->isRunning());
    token.cancel();
    QVERIFY(worker->wait(5000));
    QCOMPARE(toString(out.status), u"CANCELLED"_s);
    QCOMPARE(out.error, u"cancelled while sleeping"_s);
    QVERIFY(out.result.isNull());
    QVERIFY(!out.permanent);
    QVERIFY2(elapsed >= 0 && elapsed < 2000, qPrintable(u"returned after %1 ms of 20000"_s.arg(elapsed)));
}

void TestHandlerRegistry::sleep_on_a_cancelled_token_returns_at_once()
{
    CancellationToken token;
    token.cancel();
    QVERIFY(token.isCancelled());
    QElapsedTimer timer;
    timer.start();
    const HandlerOutcome out = HandlerRegistry::withBuiltins().run(taskOf(u"sleep"_s, {{u"ms"_s, 60'000}}), token);
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(toString(out.status), u"CANCELLED"_s);
}

void TestHandlerRegistry::sleep_with_bad_ms_fails_permanently_data()
{
    QTest::addColumn<QJsonObject>("payload");

    QTest::newRow("missing") << QJsonObject{};
    QTest::newRow("null") << QJsonObject{{u"ms"_s, QJsonValue(QJsonValue::Null)}};
    QTest::newRow("string") << QJsonObject{{u"ms"_s, u"100"_s}};
    QTest::newRow("bool") << QJsonObject{{u"ms"_s, true}};
    QTest::newRow("negative") << QJsonObject{{u"ms"_s, -1}};
    QTest::newRow("fraction") << QJsonObject{{u"ms"_s, 1.5}};
    QTest::newRow("over a day") << QJsonObject{{u"ms"_s, 86'400'001}};
    QTest::newRow("huge") << QJsonObject{{u"ms"_s, 1e300}};
    QTest::newRow("object") << QJsonObject{{u"ms"_s, QJsonObject{{u"ms"_s, 5}}}};
}

void TestHandlerRegistry::sleep_with_bad_ms_fails_permanently()
{
    QFETCH(QJsonObject, payload);
    CancellationToken token;
    QElapsedTimer timer;
    timer.start();
    const HandlerOutcome out = HandlerRegistry::withBuiltins().run(taskOf(u"sleep"_s, payload), token);
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(toString(out.status), u"FAILED"_s);
    QCOMPARE(out.error, u"payload.ms must be an integer from 0 to 86400000"_s);
    QVERIFY(out.result.isNull());
    QVERIFY(out.permanent);
}

void TestHandlerRegistry::fail_uses_the_payload_message_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("error");

    QTest::newRow("message") << QJsonObject{{u"message"_s, u"disk full on /srv"_s}} << u"disk full on /srv"_s;
    QTest::newRow("unicode message") << QJsonObject{{u"message"_s, u"Über-Fehler ✗"_s}} << u"Über-Fehler ✗"_s;
    QTest::newRow("no message") << QJsonObject{} << u"failed on purpose (fail handler)"_s;
    QTest::newRow("empty message") << QJsonObject{{u"message"_s, u""_s}} << u"failed on purpose (fail handler)"_s;
    QTest::newRow("message not a string") << QJsonObject{{u"message"_s, 42}} << u"failed on purpose (fail handler)"_s;
}

void TestHandlerRegistry::fail_uses_the_payload_message()
{
    QFETCH(QJsonObject, payload);
    QFETCH(QString, error);
    CancellationToken token;
    const HandlerOutcome out = HandlerRegistry::withBuiltins().run(taskOf(u"fail"_s, payload), token);
    QCOMPARE(toString(out.status), u"FAILED"_s);
    QCOMPARE(out.error, error);
    QVERIFY(out.result.isNull());
    QVERIFY(!out.permanent); // retried like any failure: that is what it is for
}

void TestHandlerRegistry::unknown_type_fails_naming_the_type()
{
    CancellationToken token;
    const HandlerOutcome out = HandlerRegistry::withBuiltins().run(taskOf(u"resize.avatar"_s), token);
    QCOMPARE(toString(out.status), u"FAILED"_s);
    QCOMPARE(out.error, u"no handler registered for type 'resize.avatar'"_s);
    QVERIFY(out.result.isNull());
    QVERIFY(out.permanent);
}

void TestHandlerRegistry::throwing_handler_is_a_failed_attempt_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("error");

    QTest::newRow("std::runtime_error") << 0 << u"handler threw: boom: ünïcode"_s;
    QTest::newRow("std::out_of_range") << 1 << u"handler threw: index 7"_s;
    QTest::newRow("not an exception class") << 2 << u"handler threw an unknown exception"_s;
}

void TestHandlerRegistry::throwing_handler_is_a_failed_attempt()
{
    QFETCH(int, kind);
    QFETCH(QString, error);
    HandlerRegistry r;
    r.add(u"explode"_s, [kind](const Task &, CancellationToken &) -> HandlerOutcome {
        if (kind == 0)
            throw std::runtime_error("boom: \xc3\xbcn\xc3\xaf" "code");
        if (kind == 1)
            throw std::out_of_range("index 7");
        throw 42;
    });
    CancellationToken token;
    const HandlerOutcome out = r.run(taskOf(u"explode"_s), token);
    QCOMPARE(toString(out.status), u"FAILED"_s);
    QCOMPARE(out.error, error);
    QVERIFY(out.result.isNull());
    QVERIFY(!out.permanent);
}

void TestHandlerRegistry::added_handler_runs_and_replaces_a_builtin()
{
    HandlerRegistry r = HandlerRegistry::withBuiltins();
    QString seenTitle;
    r.add(u"noop"_s, [&seenTitle](const Task &t, CancellationToken &) {
        seenTitle = t.title;
        return HandlerOutcome{Status::Completed, QJsonValue(7), {}, false};
    });
    QCOMPARE(r.types().size(), qsizetype(builtinHandlers().size()));
    Task t = taskOf(u"noop"_s);
    t.title = u"custom"_s;
    CancellationToken token;
    const HandlerOutcome out = r.run(t, token);
    QCOMPARE(seenTitle, u"custom"_s);
    QCOMPARE(out.result, QJsonValue(7));
}

void TestHandlerRegistry::alias_runs_the_target_handler()
{
    HandlerRegistry r = HandlerRegistry::withBuiltins();
    QVERIFY(r.addAlias(u"email.send"_s, u"fail"_s));
    QVERIFY(!r.addAlias(u"report.render"_s, u"no-such-handler"_s));
    QVERIFY(r.contains(u"email.send"_s));
    QVERIFY(!r.contains(u"report.render"_s));
    CancellationToken token;
    const HandlerOutcome out = r.run(taskOf(u"email.send"_s, {{u"message"_s, u"SMTP 421"_s}}), token);
    QCOMPARE(toString(out.status), u"FAILED"_s);
    QCOMPARE(out.error, u"SMTP 421"_s);
}

QTEST_GUILESS_MAIN(TestHandlerRegistry)
#include "test_HandlerRegistry.moc"
