// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Tracing end to end: a real taskmilld exports OTLP/HTTP JSON to a small receiver in this process.
// Trace propagation from `traceparent` to the create request's server span and to one span per attempt,
// attributes and outcomes, JSON log lines with trace ids, /api/v1/info, and dropping when the collector is gone.
#include "IntegrationHelpers.h"

#include "observability/Span.h"
#include "observability/TraceContext.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QRegularExpression>

#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
// Quotes, a backslash, a newline and non-ASCII: the hand-written OTLP JSON must escape them all.
const QString Flaky = u"flaky \"dependency\" \\ line 1\nline 2 – ünïcode"_s;
const QString LinkTemplate = u"http://tempo.example:3000/explore?trace={trace_id}"_s;

// One exported span, flattened: the OTLP fields plus attributes as plain values.
struct ReceivedSpan
{
    QJsonObject raw;
    QVariantMap attributes;
    QString service;

    QString str(const QString &key) const { return raw.value(key).toString(); }
    QString attr(const QString &key) const { return attributes.value(key).toString(); }
};

QVariant plainValue(const QJsonObject &any)
{
    if (any.contains(u"intValue"_s))
        return any.value(u"intValue"_s).toString().toLongLong();
    if (any.contains(u"boolValue"_s))
        return any.value(u"boolValue"_s).toBool();
    if (any.contains(u"doubleValue"_s))
        return any.value(u"doubleValue"_s).toDouble();
    return any.value(u"stringValue"_s).toString();
}

QVariantMap attributeMap(const QJsonArray &list)
{
    QVariantMap out;
    for (const QJsonValue &a : list)
        out.insert(a.toObject().value(u"key"_s).toString(), plainValue(a.toObject().value(u"value"_s).toObject()));
    return out;
}
} // namespace

// A minimal OTLP/HTTP receiver: records every span POSTed to /v1/traces and answers 200 {}.
class OtlpReceiver
{
public:
    quint16 listen()
    {
        m_server.route(u"/v1/traces"_s, QHttpServerRequest::Method::Post, [this](const QHttpServerRequest &request) {
            ++requests;
            contentTypes.append(request.value("content-type"));
            const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
            for (const QJsonValue &rs : body.value(u"resourceSpans"_s).toArray()) {
                const QVariantMap resource =
                    attributeMap(rs.toObject().value(u"resource"_s).toObject().value(u"attributes"_s).toArray());
                for (const QJsonValue &ss : rs.toObject().value(u"scopeSpans"_s).toArray())
                    for (const QJsonValue &s : ss.toObject().value(u"spans"_s).toArray())
                        spans.append({s.toObject(), attributeMap(s.toObject().value(u"attributes"_s).toArray()),
                                      resource.value(u"service.name"_s).toString()});
            }
            return QHttpServerResponse(QJsonObject{}, QHttpServerResponse::StatusCode::Ok);
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }

    QList<ReceivedSpan> attemptsOf(const QString &taskId) const
    {
        QList<ReceivedSpan> out;
        for (const ReceivedSpan &s : spans)
            if (s.raw.value(u"kind"_s).toInt() == int(SpanKind::Consumer) && s.attr(u"task.id"_s) == taskId)
                out.append(s);
        std::sort(out.begin(), out.end(), [](const ReceivedSpan &a, const ReceivedSpan &b) {
            return a.attributes.value(u"task.attempt"_s).toInt() < b.attributes.value(u"task.attempt"_s).toInt();
        });
        return out;
    }

    std::optional<ReceivedSpan> span(const QString &spanId) const
    {
        for (const ReceivedSpan &s : spans)
            if (s.str(u"spanId"_s) == spanId)
                return s;
        return std::nullopt;
    }

    QList<ReceivedSpan> spans;
    QByteArrayList contentTypes;
    int requests = 0;

private:
    QHttpServer m_server;
};

class TestTracing : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;
    std::unique_ptr<OtlpReceiver> m_receiver;

    QJsonObject createTraced(const QJsonObject &body, const QByteArray &traceparent)
    {
        TestHttp::Headers headers;
        if (!traceparent.isEmpty())
            headers.append({"traceparent", traceparent});
        const auto r = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), headers);
        if (r.status != 201)
            qWarning() << "create failed" << r.status << r.body;
        return r.obj();
    }

    QJsonObject tracingInfo() { return m_http.get(u"/api/v1/info"_s).obj().value(u"tracing"_s).toObject(); }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        m_receiver = std::make_unique<OtlpReceiver>();
        const quint16 port = m_receiver->listen();
        QVERIFY(port != 0);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TASKMILL_TRACING_SERVICE_NAME"_s, u"taskmill-test"_s); // the environment path of the config
        env.insert(u"QT_LOGGING_RULES"_s, u"taskmill.backend.executor.debug=true\ntaskmill.backend.api.debug=true"_s);
        m_backend.setEnvironment(env);
        auto up = m_backend.start(backendArgs(
            m_servers, {u"--workers"_s, u"2"_s, u"--log-format"_s, u"json"_s,
                        u"--set"_s, u"tracing.endpoint=http://127.0.0.1:%1/v1/traces"_s.arg(port),
                        u"--set"_s, u"tracing.flush_ms=100"_s, u"--set"_s, u"tracing.batch_size=20"_s,
                        u"--set"_s, u"tracing.console=true"_s, u"--set"_s, u"tracing.link_template="_s + LinkTemplate,
                        u"--set"_s, u"retry.strategy=constant"_s, u"--set"_s, u"retry.base_ms=100"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void traceparent_parsing()
    {
        const auto ctx = TraceContext::fromTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01");
        QVERIFY(ctx);
        QCOMPARE(ctx->traceId, u"4bf92f3577b34da6a3ce929d0e0e4736"_s);
        QCOMPARE(ctx->spanId, u"00f067aa0ba902b7"_s);
        QCOMPARE(ctx->toTraceparent(), QByteArray("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        QVERIFY(!TraceContext::fromTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
        QVERIFY(!TraceContext::fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
        QVERIFY(!TraceContext::fromTraceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        QVERIFY(!TraceContext::fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"));
        QVERIFY(!TraceContext::fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x"));
        QVERIFY(!TraceContext::fromTraceparent("garbage"));
        QVERIFY(TraceContext::fromTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future"));
        QVERIFY(TraceContext::current() == nullptr);
        {
            const TraceScope outer({u"a"_s.repeated(32), u"b"_s.repeated(16)});
            {
                const TraceScope inner({u"c"_s.repeated(32), u"d"_s.repeated(16)});
                QCOMPARE(TraceContext::current()->spanId, u"d"_s.repeated(16));
            }
            QCOMPARE(TraceContext::current()->spanId, u"b"_s.repeated(16));
        }
        QVERIFY(TraceContext::current() == nullptr);
        QVERIFY(QRegularExpression(u"^[0-9a-f]{16}$"_s).match(TraceContext::newSpanId()).hasMatch());
        QVERIFY(TraceContext::newTraceId() != TraceContext::newTraceId());
    }

    void info_names_the_link_template()
    {
        const auto r = m_http.get(u"/api/v1/info"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.obj().value(u"version"_s).toString().isEmpty());
        const QJsonObject tracing = r.obj().value(u"tracing"_s).toObject();
        QCOMPARE(tracing.value(u"link_template"_s).toString(), LinkTemplate);
        QCOMPARE(tracing.value(u"exporting"_s).toBool(), true);
    }

    void attempt_span_continues_the_callers_trace()
    {
        const QByteArray trace = "4bf92f3577b34da6a3ce929d0e0e4736", parent = "00f067aa0ba902b7";
        const QJsonObject created = createTraced({{u"type"_s, u"noop"_s}, {u"priority"_s, u"HIGH"_s}},
                                                 "00-" + trace + '-' + parent + "-01");
        const QString id = created.value(u"id"_s).toString();
        QCOMPARE(created.value(u"trace_id"_s).toString(), QString::fromLatin1(trace));
        const QString taskSpan = created.value(u"span_id"_s).toString();
        QVERIFY(QRegularExpression(u"^[0-9a-f]{16}$"_s).match(taskSpan).hasMatch());
        QVERIFY(taskSpan != QString::fromLatin1(parent)); // the request's own span, a child of the caller's
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);

        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->attemptsOf(id).size(), 1, 5000);
        QVERIFY(m_receiver->contentTypes.first().startsWith("application/json"));
        const ReceivedSpan attempt = m_receiver->attemptsOf(id).first();
        QCOMPARE(attempt.service, u"taskmill-test"_s);
        QCOMPARE(attempt.str(u"traceId"_s), QString::fromLatin1(trace));
        QCOMPARE(attempt.str(u"parentSpanId"_s), taskSpan);
        QCOMPARE(attempt.str(u"name"_s), u"task noop"_s);
        QCOMPARE(attempt.attr(u"task.type"_s), u"noop"_s);
        QCOMPARE(attempt.attr(u"task.priority"_s), u"HIGH"_s);
        QCOMPARE(attempt.attributes.value(u"task.attempt"_s).toInt(), 1);
        QCOMPARE(attempt.attr(u"taskmill.outcome"_s), u"completed"_s);
        QVERIFY(!attempt.attr(u"taskmill.worker"_s).isEmpty());
        QCOMPARE(attempt.raw.value(u"status"_s).toObject().value(u"code"_s).toInt(), int(SpanStatus::Ok));
        const qint64 start = attempt.str(u"startTimeUnixNano"_s).toLongLong();
        const qint64 end = attempt.str(u"endTimeUnixNano"_s).toLongLong();
        QVERIFY(start > 0 && end >= start);

        // The create request's server span: the caller's child, the attempt's parent, earlier than it.
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver->span(taskSpan).has_value(), 5000);
        const ReceivedSpan server = *m_receiver->span(taskSpan);
        QCOMPARE(server.raw.value(u"kind"_s).toInt(), int(SpanKind::Server));
        QCOMPARE(server.str(u"traceId"_s), QString::fromLatin1(trace));
        QCOMPARE(server.str(u"parentSpanId"_s), QString::fromLatin1(parent));
        QCOMPARE(server.str(u"name"_s), u"POST /api/v1/tasks"_s);
        QCOMPARE(server.attr(u"task.id"_s), id);
        QCOMPARE(server.attributes.value(u"http.response.status_code"_s).toInt(), 201);
        QVERIFY(server.str(u"startTimeUnixNano"_s).toLongLong() <= start);

        // JSON log lines written inside the attempt carry its ids: the executor's own line and the console span.
        QTRY_VERIFY_WITH_TIMEOUT(m_backend.log().contains(attempt.str(u"spanId"_s)), 5000);
        bool executorLine = false, consoleLine = false;
        for (const QString &line : m_backend.log().split(u'\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            if (o.value(u"span_id"_s).toString() != attempt.str(u"spanId"_s))
                continue;
            QCOMPARE(o.value(u"trace_id"_s).toString(), QString::fromLatin1(trace));
            executorLine = executorLine || (o.value(u"category"_s) == u"taskmill.backend.executor"_s
                                            && o.value(u"msg"_s).toString().contains(id));
            consoleLine = consoleLine || (o.value(u"category"_s) == u"taskmill.backend.tracing"_s
                                          && o.value(u"msg"_s).toString().startsWith(u"task noop "_s));
        }
        QVERIFY(executorLine);
        QVERIFY(consoleLine);
    }

    void any_request_with_traceparent_logs_under_its_trace()
    {
        // Not only creates: a list request's log line carries the caller's trace id (and a span of ours).
        const QByteArray trace = "0af7651916cd43dd8448eb211c80319c";
        const auto listed = m_http.send("GET", u"/api/v1/tasks?limit=1"_s, {},
                                        {{"traceparent", "00-" + trace + "-b7ad6b7169203331-01"}});
        QCOMPARE(listed.status, 200);
        const auto hasLine = [&] {
            for (const QString &line : m_backend.log().split(u'\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
                if (o.value(u"category"_s) == u"taskmill.backend.api"_s && o.value(u"msg"_s).toString() == u"GET /api/v1/tasks"_s
                    && o.value(u"trace_id"_s).toString() == QString::fromLatin1(trace)
                    && o.value(u"span_id"_s).toString().size() == 16
                    && o.value(u"span_id"_s).toString() != u"b7ad6b7169203331"_s)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasLine(), 5000);
    }

    void a_retried_task_has_one_span_per_attempt()
    {
        const QByteArray trace = "0af7651916cd43dd8448eb211c80319c", parent = "b7ad6b7169203331";
        const QJsonObject created = createTraced(
            {{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 3},
             {u"payload"_s, QJsonObject{{u"times"_s, 1}, {u"message"_s, Flaky}}}},
            "00-" + trace + '-' + parent + "-01");
        const QString id = created.value(u"id"_s).toString();
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s, 15000).value(u"status"_s).toString(), u"COMPLETED"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->attemptsOf(id).size(), 2, 5000);
        // A third span would be a bug. Evidence that it had its chance to show up: the span of a task run after
        // this one has been exported.
        const QString marker = createTraced({{u"type"_s, u"noop"_s}}, {}).value(u"id"_s).toString();
        QCOMPARE(waitForStatus(m_http, marker, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->attemptsOf(marker).size(), 1, 5000);
        const QList<ReceivedSpan> spans = m_receiver->attemptsOf(id);
        QCOMPARE(spans.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(spans.at(i).str(u"traceId"_s), QString::fromLatin1(trace));
            QCOMPARE(spans.at(i).str(u"parentSpanId"_s), created.value(u"span_id"_s).toString());
            QCOMPARE(spans.at(i).attributes.value(u"task.attempt"_s).toInt(), i + 1);
            QCOMPARE(spans.at(i).attr(u"task.type"_s), u"fail"_s);
        }
        QVERIFY(spans.at(0).str(u"spanId"_s) != spans.at(1).str(u"spanId"_s));
        QCOMPARE(spans.at(0).attr(u"taskmill.outcome"_s), u"retry"_s);
        QCOMPARE(spans.at(0).attr(u"error.message"_s), Flaky);
        QCOMPARE(spans.at(0).raw.value(u"status"_s).toObject().value(u"code"_s).toInt(), int(SpanStatus::Error));
        QCOMPARE(spans.at(0).raw.value(u"status"_s).toObject().value(u"message"_s).toString(), Flaky);
        QCOMPARE(spans.at(1).attr(u"taskmill.outcome"_s), u"completed"_s);
        // The retry waited its 100 ms between the two attempts.
        QVERIFY(spans.at(1).str(u"startTimeUnixNano"_s).toLongLong()
                >= spans.at(0).str(u"endTimeUnixNano"_s).toLongLong() + 50'000'000);
    }

    void outcomes_dead_lettered_and_cancelled()
    {
        const QString dead = createTraced({{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 1}}, {}).value(u"id"_s).toString();
        const QJsonObject sleeping = createTraced({{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 20000}}}}, {});
        const QString slow = sleeping.value(u"id"_s).toString();
        QCOMPARE(waitForStatus(m_http, slow, u"IN_PROGRESS"_s).value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + slow).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->attemptsOf(dead).size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->attemptsOf(slow).size(), 1, 10000);
        QCOMPARE(m_receiver->attemptsOf(dead).first().attr(u"taskmill.outcome"_s), u"dead_lettered"_s);
        QCOMPARE(m_receiver->attemptsOf(slow).first().attr(u"taskmill.outcome"_s), u"cancelled"_s);
        // Without a traceparent each request starts its own trace; its server span is a root.
        const ReceivedSpan attempt = m_receiver->attemptsOf(slow).first();
        QCOMPARE(attempt.str(u"traceId"_s), sleeping.value(u"trace_id"_s).toString());
        QCOMPARE(attempt.str(u"parentSpanId"_s), sleeping.value(u"span_id"_s).toString());
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver->span(sleeping.value(u"span_id"_s).toString()).has_value(), 5000);
        QVERIFY(m_receiver->span(sleeping.value(u"span_id"_s).toString())->str(u"parentSpanId"_s).isEmpty());
    }

    void a_batch_is_one_trace_under_one_request_span()
    {
        QJsonArray items;
        for (int i = 0; i < 3; ++i)
            items.append(QJsonObject{{u"type"_s, u"noop"_s}});
        const auto r = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items),
                                   {{"traceparent", "00-11111111111111111111111111111111-2222222222222222-01"}});
        QCOMPARE(r.status, 201);
        const QJsonArray ids = r.obj().value(u"ids"_s).toArray();
        QString requestSpan;
        for (const QJsonValue &id : ids) {
            QCOMPARE(waitForStatus(m_http, id.toString(), u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
            QTRY_COMPARE_WITH_TIMEOUT(m_receiver->attemptsOf(id.toString()).size(), 1, 5000);
            const ReceivedSpan s = m_receiver->attemptsOf(id.toString()).first();
            QCOMPARE(s.str(u"traceId"_s), u"11111111111111111111111111111111"_s);
            if (requestSpan.isEmpty())
                requestSpan = s.str(u"parentSpanId"_s);
            QCOMPARE(s.str(u"parentSpanId"_s), requestSpan);
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver->span(requestSpan).has_value(), 5000);
        QCOMPARE(m_receiver->span(requestSpan)->str(u"parentSpanId"_s), u"2222222222222222"_s);
        QCOMPARE(m_receiver->span(requestSpan)->attributes.value(u"taskmill.task.count"_s).toInt(), 3);
    }

    void collector_down_drops_spans_and_work_goes_on()
    {
        QTRY_VERIFY_WITH_TIMEOUT(tracingInfo().value(u"spans_exported"_s).toInteger() >= m_receiver->spans.size(), 5000);
        QCOMPARE(tracingInfo().value(u"spans_dropped"_s).toInteger(), 0);
        m_receiver.reset(); // the collector goes away: connections are refused from now on

        QStringList ids;
        for (int i = 0; i < 5; ++i)
            ids << createTraced({{u"type"_s, u"noop"_s}}, {}).value(u"id"_s).toString();
        for (const QString &id : std::as_const(ids))
            QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        // 5 server spans + 5 attempt spans, sent within flush_ms and refused.
        QTRY_VERIFY_WITH_TIMEOUT(tracingInfo().value(u"spans_dropped"_s).toInteger() >= 10, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_backend.log().contains(u"dropping spans until it answers"_s), 5000);
        // Creating and running tasks is as fast as before: nothing waits for the collector.
        const QString late = createTraced({{u"type"_s, u"noop"_s}}, {}).value(u"id"_s).toString();
        QCOMPARE(waitForStatus(m_http, late, u"COMPLETED"_s, 3000).value(u"status"_s).toString(), u"COMPLETED"_s);
    }
};

QTEST_MAIN(TestTracing)
#include "test_Tracing.moc"
