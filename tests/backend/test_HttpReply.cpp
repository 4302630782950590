// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// respondLater(): the reply a pool thread's future finishes with is written once, on the server thread, for
// every interleaving of "finished" and the hand-off; not at all when the client or the context went first;
// 500 when the work threw. A QHttpServer on 127.0.0.1 in this process; no PostgreSQL or Redis.
#include "api/HttpReply.h"

#include <QFutureInterface>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>
#include <stdexcept>

using namespace Qt::StringLiterals;
using namespace taskmill;

class TestHttpReply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void a_future_finishing_during_the_hand_off_is_answered_once();
    void a_result_is_turned_into_the_reply_on_the_server_thread();
    void work_that_threw_is_a_logged_500();
    void a_client_gone_before_the_reply_gets_nothing();
    void a_context_gone_before_the_reply_writes_nothing();

private:
    // Sends GET /t on a new connection; the route calls `handle` with the responder.
    QTcpSocket *request();
    QByteArray readUntilClosedOrComplete(QTcpSocket *socket);

    QHttpServer m_server;
    quint16 m_port = 0;
    std::function<void(QHttpServerResponder &&)> m_handle;
    QPointer<QTcpSocket> m_serverSocket;
    std::unique_ptr<QObject> m_context;
};

void TestHttpReply::initTestCase()
{
    m_server.route(u"/t"_s, [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        m_serverSocket = responder.socket();
        m_handle(std::move(responder));
    });
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_port != 0);
}

void TestHttpReply::cleanup()
{
    m_context.reset();
    m_handle = nullptr;
}

QTcpSocket *TestHttpReply::request()
{
    auto *socket = new QTcpSocket(this);
    socket->connectToHost(QHostAddress::LocalHost, m_port);
    socket->write("GET /t HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    return socket;
}

// One response with a Content-Length body, or everything until the server closed.
QByteArray TestHttpReply::readUntilClosedOrComplete(QTcpSocket *socket)
{
    QByteArray received;
    const bool done = QTest::qWaitFor([&] {
        received += socket->readAll();
        const qsizetype end = received.indexOf("\r\n\r\n");
        const qsizetype at = received.indexOf("Content-Length: ");
        if (end > 0 && at > 0 && received.size() >= end + 4 + received.mid(at + 16).split('\r').value(0).toLongLong())
            return true;
        return socket->state() == QAbstractSocket::UnconnectedState;
    }, 5000);
    if (!done)
        return QByteArray("(no response)");
    QTest::qWait(50); // anything written after the first response shows up too
    return received + socket->readAll();
}

// The interleaving Qt 6.4 got wrong: the pool thread has marked the future finished but not yet run its
// continuations when the server thread hands it off. A continuation attached then ran twice (the second time
// with a moved-from promise: SEGV in QFutureInterfaceBase::reportStarted, found by fuzz_HttpRequest).
void TestHttpReply::a_future_finishing_during_the_hand_off_is_answered_once()
{
    m_context = std::make_unique<QObject>();
    QFutureInterface<HttpReply> work;
    m_handle = [&](QHttpServerResponder &&responder) {
        work.reportStarted();
        work.reportResult(HttpReply::json(QJsonObject{{u"n"_s, 1}}));
        work.QFutureInterfaceBase::reportFinished(); // finished, continuations not run yet
        respondLater(m_context.get(), std::move(responder), work.future());
        work.reportFinished(); // the pool thread goes on: runs the continuations
    };
    QTcpSocket *socket = request();
    const QByteArray answer = readUntilClosedOrComplete(socket);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY2(answer.endsWith("{\"n\":1}"), answer.constData());
    QCOMPARE(answer.count("HTTP/1.1"), 1);
    QTRY_COMPARE(m_context->children().size(), 0); // the watcher is gone
}

void TestHttpReply::a_result_is_turned_into_the_reply_on_the_server_thread()
{
    m_context = std::make_unique<QObject>();
    QThread *converted = nullptr;
    m_handle = [&](QHttpServerResponder &&responder) {
        respondLater(m_context.get(), std::move(responder), QtConcurrent::run([] { return 42; }), [&](int n) {
            converted = QThread::currentThread();
            return HttpReply::json(QJsonObject{{u"n"_s, n}}, 201);
        });
    };
    QTcpSocket *socket = request();
    const QByteArray answer = readUntilClosedOrComplete(socket);
    QVERIFY2(answer.startsWith("HTTP/1.1 201"), answer.constData());
    QVERIFY2(answer.endsWith("{\"n\":42}"), answer.constData());
    QCOMPARE(converted, QThread::currentThread());
}

void TestHttpReply::work_that_threw_is_a_logged_500()
{
    m_context = std::make_unique<QObject>();
    m_handle = [&](QHttpServerResponder &&responder) {
        respondLater(m_context.get(), std::move(responder),
                     QtConcurrent::run([]() -> HttpReply { throw std::runtime_error("a bug"); }));
    };
    QTest::ignoreMessage(QtCriticalMsg, "request handler threw");
    QTcpSocket *socket = request();
    const QByteArray answer = readUntilClosedOrComplete(socket);
    QVERIFY2(answer.startsWith("HTTP/1.1 500"), answer.constData());
    QVERIFY2(answer.contains("internal error"), answer.constData());
}

void TestHttpReply::a_client_gone_before_the_reply_gets_nothing()
{
    m_context = std::make_unique<QObject>();
    QFutureInterface<HttpReply> work;
    work.reportStarted();
    bool handled = false;
    m_handle = [&](QHttpServerResponder &&responder) {
        respondLater(m_context.get(), std::move(responder), work.future());
        handled = true;
    };
    QTcpSocket *socket = request();
    QTRY_VERIFY(handled);
    socket->abort();
    QTRY_VERIFY(m_serverSocket.isNull()); // the server deleted its socket
    work.reportResult(HttpReply::json(QJsonObject{{u"n"_s, 1}}));
    work.reportFinished();
    QTRY_COMPARE(m_context->children().size(), 0); // answered into nothing, and gone
}

void TestHttpReply::a_context_gone_before_the_reply_writes_nothing()
{
    m_context = std::make_unique<QObject>();
    QFutureInterface<HttpReply> work;
    work.reportStarted();
    bool handled = false;
    m_handle = [&](QHttpServerResponder &&responder) {
        respondLater(m_context.get(), std::move(responder), work.future());
        handled = true;
    };
    QTcpSocket *socket = request();
    QTRY_VERIFY(handled);
    m_context.reset();
    work.reportResult(HttpReply::json(QJsonObject{{u"n"_s, 1}}));
    work.reportFinished();
    QTest::qWait(100);
    QCOMPARE(socket->readAll(), QByteArray());
}

QTEST_GUILESS_MAIN(TestHttpReply)
#include "test_HttpReply.moc"
