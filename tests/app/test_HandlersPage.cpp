// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/HandlerForm.h"
#include "models/HandlerModel.h"
#include "views/HandlerActions.h"
#include "views/HandlerDialog.h"
#include "views/HandlersPage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <QUrlQuery>

using namespace taskmill;
using namespace taskmill::test;

namespace {
const QString HandlersPath = QStringLiteral("/api/v1/handlers");
const QString RawDescription = QStringLiteral("<b>x</b>");

QJsonObject handlerJson(const QString &name, bool builtin, qint64 queued, qint64 running, qint64 failed,
                        const QString &description = {}, bool enabled = true, int version = 1)
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("kind"), builtin ? QStringLiteral("builtin") : QStringLiteral("external")},
        {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}},
        {QStringLiteral("default_priority"), QStringLiteral("MEDIUM")},
        {QStringLiteral("max_attempts"), 3},
        {QStringLiteral("retry_policy"), QJsonValue::Null},
        {QStringLiteral("timeout_ms"), 0},
        {QStringLiteral("concurrency"), builtin ? 0 : 4},
        {QStringLiteral("enabled"), enabled},
        {QStringLiteral("version"), version},
        {QStringLiteral("counts"), QJsonObject{{QStringLiteral("queued"), queued},
                                               {QStringLiteral("running"), running},
                                               {QStringLiteral("failed"), failed},
                                               {QStringLiteral("workers"), builtin ? 2 : 0}}},
        {QStringLiteral("created_at"), QStringLiteral("2026-11-23T12:00:00.000Z")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-11-23T12:00:00.000Z")},
    };
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// send_email: built-in, busy; resize_image: external, disabled, with unfinished tasks and markup in its
// description.
QByteArray listJson()
{
    return json({{QStringLiteral("items"),
                  QJsonArray{handlerJson(QStringLiteral("resize_image"), false, 4, 1, 2, RawDescription, false, 7),
                             handlerJson(QStringLiteral("send_email"), true, 1200, 3, 9, QStringLiteral("SMTP"))}}});
}

} // namespace

// The Handlers page against the fake network manager: the table, the handler dialog (live schema check,
// request body, server field errors, stale versions), enable/disable, delete with its confirmation.
class TestHandlersPage final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{QStringLiteral("t"), QUrl(QStringLiteral("http://127.0.0.1:9")),
                                          ConnectionProfile::Kind::Remote});
        m_network->route("GET", HandlersPath, CannedResponse::json(200, listJson()));
        m_page = std::make_unique<HandlersPage>(*m_client);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_page->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_page->resize(1100, 600);
    }

    void cleanup()
    {
        m_client->abortAll();
        m_tester.reset();
        m_page.reset();
        m_client.reset();
        m_network.reset();
    }

    void table_shows_rows_and_counts()
    {
        QCOMPARE(m_network->countSent("GET", HandlersPath), 0); // nothing while hidden
        showLoaded();
        HandlerModel *model = m_page->model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(cell(0, HandlerModel::Name), QStringLiteral("resize_image"));
        QCOMPARE(cell(0, HandlerModel::Kind), QStringLiteral("External"));
        QCOMPARE(cell(0, HandlerModel::Enabled), QStringLiteral("Disabled"));
        QCOMPARE(cell(0, HandlerModel::Queued), QStringLiteral("4"));
        QCOMPARE(cell(0, HandlerModel::Running), QStringLiteral("1"));
        QCOMPARE(cell(0, HandlerModel::Failed), QStringLiteral("2"));
        QCOMPARE(cell(0, HandlerModel::Workers), QStringLiteral("0"));
        QCOMPARE(cell(0, HandlerModel::Limit), QStringLiteral("4"));
        QCOMPARE(cell(1, HandlerModel::Workers), QStringLiteral("2"));
        QCOMPARE(cell(1, HandlerModel::Limit), QStringLiteral("—"));
        QCOMPARE(model->index(1, HandlerModel::Limit).data(HandlerModel::RawValueRole).toInt(), 0);
        QCOMPARE(cell(1, HandlerModel::Kind), QStringLiteral("Built-in"));
        QCOMPARE(cell(1, HandlerModel::Enabled), QStringLiteral("Enabled"));
        QCOMPARE(cell(1, HandlerModel::Queued), QLocale().toString(1200));
        QCOMPARE(model->index(1, HandlerModel::Queued).data(HandlerModel::RawValueRole).toLongLong(), 1200);
        QCOMPARE(cell(1, HandlerModel::Description), QStringLiteral("SMTP"));
        QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("summary"))->text().contains(u'2'));
        // Columns fit their cells, not only their titles.
        QTableView *view = m_page->view();
        QTRY_VERIFY(view->columnWidth(HandlerModel::Name) >= view->fontMetrics().horizontalAdvance(QStringLiteral("resize_image")));
        QVERIFY(view->columnWidth(HandlerModel::Kind) >= view->fontMetrics().horizontalAdvance(QStringLiteral("External")));
    }

    void polls_while_shown_only()
    {
        m_page->model()->setPollInterval(50);
        showLoaded();
        QVERIFY(m_page->model()->isPolling());
        const qsizetype before = m_network->countSent("GET", HandlersPath);
        QTRY_VERIFY(m_network->countSent("GET", HandlersPath) >= before + 2);
        m_page->hide();
        QVERIFY(!m_page->model()->isPolling());
        QTest::qWait(100); // a poll in flight may still be answered
        const qsizetype hidden = m_network->countSent("GET", HandlersPath);
        QTest::qWait(200);
        QCOMPARE(m_network->countSent("GET", HandlersPath), hidden);
    }

    void new_sends_the_post_body()
    {
        showLoaded();
        m_network->route("POST", HandlersPath,
                         CannedResponse::json(201, json(handlerJson(QStringLiteral("thumbs"), false, 0, 0, 0))));
        HandlerDialog *dialog = openNew();
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("thumbs"));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))->setPlainText(QStringLiteral("shop thumbnails"));
        auto *priority = dialog->findChild<QComboBox *>(QStringLiteral("priorityCombo"));
        priority->setCurrentIndex(priority->findData(int(Priority::High)));
        dialog->findChild<QSpinBox *>(QStringLiteral("maxAttemptsSpin"))->setValue(5);
        dialog->findChild<QSpinBox *>(QStringLiteral("timeoutSpin"))->setValue(30'000);
        dialog->findChild<QSpinBox *>(QStringLiteral("concurrencySpin"))->setValue(4);
        const QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                                 {QStringLiteral("required"), QJsonArray{QStringLiteral("path")}}};
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("schemaEdit"))->setPlainText(QString::fromUtf8(json(schema)));
        const qsizetype lists = m_network->countSent("GET", HandlersPath);

        dialog->submit();
        QTRY_COMPARE(m_network->countSent("POST", HandlersPath), 1);
        const QJsonObject expected{
            {QStringLiteral("name"), QStringLiteral("thumbs")},
            {QStringLiteral("description"), QStringLiteral("shop thumbnails")},
            {QStringLiteral("schema"), schema},
            {QStringLiteral("default_priority"), QStringLiteral("HIGH")},
            {QStringLiteral("max_attempts"), 5},
            {QStringLiteral("timeout_ms"), 30'000},
            {QStringLiteral("concurrency"), 4},
            {QStringLiteral("enabled"), true},
        };
        QCOMPARE(QJsonDocument::fromJson(lastSent("POST").body).object(), expected);
        QTRY_VERIFY(!m_page->actions()->dialog()); // closed (and deleted) once saved
        QTRY_VERIFY(m_network->countSent("GET", HandlersPath) > lists); // the table follows the change
    }

    void client_checks_the_name_before_sending()
    {
        showLoaded();
        HandlerDialog *dialog = openNew();
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Bad Name"));
        dialog->submit();
        QVERIFY(!dialog->fieldError(QStringLiteral("name")).isEmpty());
        QCOMPARE(m_network->countSent("POST"), 0);
    }

    void server_422_on_schema_shows_at_the_schema_field()
    {
        showLoaded();
        const QString message = QStringLiteral("schema: <i>unsupported</i> keyword");
        m_network->route("POST", HandlersPath,
                         CannedResponse::json(422, json({{QStringLiteral("error"),
                                                          QJsonObject{{QStringLiteral("code"), QStringLiteral("validation")},
                                                                      {QStringLiteral("field"), QStringLiteral("schema")},
                                                                      {QStringLiteral("message"), message}}}})));
        HandlerDialog *dialog = openNew();
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("thumbs"));
        dialog->submit();
        QVERIFY(dialog->isSubmitting());
        QVERIFY(!dialog->okButton()->isEnabled());
        QTRY_COMPARE(dialog->fieldError(QStringLiteral("schema")), message);
        auto *label = dialog->findChild<QLabel *>(QStringLiteral("schemaError"));
        QCOMPARE(label->textFormat(), Qt::PlainText); // the markup shows as typed
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->generalError().isEmpty());
        QVERIFY(dialog->okButton()->isEnabled()); // the user may fix it and try again
    }

    void conflict_on_create_shows_at_the_name()
    {
        showLoaded();
        m_network->route("POST", HandlersPath,
                         CannedResponse::json(409, R"({"error":{"code":"conflict","message":"a handler named 'thumbs' exists already"}})"));
        HandlerDialog *dialog = openNew();
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("thumbs"));
        dialog->submit();
        QTRY_COMPARE(dialog->fieldError(QStringLiteral("name")), QStringLiteral("a handler named 'thumbs' exists already"));
    }

    void schema_editor_checks_as_the_user_types_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<bool>("valid");
        QTest::newRow("type is a number") << QStringLiteral("{\"type\": 5}") << false;
        QTest::newRow("not JSON") << QStringLiteral("{\n  \"type\": \"object\",\n  oops\n}") << false;
        QTest::newRow("unknown type name") << QStringLiteral("{\"type\": \"strin\"}") << false;
        QTest::newRow("not an object") << QStringLiteral("[1, 2]") << false;
        QTest::newRow("valid") << QStringLiteral("{\"type\": \"object\", \"required\": [\"to\"], "
                                                 "\"properties\": {\"to\": {\"type\": \"string\"}}}")
                               << true;
        QTest::newRow("blank means any payload") << QString() << true;
    }

    void schema_editor_checks_as_the_user_types()
    {
        QFETCH(QString, schema);
        QFETCH(bool, valid);
        showLoaded();
        HandlerDialog *dialog = openNew();
        QVERIFY(dialog->isSchemaValid()); // the default schema
        auto *editor = dialog->findChild<QPlainTextEdit *>(QStringLiteral("schemaEdit"));
        QCOMPARE(editor->font(), QFontDatabase::systemFont(QFontDatabase::FixedFont));
        editor->setPlainText(QStringLiteral("{"));
        editor->setPlainText(schema);
        QVERIFY(dialog->isSchemaValid()); // not judged before the pause
        QTRY_COMPARE(dialog->isSchemaValid(), valid);
        QCOMPARE(dialog->fieldError(QStringLiteral("schema")).isEmpty(), valid);
        QCOMPARE(dialog->okButton()->isEnabled(), valid);
        if (QLatin1StringView(QTest::currentDataTag()) == u"not JSON")
            QVERIFY2(dialog->fieldError(QStringLiteral("schema")).contains(QStringLiteral("line 3")),
                     qPrintable(dialog->fieldError(QStringLiteral("schema"))));
        QCOMPARE(m_network->countSent("POST"), 0);
    }

    void the_form_judges_a_schema_like_the_server()
    {
        QVERIFY(!HandlerForm::checkSchema(QStringLiteral("{\"type\": 5}")).ok());
        QVERIFY(HandlerForm::checkSchema(QStringLiteral("{\"minimum\": 1}")).ok());
        QVERIFY(!HandlerForm::checkSchema(QStringLiteral("{\"minimum\": \"one\"}")).ok());
    }

    void edit_sends_the_version_and_offers_a_reload_when_stale()
    {
        showLoaded();
        m_network->route("PUT", HandlersPath + QStringLiteral("/resize_image"),
                         CannedResponse::json(409, R"({"error":{"code":"conflict","message":"handler 'resize_image' is at version 8, not 7"}})"));
        m_network->route("GET", HandlersPath + QStringLiteral("/resize_image"),
                         CannedResponse::json(200, json(handlerJson(QStringLiteral("resize_image"), false, 0, 0, 0,
                                                                    QStringLiteral("changed elsewhere"), true, 8))));
        m_page->view()->selectRow(0);
        m_page->actions()->editAction()->trigger();
        HandlerDialog *dialog = m_page->actions()->dialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isEditing());
        QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->isReadOnly());
        QVERIFY(!dialog->findChild<QPlainTextEdit *>(QStringLiteral("schemaEdit"))->isReadOnly());
        dialog->findChild<QSpinBox *>(QStringLiteral("maxAttemptsSpin"))->setValue(9);
        dialog->submit();
        QTRY_COMPARE(m_network->countSent("PUT"), 1);
        const QJsonObject body = QJsonDocument::fromJson(lastSent("PUT").body).object();
        QCOMPARE(body.value(QStringLiteral("version")).toInt(), 7);
        QCOMPARE(body.value(QStringLiteral("max_attempts")).toInt(), 9);
        QVERIFY(!body.contains(QStringLiteral("name")));

        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = dialog->findChild<QMessageBox *>(QStringLiteral("staleVersionQuestion"))));
        QVERIFY(dialog->isVisible());
        question->findChild<QPushButton *>(QStringLiteral("reloadButton"))->click();
        QTRY_COMPARE(dialog->form().description, QStringLiteral("changed elsewhere"));
        QCOMPARE(dialog->form().maxAttempts, 3); // the stored value replaced the stale edit
    }

    void builtin_schema_is_read_only_and_not_sent()
    {
        showLoaded();
        m_network->route("PUT", HandlersPath + QStringLiteral("/send_email"),
                         CannedResponse::json(200, json(handlerJson(QStringLiteral("send_email"), true, 0, 0, 0))));
        m_page->view()->selectRow(1);
        m_page->actions()->editAction()->trigger();
        HandlerDialog *dialog = m_page->actions()->dialog();
        QVERIFY(dialog->findChild<QPlainTextEdit *>(QStringLiteral("schemaEdit"))->isReadOnly());
        QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("schemaHint"))->isHidden());
        dialog->submit();
        QTRY_COMPARE(m_network->countSent("PUT"), 1);
        QVERIFY(!QJsonDocument::fromJson(lastSent("PUT").body).object().contains(QStringLiteral("schema")));
    }

    void toggle_disables_or_enables_with_the_version()
    {
        showLoaded();
        m_network->route("PUT", HandlersPath + QStringLiteral("/resize_image"),
                         CannedResponse::json(200, json(handlerJson(QStringLiteral("resize_image"), false, 0, 0, 0, {}, true, 8))));
        m_page->view()->selectRow(0); // disabled
        QAction *toggle = m_page->actions()->toggleAction();
        QCOMPARE(toggle->text().remove(u'&'), QStringLiteral("Enable"));
        toggle->trigger();
        QTRY_COMPARE(m_network->countSent("PUT"), 1);
        const QJsonObject body = QJsonDocument::fromJson(lastSent("PUT").body).object();
        QCOMPARE(body.value(QStringLiteral("enabled")), QJsonValue(true));
        QCOMPARE(body.value(QStringLiteral("version")).toInt(), 7);
    }

    void delete_with_unfinished_tasks_forces_only_after_confirmation()
    {
        showLoaded();
        const QString path = HandlersPath + QStringLiteral("/resize_image");
        // Fresher than the table: the confirmation counts what the backend has now (5 queued + 1 running).
        m_network->route("GET", path,
                         CannedResponse::json(200, json(handlerJson(QStringLiteral("resize_image"), false, 5, 1, 2))));
        m_network->route("DELETE", path, CannedResponse::json(200, R"({"deleted":"resize_image","cancelled":6})"));
        m_page->view()->selectRow(0);
        QAction *remove = m_page->actions()->deleteAction();
        QVERIFY(remove->isEnabled());

        remove->trigger(); // first time: the user cancels
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_page->actions()->deleteConfirmation()));
        QVERIFY(box->text().contains(u'6'));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!m_page->actions()->deleteConfirmation());
        QTest::qWait(50);
        QCOMPARE(m_network->countSent("DELETE"), 0);

        remove->trigger(); // second time: the user agrees
        QTRY_VERIFY((box = m_page->actions()->deleteConfirmation()));
        auto *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QCOMPARE(confirm->text(), QStringLiteral("Delete and Cancel 6 Task(s)"));
        QCOMPARE(m_network->countSent("DELETE"), 0);
        confirm->click();
        QTRY_COMPARE(m_network->countSent("DELETE"), 1);
        QCOMPARE(QUrlQuery(lastSent("DELETE").url).queryItemValue(QStringLiteral("force")), QStringLiteral("true"));
    }

    void delete_without_unfinished_tasks_does_not_force()
    {
        showLoaded();
        const QString path = HandlersPath + QStringLiteral("/resize_image");
        m_network->route("GET", path, CannedResponse::json(200, json(handlerJson(QStringLiteral("resize_image"), false, 0, 0, 2))));
        m_network->route("DELETE", path, CannedResponse::json(200, R"({"deleted":"resize_image","cancelled":0})"));
        m_page->view()->selectRow(0);
        m_page->actions()->deleteAction()->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_page->actions()->deleteConfirmation()));
        box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QTRY_COMPARE(m_network->countSent("DELETE"), 1);
        QVERIFY(!QUrlQuery(lastSent("DELETE").url).hasQueryItem(QStringLiteral("force")));
    }

    void builtin_delete_is_disabled_with_a_reason()
    {
        showLoaded();
        m_page->view()->selectRow(1);
        QAction *remove = m_page->actions()->deleteAction();
        QVERIFY(!remove->isEnabled());
        QVERIFY2(remove->toolTip().contains(QStringLiteral("Built-in")), qPrintable(remove->toolTip()));
        m_page->actions()->deleteSelected();
        QTest::qWait(50);
        QCOMPARE(m_network->countSent("GET", HandlersPath + QStringLiteral("/send_email")), 0);
        QCOMPARE(m_network->countSent("DELETE"), 0);
    }

    void server_text_is_plain_text()
    {
        showLoaded();
        QCOMPARE(cell(0, HandlerModel::Description), RawDescription);
        // Tooltips would render markup: the description goes in escaped.
        const QString tip = m_page->model()->index(0, HandlerModel::Description).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt;")), qPrintable(tip));
        m_page->view()->selectRow(0);
        m_page->actions()->editAction()->trigger();
        HandlerDialog *dialog = m_page->actions()->dialog();
        QCOMPARE(dialog->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))->toPlainText(), RawDescription);

        // A failure message from the server, in a non-modal box, as plain text.
        m_network->route("PUT", HandlersPath + QStringLiteral("/resize_image"),
                         CannedResponse::json(500, R"({"error":{"code":"internal","message":"<b>boom</b>"}})"));
        dialog->reject();
        m_page->actions()->toggleAction()->trigger();
        QMessageBox *error = nullptr;
        QTRY_VERIFY((error = m_page->findChild<QMessageBox *>(QStringLiteral("handlerActionError"))));
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QVERIFY(error->text().contains(QStringLiteral("<b>boom</b>")));
        QVERIFY(!error->isModal());
    }

    void russian_strings_are_translated()
    {
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QLocale::Russian), QStringLiteral("taskmill"), QStringLiteral("_"),
                                QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&translator);
        const QString confirm = HandlerActions::tr("Delete and Cancel %Ln Task(s)", nullptr, 5);
        const QString kind = HandlerModel::kindName(HandlerKind::Builtin);
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(confirm, QStringLiteral("Удалить и отменить 5 задач"));
        QCOMPARE(kind, QStringLiteral("Встроенный"));
    }

private:
    void showLoaded()
    {
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_COMPARE(m_page->model()->rowCount(), 2);
    }

    HandlerDialog *openNew()
    {
        m_page->actions()->newAction()->trigger();
        HandlerDialog *dialog = m_page->actions()->dialog();
        if (dialog && !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        return dialog;
    }

    QString cell(int row, int column) const
    {
        return m_page->model()->index(row, column).data().toString();
    }

    FakeNetworkAccessManager::SentRequest lastSent(const QByteArray &verb) const
    {
        for (qsizetype i = m_network->sent.size() - 1; i >= 0; --i)
            if (m_network->sent.at(i).verb == verb)
                return m_network->sent.at(i);
        return {};
    }

    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<HandlersPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestHandlersPage)
#include "test_HandlersPage.moc"
