// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/CreateTaskForm.h"

#include "validation/TaskValidation.h"

#include <QJsonObject>
#include <QTest>

using namespace taskmill;

class TestCreateTaskForm final : public QObject
{
    Q_OBJECT

private slots:
    void valid_form_builds_the_request()
    {
        CreateTaskForm form;
        form.type = QStringLiteral(" sleep ");
        form.title = QStringLiteral("Resize avatars");
        form.priority = Priority::High;
        form.payloadText = QStringLiteral(" {\"ms\": 250} ");
        const Result<CreateTaskRequest> request = form.validate();
        QVERIFY2(request, qPrintable(request ? QString() : request.error().message));
        QCOMPARE(request->type, QStringLiteral("sleep"));
        QCOMPARE(request->title, form.title);
        QVERIFY(request->priority == Priority::High);
        QCOMPARE(request->payload.value(QStringLiteral("ms")).toInt(), 250);
    }

    void blank_payload_is_an_empty_object()
    {
        CreateTaskForm form;
        form.type = QStringLiteral("noop");
        const Result<CreateTaskRequest> request = form.validate();
        QVERIFY(request);
        QVERIFY(request->payload.isEmpty());
    }

    void invalid_values_name_the_field_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("field");
        const QString ok = QStringLiteral("noop");
        QTest::newRow("empty type") << QString() << QString() << QString() << QString() << QStringLiteral("type");
        QTest::newRow("type with space") << QStringLiteral("a b") << QString() << QString() << QString()
                                         << QStringLiteral("type");
        QTest::newRow("title too long") << ok << QString(limits::TitleMax + 1, u'x') << QString() << QString()
                                        << QStringLiteral("title");
        QTest::newRow("description too long") << ok << QString() << QString(limits::DescriptionMax + 1, u'x')
                                              << QString() << QStringLiteral("description");
        QTest::newRow("payload malformed") << ok << QString() << QString() << QStringLiteral("{\"ms\": }")
                                           << QStringLiteral("payload");
        QTest::newRow("payload array") << ok << QString() << QString() << QStringLiteral("[1, 2]")
                                       << QStringLiteral("payload");
        // What PostgreSQL cannot store is refused at the field that holds it, as the server would.
        QTest::newRow("NUL in title") << ok << QStringLiteral("a") + QChar(0) + QStringLiteral("b") << QString() << QString()
                                      << QStringLiteral("title");
        QTest::newRow("lone surrogate in description") << ok << QString() << QString(QChar(0xdc00)) << QString()
                                                       << QStringLiteral("description");
        QTest::newRow("NUL escape in payload") << ok << QString() << QString() << QStringLiteral("{\"to\": \"x\\u0000\"}")
                                               << QStringLiteral("payload");
        QTest::newRow("surrogate escape in payload key") << ok << QString() << QString()
                                                         << QStringLiteral("{\"k\\ud800\": 1}") << QStringLiteral("payload");
    }

    void invalid_values_name_the_field()
    {
        QFETCH(QString, type);
        QFETCH(QString, title);
        QFETCH(QString, description);
        QFETCH(QString, payload);
        QFETCH(QString, field);
        const CreateTaskForm form{type, title, description, Priority::Medium, payload};
        const Result<CreateTaskRequest> request = form.validate();
        QVERIFY(!request);
        QCOMPARE(toString(request.error().code), toString(ErrorCode::Validation));
        QCOMPARE(request.error().field, field);
        QVERIFY(!request.error().message.isEmpty());
    }

    void run_at_makes_a_delayed_request()
    {
        CreateTaskForm form;
        form.type = QStringLiteral("noop");
        form.delayed = true;
        form.runAt = QDateTime::currentDateTimeUtc().addSecs(600);
        const Result<CreateTaskRequest> request = form.validate();
        QVERIFY(request);
        QCOMPARE(request->runAt.toSecsSinceEpoch(), form.runAt.toSecsSinceEpoch());
        form.delayed = false;
        QVERIFY(!form.validate()->runAt.isValid()); // unchecked: runs now whatever the editor holds
    }

    void delayed_without_a_time_is_a_run_at_error()
    {
        CreateTaskForm form;
        form.delayed = true;
        const Result<CreateTaskRequest> request = form.validate();
        QVERIFY(!request);
        QCOMPARE(request.error().field, QStringLiteral("run_at"));
    }

    void retry_policy_and_attempts_are_validated_on_their_fields_data()
    {
        QTest::addColumn<int>("maxAttempts");
        QTest::addColumn<qint64>("baseMs");
        QTest::addColumn<qint64>("maxMs");
        QTest::addColumn<QString>("field");
        QTest::newRow("ok") << 5 << qint64(1000) << qint64(60000) << QString();
        QTest::newRow("zero attempts") << 0 << qint64(1000) << qint64(60000) << QStringLiteral("max_attempts");
        QTest::newRow("101 attempts") << 101 << qint64(1000) << qint64(60000) << QStringLiteral("max_attempts");
        QTest::newRow("max below base") << 3 << qint64(5000) << qint64(1000) << QStringLiteral("retry_policy.max_ms");
        QTest::newRow("base over a week") << 3 << qint64(8LL * 24 * 3600 * 1000) << qint64(9LL * 24 * 3600 * 1000)
                                          << QStringLiteral("retry_policy.base_ms");
    }
    void retry_policy_and_attempts_are_validated_on_their_fields()
    {
        QFETCH(int, maxAttempts);
        QFETCH(qint64, baseMs);
        QFETCH(qint64, maxMs);
        QFETCH(QString, field);
        CreateTaskForm form;
        form.type = QStringLiteral("noop");
        form.maxAttempts = maxAttempts;
        form.customRetry = true;
        form.retryPolicy.strategy = RetryPolicy::Strategy::Constant;
        form.retryPolicy.baseMs = baseMs;
        form.retryPolicy.maxMs = maxMs;
        const Result<CreateTaskRequest> request = form.validate();
        if (field.isEmpty()) {
            QVERIFY2(request, qPrintable(request ? QString() : request.error().message));
            QCOMPARE(request->maxAttempts, maxAttempts);
            QVERIFY(request->retryPolicy.has_value());
            QVERIFY(request->retryPolicy->strategy == RetryPolicy::Strategy::Constant);
            QCOMPARE(request->retryPolicy->maxMs, maxMs);
            return;
        }
        QVERIFY(!request);
        QCOMPARE(request.error().field, field);
        QVERIFY(!request.error().message.isEmpty());
    }

    void from_task_copies_what_a_duplicate_needs()
    {
        Task t;
        t.type = QStringLiteral("email.send");
        t.title = QStringLiteral("Welcome mail");
        t.payload = QJsonObject{{QStringLiteral("to"), QStringLiteral("a@example.com")}};
        t.priority = Priority::Low;
        t.maxAttempts = 7;
        t.runAt = QDateTime::currentDateTimeUtc().addDays(-1); // in the past: the copy runs now
        const CreateTaskForm form = CreateTaskForm::fromTask(t);
        QVERIFY(!form.delayed);
        QVERIFY(!form.customRetry);
        const auto request = form.validate();
        QVERIFY(request);
        QCOMPARE(request->payload, t.payload);
        QCOMPARE(request->maxAttempts, 7);
        QVERIFY(request->priority == Priority::Low);
    }
};

QTEST_GUILESS_MAIN(TestCreateTaskForm)
#include "test_CreateTaskForm.moc"
