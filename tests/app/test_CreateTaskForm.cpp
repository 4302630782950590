// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/CreateTaskForm.h"

#include "validation/TaskValidation.h"

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
};

QTEST_GUILESS_MAIN(TestCreateTaskForm)
#include "test_CreateTaskForm.moc"
