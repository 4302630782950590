// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "codec/TaskJson.h"
#include "models/CreateTaskForm.h"
#include "validation/TaskValidation.h"
#include "views/CreateTaskDialog.h"
#include "views/PayloadEditor.h"
#include "views/SchemaForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace taskmill;
using namespace taskmill::test;

namespace {
const QString HandlersPath = QStringLiteral("/api/v1/handlers");
const QString TasksPath = QStringLiteral("/api/v1/tasks");

// One property of every kind the form generates an input for.
const QByteArray PrintSchema = R"({
  "type": "object",
  "required": ["document", "copies"],
  "additionalProperties": false,
  "properties": {
    "document": {"type": "string", "minLength": 1},
    "paper": {"type": "string", "enum": ["a4", "letter"]},
    "copies": {"type": "integer", "minimum": 1, "maximum": 10},
    "scale": {"type": "number", "exclusiveMinimum": 0, "maximum": 4},
    "duplex": {"type": "boolean"},
    "tags": {"type": "array", "items": {"type": "string"}},
    "options": {"type": "object", "properties": {"dpi": {"type": "integer", "maximum": 600}}}
  }
})";

QJsonObject handler(const QString &name, const QJsonObject &schema)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("description"), QStringLiteral("<b>desc</b>")},
                       {QStringLiteral("kind"), QStringLiteral("external")},
                       {QStringLiteral("schema"), schema},
                       {QStringLiteral("default_priority"), QStringLiteral("MEDIUM")},
                       {QStringLiteral("max_attempts"), 3},
                       {QStringLiteral("retry_policy"), QJsonValue::Null},
                       {QStringLiteral("timeout_ms"), 0},
                       {QStringLiteral("concurrency"), 0},
                       {QStringLiteral("enabled"), true},
                       {QStringLiteral("version"), 1},
                       {QStringLiteral("counts"), QJsonObject{}},
                       {QStringLiteral("created_at"), QStringLiteral("2026-11-23T12:00:00.000Z")},
                       {QStringLiteral("updated_at"), QStringLiteral("2026-11-23T12:00:00.000Z")}};
}

QByteArray handlersJson()
{
    const QJsonObject print = QJsonDocument::fromJson(PrintSchema).object();
    return QJsonDocument(QJsonObject{{QStringLiteral("items"),
                                      QJsonArray{handler(QStringLiteral("noop"), {}),
                                                 handler(QStringLiteral("print"), print)}}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}
} // namespace

// The New Task dialog against the fake network: handler choice, the form generated from a handler's schema,
// the live schema check, server schema violations, the JSON toggle.
class TestCreateTaskDialog final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_network->route("GET", HandlersPath, CannedResponse::json(200, handlersJson()));
        m_network->route("GET", QStringLiteral("/api/v1/tasks/types"),
                         CannedResponse::json(200, R"({"types": ["invoice.generate", "print"]})"));
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{QStringLiteral("t"), QUrl(QStringLiteral("http://127.0.0.1:1")),
                                          ConnectionProfile::Kind::Remote});
        m_dialog = std::make_unique<CreateTaskDialog>(*m_client);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        auto *type = m_dialog->findChild<QComboBox *>(QStringLiteral("typeEdit"));
        QTRY_VERIFY(type->findText(QStringLiteral("print")) >= 0);
        QCOMPARE(type->itemData(type->findText(QStringLiteral("print")), Qt::ToolTipRole).toString(),
                 QStringLiteral("<b>desc</b>"));
        m_dialog->findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(QStringLiteral("Print it"));
        type->setCurrentText(QStringLiteral("print"));
    }

    void cleanup()
    {
        m_dialog.reset();
        m_client.reset();
        m_network.reset();
    }

    void builds_an_input_per_property_kind()
    {
        QVERIFY(field<QLineEdit>(QStringLiteral("document")));
        auto *paper = field<QComboBox>(QStringLiteral("paper"));
        QVERIFY(paper);
        QCOMPARE(paper->count(), 3); // "not set", a4, letter
        QCOMPARE(paper->itemText(1), QStringLiteral("a4"));
        auto *copies = field<QSpinBox>(QStringLiteral("copies"));
        QVERIFY(copies);
        QCOMPARE(copies->minimum(), 1); // required: no "not set" below the schema's minimum
        QCOMPARE(copies->maximum(), 10);
        auto *scale = field<QDoubleSpinBox>(QStringLiteral("scale"));
        QVERIFY(scale);
        QCOMPARE(scale->maximum(), 4.0);
        QCOMPARE(scale->text(), QStringLiteral("not set")); // optional, exclusive minimum 0 → 0.001 and one below
        auto *duplex = field<QCheckBox>(QStringLiteral("duplex"));
        QVERIFY(duplex && duplex->isTristate());
        QCOMPARE(duplex->checkState(), Qt::PartiallyChecked);
        QVERIFY(field<QLineEdit>(QStringLiteral("tags")));
        QVERIFY(field<QPlainTextEdit>(QStringLiteral("options"))); // nested object: a JSON editor
        // Required inputs are marked.
        auto *form = m_dialog->payloadEditor()->form()->findChild<QFormLayout *>();
        auto labelOf = [&](const QString &name) {
            return qobject_cast<QLabel *>(form->labelForField(field<QWidget>(name)->parentWidget()))->text();
        };
        QCOMPARE(labelOf(QStringLiteral("copies")), QStringLiteral("copies *:"));
        QCOMPARE(labelOf(QStringLiteral("paper")), QStringLiteral("paper:"));
        QVERIFY(!m_dialog->payloadEditor()->jsonEditor()->isVisible());
    }

    void typed_values_make_the_exact_payload_that_is_sent()
    {
        QTest::keyClicks(field<QLineEdit>(QStringLiteral("document")), QStringLiteral("invoices/7.json"));
        field<QComboBox>(QStringLiteral("paper"))->setCurrentIndex(2);
        field<QSpinBox>(QStringLiteral("copies"))->setValue(3);
        field<QDoubleSpinBox>(QStringLiteral("scale"))->setValue(1.5);
        field<QCheckBox>(QStringLiteral("duplex"))->setCheckState(Qt::Unchecked);
        QTest::keyClicks(field<QLineEdit>(QStringLiteral("tags")), QStringLiteral("finance,  q3 ,,urgent"));
        field<QPlainTextEdit>(QStringLiteral("options"))->setPlainText(QStringLiteral("{\"dpi\": 300}"));
        const QJsonObject expected = parse(QStringLiteral(
            R"({"document":"invoices/7.json","paper":"letter","copies":3,"scale":1.5,"duplex":false,)"
            R"("tags":["finance","q3","urgent"],"options":{"dpi":300}})"));
        QCOMPARE(parse(m_dialog->form().payloadText), expected);
        QTRY_VERIFY(m_dialog->createButton()->isEnabled());

        Task created;
        created.id = QUuid::createUuid();
        created.type = QStringLiteral("print");
        m_network->route("POST", TasksPath, CannedResponse::json(201, QJsonDocument(toJson(created)).toJson()));
        m_dialog->submit();
        QCOMPARE(m_network->countSent("POST", TasksPath), 1);
        const QJsonObject body = QJsonDocument::fromJson(m_network->sent.last().body).object();
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("print"));
        QCOMPARE(body.value(QStringLiteral("payload")).toObject(), expected);
    }

    // A create whose answer never came may have landed: pressing Create again sends the same Idempotency-Key
    // while the request is unchanged (the server answers the first task, docs/api.md), a changed one a new key.
    void create_again_after_an_error_sends_the_same_idempotency_key()
    {
        QTest::keyClicks(field<QLineEdit>(QStringLiteral("document")), QStringLiteral("invoices/8.json"));
        field<QSpinBox>(QStringLiteral("copies"))->setValue(2);
        QTRY_VERIFY(m_dialog->createButton()->isEnabled());
        m_network->route("POST", TasksPath, CannedResponse::refused());
        const auto lastKey = [this] { return m_network->sent.last().request.rawHeader("Idempotency-Key"); };
        m_dialog->submit();
        QTRY_VERIFY(!m_dialog->isSubmitting());
        const QByteArray first = lastKey();
        QVERIFY(!QUuid::fromString(QString::fromLatin1(first)).isNull());
        m_dialog->submit();
        QTRY_VERIFY(!m_dialog->isSubmitting());
        QCOMPARE(m_network->countSent("POST", TasksPath), 2);
        QCOMPARE(lastKey(), first);
        m_dialog->findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(QStringLiteral("Print it twice"));
        m_dialog->submit();
        QTRY_VERIFY(!m_dialog->isSubmitting());
        QCOMPARE(m_network->countSent("POST", TasksPath), 3);
        QVERIFY(lastKey() != first);
        QVERIFY(m_dialog->isVisible()); // nothing was created: the dialog stays with its error
    }

    void violations_show_at_their_inputs_and_disable_create()
    {
        // Nothing typed yet: the required document is missing, reported at its input.
        QTRY_VERIFY(!m_dialog->createButton()->isEnabled());
        QCOMPARE(fieldError(QStringLiteral("document")), QStringLiteral("document is required."));
        QTest::keyClicks(field<QLineEdit>(QStringLiteral("document")), QStringLiteral("a.json"));
        QTRY_VERIFY(m_dialog->createButton()->isEnabled()); // checked once typing paused
        QVERIFY(fieldError(QStringLiteral("document")).isEmpty());

        // A value above the maximum (from the JSON view) is kept as typed and reported at its spin box.
        m_dialog->payloadEditor()->jsonToggle()->setChecked(true);
        m_dialog->payloadEditor()->jsonEditor()->setPlainText(QStringLiteral(R"({"document": "a.json", "copies": 50})"));
        m_dialog->payloadEditor()->jsonToggle()->setChecked(false);
        QCOMPARE(field<QSpinBox>(QStringLiteral("copies"))->value(), 50);
        QTRY_VERIFY(!fieldError(QStringLiteral("copies")).isEmpty());
        QCOMPARE(fieldError(QStringLiteral("copies")), QStringLiteral("Must be at most 10."));
        QVERIFY(!m_dialog->createButton()->isEnabled());
        QVERIFY(field<QLabel>(QStringLiteral("copiesError"))->isVisible());
        m_dialog->submit();
        QCOMPARE(m_network->countSent("POST", TasksPath), 0);

        field<QSpinBox>(QStringLiteral("copies"))->setValue(10);
        QTRY_VERIFY(m_dialog->createButton()->isEnabled());
        QVERIFY(fieldError(QStringLiteral("copies")).isEmpty());

        // A nested violation names where inside the property.
        field<QPlainTextEdit>(QStringLiteral("options"))->setPlainText(QStringLiteral("{\"dpi\": 1200}"));
        QTRY_COMPARE(fieldError(QStringLiteral("options")), QStringLiteral("at /dpi: Must be at most 600."));
        QVERIFY(!m_dialog->createButton()->isEnabled());
        field<QPlainTextEdit>(QStringLiteral("options"))->setPlainText(QStringLiteral("{\"dpi\": "));
        QTRY_VERIFY(fieldError(QStringLiteral("options")).startsWith(QStringLiteral("Not valid JSON")));
        QVERIFY(!m_dialog->createButton()->isEnabled());
    }

    void server_schema_violations_show_at_the_inputs()
    {
        QTest::keyClicks(field<QLineEdit>(QStringLiteral("document")), QStringLiteral("a.json"));
        m_network->route("POST", TasksPath, CannedResponse::json(422, R"({"error":{"code":"validation_failed",
            "message":"payload does not match","field":"payload","details":[
            {"path":"/document","message":"<i>no such document</i>"},
            {"path":"/options/dpi","message":"too fine"},
            {"path":"","message":"payload is odd"}]}})"));
        m_dialog->submit();
        QTRY_COMPARE(fieldError(QStringLiteral("document")), QStringLiteral("<i>no such document</i>"));
        QCOMPARE(field<QLabel>(QStringLiteral("documentError"))->textFormat(), Qt::PlainText);
        QCOMPARE(fieldError(QStringLiteral("options")), QStringLiteral("at /dpi: too fine"));
        QCOMPARE(m_dialog->fieldError(QStringLiteral("payload")), QStringLiteral("payload is odd"));
        QVERIFY(m_dialog->isVisible());
    }

    void json_toggle_round_trips()
    {
        QTest::keyClicks(field<QLineEdit>(QStringLiteral("document")), QStringLiteral("r.json"));
        field<QSpinBox>(QStringLiteral("copies"))->setValue(2);
        field<QCheckBox>(QStringLiteral("duplex"))->setCheckState(Qt::Checked);
        const QJsonObject typed = parse(m_dialog->form().payloadText);

        PayloadEditor *editor = m_dialog->payloadEditor();
        editor->jsonToggle()->setChecked(true);
        QVERIFY(editor->jsonEditor()->isVisible());
        QVERIFY(!editor->form()->isVisible());
        QCOMPARE(parse(editor->jsonEditor()->toPlainText()), typed);

        editor->jsonEditor()->setPlainText(QStringLiteral(R"({"document": "r.json", "copies": 4, "tags": ["x", "y"]})"));
        editor->jsonToggle()->setChecked(false);
        QVERIFY(editor->form()->isVisible());
        QCOMPARE(field<QSpinBox>(QStringLiteral("copies"))->value(), 4);
        QCOMPARE(field<QLineEdit>(QStringLiteral("tags"))->text(), QStringLiteral("x, y"));
        QCOMPARE(field<QCheckBox>(QStringLiteral("duplex"))->checkState(), Qt::PartiallyChecked);
        QCOMPARE(parse(m_dialog->form().payloadText), parse(QStringLiteral(R"({"document": "r.json", "copies": 4, "tags": ["x", "y"]})")));

        // JSON that is no object cannot go back to the form: it stays as typed, with the reason.
        editor->jsonToggle()->setChecked(true);
        editor->jsonEditor()->setPlainText(QStringLiteral("{\"copies\": "));
        editor->jsonToggle()->setChecked(false);
        QVERIFY(editor->jsonToggle()->isChecked());
        QCOMPARE(editor->jsonEditor()->toPlainText(), QStringLiteral("{\"copies\": "));
        QTRY_VERIFY(m_dialog->fieldError(QStringLiteral("payload")).startsWith(QStringLiteral("Not valid JSON")));
        QVERIFY(!m_dialog->createButton()->isEnabled());
    }

    void the_dialog_fits_each_handlers_form_without_a_gap()
    {
        // As in the user guide's pictures: first the JSON editor of a handler without a schema, then the
        // generated form. The dialog takes the form's height: no spare band under its last input.
        auto *type = m_dialog->findChild<QComboBox *>(QStringLiteral("typeEdit"));
        for (const QString &name : {QStringLiteral("noop"), QStringLiteral("print"), QStringLiteral("noop"), QStringLiteral("print")}) {
            type->setCurrentText(name);
            QTRY_VERIFY2(std::abs(m_dialog->height() - m_dialog->sizeHint().height()) <= 2,
                         qPrintable(QStringLiteral("%1: dialog %2 px, its layout asks for %3 px")
                                        .arg(name).arg(m_dialog->height()).arg(m_dialog->sizeHint().height())));
            if (name == QStringLiteral("print")) {
                SchemaForm *form = m_dialog->payloadEditor()->form();
                QVERIFY2(form->height() - form->sizeHint().height() <= 2,
                         qPrintable(QStringLiteral("form %1 px for %2 px of inputs").arg(form->height()).arg(form->sizeHint().height())));
            }
        }
    }

    void a_handler_without_schema_keeps_the_json_editor()
    {
        m_dialog->findChild<QComboBox *>(QStringLiteral("typeEdit"))->setCurrentText(QStringLiteral("noop"));
        PayloadEditor *editor = m_dialog->payloadEditor();
        QVERIFY(editor->jsonEditor()->isVisible());
        QVERIFY(!editor->jsonToggle()->isVisible());
        QVERIFY(!editor->form()->isVisible());
        editor->jsonEditor()->setPlainText(QStringLiteral(R"({"anything": [1, 2]})"));
        m_dialog->checkPayloadNow();
        QVERIFY(m_dialog->createButton()->isEnabled());
        QCOMPARE(parse(m_dialog->form().payloadText), parse(QStringLiteral(R"({"anything": [1, 2]})")));
    }

    void duplicating_fills_the_generated_form()
    {
        CreateTaskForm form;
        form.type = QStringLiteral("print");
        form.payloadText = QStringLiteral(R"({"document": "d.json", "copies": 2, "paper": "a4"})");
        m_dialog->setForm(form);
        QCOMPARE(field<QLineEdit>(QStringLiteral("document"))->text(), QStringLiteral("d.json"));
        QCOMPARE(field<QComboBox>(QStringLiteral("paper"))->currentText(), QStringLiteral("a4"));
        QVERIFY(m_dialog->createButton()->isEnabled());
    }

    void offers_the_types_tasks_already_have()
    {
        // Registered handlers first, then types only tasks have (aliases, unregistered external types).
        auto *type = m_dialog->findChild<QComboBox *>(QStringLiteral("typeEdit"));
        QTRY_VERIFY(type->findText(QStringLiteral("invoice.generate")) >= 0);
        QCOMPARE(type->findText(QStringLiteral("print")), type->findText(QStringLiteral("print"), Qt::MatchExactly));
        QCOMPARE(type->currentText(), QStringLiteral("print")); // the choice stays
    }

    void escape_asks_before_discarding_edits()
    {
        // init() typed a title: closing now would lose it.
        m_dialog->reject();
        auto *box = m_dialog->findChild<QMessageBox *>(QStringLiteral("discardConfirmation"));
        QVERIFY(box);
        QVERIFY(m_dialog->isVisible());
        QCOMPARE(box->buttonRole(box->defaultButton()), QMessageBox::RejectRole); // Enter keeps editing
        box->defaultButton()->click();
        QVERIFY(m_dialog->isVisible());
        // A fresh form (what New Task opens): nothing to lose, and no error left from before.
        m_dialog->findChild<QComboBox *>(QStringLiteral("typeEdit"))->setCurrentText(QStringLiteral("noop"));
        m_dialog->findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(QString(limits::TitleMax + 1, u'x'));
        m_dialog->submit();
        QVERIFY(!m_dialog->fieldError(QStringLiteral("title")).isEmpty());
        m_dialog->startNew();
        QVERIFY(m_dialog->fieldError(QStringLiteral("title")).isEmpty());
        QVERIFY(m_dialog->findChild<QLineEdit *>(QStringLiteral("titleEdit"))->text().isEmpty());
        m_dialog->reject();
        QVERIFY(!m_dialog->isVisible());
    }

    void every_wrong_field_shows_at_once()
    {
        CreateTaskForm bad = m_dialog->form();
        bad.type.clear();
        bad.title = QString(limits::TitleMax + 1, u'x');
        bad.payloadText = QStringLiteral("{}");
        m_dialog->setForm(bad);
        m_dialog->submit();
        QVERIFY(!m_dialog->fieldError(QStringLiteral("type")).isEmpty());
        QVERIFY(!m_dialog->fieldError(QStringLiteral("title")).isEmpty());
        QCOMPARE(m_network->countSent("POST", TasksPath), 0);
    }

private:
    template<typename W>
    W *field(const QString &property) const
    {
        return m_dialog->findChild<W *>(QStringLiteral("payloadField_") + property);
    }
    QString fieldError(const QString &property) const
    {
        return m_dialog->payloadEditor()->form()->fieldError(property);
    }

    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<CreateTaskDialog> m_dialog;
};

QTEST_MAIN(TestCreateTaskDialog)
#include "test_CreateTaskDialog.moc"
