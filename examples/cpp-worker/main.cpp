// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
//
// An external worker on the C++ SDK with two handlers (README.md):
//   checksum_file  payload {path, work_ms?, fail_first_attempt?} → {"sha256", "bytes"}; throws (PermanentError
//                  for a missing file)
//   reverse_text   payload {text} → {"reversed"}; returns HandlerResult instead of throwing
// and a producer mode, `--submit TYPE --payload JSON [--idempotency-key KEY]`, that creates one task with the
// Client and waits for it.
// Both handlers only read: running them twice (delivery is at least once) gives the same result.
#include <taskmill_sdk/Client.h>
#include <taskmill_sdk/Worker.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace taskmill::sdk;

namespace {

// Simulated work reports progress and looks for a lost lease at this pace.
constexpr int WorkStepMs = 100;

class ChecksumHandler final : public Handler
{
public:
    QString name() const override { return QStringLiteral("checksum_file"); }
    QString description() const override { return QStringLiteral("SHA-256 of a file (C++ SDK example)"); }
    QJsonObject schema() const override
    {
        return QJsonDocument::fromJson(R"({
            "type": "object", "required": ["path"], "additionalProperties": false,
            "properties": {
                "path": {"type": "string", "minLength": 1},
                "work_ms": {"type": "integer", "minimum": 0, "maximum": 600000},
                "fail_first_attempt": {"type": "boolean"}}})").object();
    }
    QJsonObject defaults() const override { return {{QStringLiteral("max_attempts"), 3}}; }

    HandlerResult process(const Task &task) override
    {
        const QJsonObject payload = task.payload();
        if (payload.value(QStringLiteral("fail_first_attempt")).toBool() && task.attempt() == 1)
            throw std::runtime_error("simulated failure of the first attempt");
        // Demonstration knob for heartbeats, progress and shutdown: a slow task that gives up when its lease
        // is gone (its result would be refused anyway).
        const int workMs = payload.value(QStringLiteral("work_ms")).toInt();
        const QDeadlineTimer work(workMs);
        while (!work.hasExpired()) {
            if (task.leaseLost())
                throw std::runtime_error("lease lost; stopping early");
            task.progress(int(100 * (workMs - work.remainingTime()) / std::max(workMs, 1)), QStringLiteral("hashing"));
            QThread::msleep(std::min<qint64>(WorkStepMs, std::max<qint64>(work.remainingTime(), 1)));
        }
        const QString path = payload.value(QStringLiteral("path")).toString();
        QFile file(path);
        if (!file.exists())
            throw PermanentError(QStringLiteral("no such file: ") + path); // stays missing: no point in retrying
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error(("cannot open " + path + ": " + file.errorString()).toStdString());
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        return HandlerResult::success(QJsonObject{{QStringLiteral("sha256"), QString::fromLatin1(hash.result().toHex())},
                                                  {QStringLiteral("bytes"), file.size()}});
    }
};

class ReverseHandler final : public Handler
{
public:
    QString name() const override { return QStringLiteral("reverse_text"); }
    QString description() const override { return QStringLiteral("reverses a text (C++ SDK example)"); }
    QJsonObject schema() const override
    {
        return QJsonDocument::fromJson(R"({"type": "object", "required": ["text"],
            "properties": {"text": {"type": "string", "maxLength": 100000}}})").object();
    }

    HandlerResult process(const Task &task) override
    {
        const QString text = task.payload().value(QStringLiteral("text")).toString();
        if (text.isEmpty())
            return HandlerResult::failure(QStringLiteral("nothing to reverse"), /*permanent=*/true);
        QList<uint> codePoints = text.toUcs4(); // by code point, so that surrogate pairs stay intact
        std::reverse(codePoints.begin(), codePoints.end());
        return HandlerResult::success(QJsonObject{
            {QStringLiteral("reversed"), QString::fromUcs4(reinterpret_cast<const char32_t *>(codePoints.constData()), codePoints.size())}});
    }
};

int submit(const QUrl &url, const QString &token, const QString &type, const QByteArray &payloadJson,
           const QString &idempotencyKey, int timeoutMs)
{
    QJsonParseError parseError;
    const QJsonDocument payload = QJsonDocument::fromJson(payloadJson, &parseError);
    if (!payload.isObject()) {
        std::fprintf(stderr, "--payload must be a JSON object: %s\n", qPrintable(parseError.errorString()));
        return 2;
    }
    Client client(url, token);
    // With a key the producer may run again after a failure: the same key is the same task (docs/api.md).
    const auto created = client.create(type, payload.object(), {}, {}, {}, idempotencyKey);
    if (!created) {
        std::fprintf(stderr, "create failed: %s\n", qPrintable(created.error().toString()));
        return 1;
    }
    const auto done = client.wait(created->value(QStringLiteral("id")).toString(), timeoutMs, 100);
    if (!done) {
        std::fprintf(stderr, "wait failed: %s\n", qPrintable(done.error().toString()));
        return 1;
    }
    std::printf("%s\n", QJsonDocument(*done).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}"
                                          "%{if-warning}WARNING%{endif}%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} "
                                          "%{category}: %{message}"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Taskmill C++ SDK example: checksum_file and reverse_text"));
    parser.addHelpOption();
    const QString envUrl = qEnvironmentVariable("TASKMILL_URL", QStringLiteral("http://127.0.0.1:8080"));
    QCommandLineOption url(QStringLiteral("url"), QStringLiteral("backend URL"), QStringLiteral("url"), envUrl);
    QCommandLineOption token(QStringLiteral("token"), QStringLiteral("bearer token"), QStringLiteral("token"),
                             qEnvironmentVariable("TASKMILL_TOKEN"));
    QCommandLineOption name(QStringLiteral("name"), QStringLiteral("worker name (default host-pid)"), QStringLiteral("name"));
    QCommandLineOption concurrency(QStringLiteral("concurrency"), QStringLiteral("tasks run at once"), QStringLiteral("n"), QStringLiteral("4"));
    QCommandLineOption leaseMs(QStringLiteral("lease-ms"), QStringLiteral("lease time"), QStringLiteral("ms"), QStringLiteral("30000"));
    QCommandLineOption waitMs(QStringLiteral("wait-ms"), QStringLiteral("long-poll time"), QStringLiteral("ms"), QStringLiteral("20000"));
    QCommandLineOption grace(QStringLiteral("grace"), QStringLiteral("seconds running tasks get after SIGTERM"), QStringLiteral("s"), QStringLiteral("10"));
    QCommandLineOption submitType(QStringLiteral("submit"), QStringLiteral("create one task of this type, wait, print it"), QStringLiteral("type"));
    QCommandLineOption payload(QStringLiteral("payload"), QStringLiteral("payload for --submit (JSON)"), QStringLiteral("json"), QStringLiteral("{}"));
    QCommandLineOption idempotencyKey(QStringLiteral("idempotency-key"), QStringLiteral("Idempotency-Key for --submit: running again is the same task"),
                                      QStringLiteral("key"));
    parser.addOptions({url, token, name, concurrency, leaseMs, waitMs, grace, submitType, payload, idempotencyKey});
    parser.process(app);

    const QUrl server(parser.value(url));
    if (parser.isSet(submitType))
        return submit(server, parser.value(token), parser.value(submitType), parser.value(payload).toUtf8(),
                      parser.value(idempotencyKey), 60000);

    try {
        Worker worker(server, parser.value(name), parser.value(token));
        worker.setLeaseMs(parser.value(leaseMs).toInt());
        worker.setWaitMs(parser.value(waitMs).toInt());
        worker.setGracePeriod(std::chrono::milliseconds(qint64(parser.value(grace).toDouble() * 1000)));
        worker.registerHandler(std::make_shared<ChecksumHandler>());
        worker.registerHandler(std::make_shared<ReverseHandler>());
        if (const auto error = worker.run(parser.value(concurrency).toInt())) {
            std::fprintf(stderr, "worker gave up: %s\n", qPrintable(error->toString()));
            return 1;
        }
    } catch (const std::invalid_argument &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    return 0;
}
