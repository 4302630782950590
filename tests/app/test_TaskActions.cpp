// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// TaskActions offscreen against the fake network: retry and cancel of a multi-selection go out as one
// bulk request with every selected id; partial failures are summarised; duplicate prefills the form.
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/CreateTaskForm.h"
#include "models/TaskModel.h"
#include "models/TaskPager.h"
#include "views/CreateTaskDialog.h"
#include "views/TaskActions.h"
#include "views/TaskTablePanel.h"

#include <QAbstractButton>
#include <QPushButton>
#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace taskmill;
using namespace taskmill::test;

namespace {
Task task(int n, Status status)
{
    Task t;
    t.id = QUuid(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
    t.title = QStringLiteral("task %1").arg(n);
    t.type = QStringLiteral("email.send");
    t.status = status;
    t.priority = Priority::High;
    t.payload = QJsonObject{{QStringLiteral("to"), QStringLiteral("a@example.com")}};
    t.maxAttempts = 5;
    t.retryPolicy = RetryPolicy{RetryPolicy::Strategy::Linear, 2000, 60000, 0.2};
    t.createdAt = QDateTime::currentDateTimeUtc();
    return t;
}
} // namespace

class TestTaskActions final : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        FakeNetworkAccessManager network;
        BackendClient client{network, ConnectionProfile{QStringLiteral("t"), QUrl(QStringLiteral("http://127.0.0.1:1")),
                                                        ConnectionProfile::Kind::Remote}};
        TaskModel model;
        TaskPager pager{client, model};
        QWidget window;
        TaskTablePanel *panel = new TaskTablePanel(model, pager, &window);
        TaskActions actions{client, pager, *panel, &window};
        QList<Task> tasks{task(1, Status::Failed), task(2, Status::Postponed), task(3, Status::Completed)};

        Fixture()
        {
            TaskPage page;
            page.items = tasks;
            page.total = tasks.size();
            network.route("GET", QStringLiteral("/api/v1/tasks"),
                          CannedResponse::json(200, QJsonDocument(page.toJson()).toJson(QJsonDocument::Compact)));
            window.show();
            pager.start();
        }
        void selectAll() { panel->view()->selectAll(); }
        QList<QUuid> sentIds(const QString &path) const
        {
            for (const auto &r : network.sent)
                if (r.url.path() == path)
                    return TaskIdsRequest::fromJson(QJsonDocument::fromJson(r.body).object())->ids;
            return {};
        }
    };

    static QByteArray bulkAnswer(const QList<Task> &tasks, Status okStatus)
    {
        TaskBulkResult r;
        for (const Task &t : tasks) {
            TaskBulkResult::Item item;
            item.id = t.id;
            item.ok = t.status != Status::Completed;
            item.status = okStatus;
            if (!item.ok)
                item.error = ApiError::conflict(QStringLiteral("task is COMPLETED"));
            r.items.append(item);
        }
        return QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact);
    }

private slots:
    void actions_follow_the_selection()
    {
        Fixture f;
        QTRY_COMPARE(f.model.rowCount(), 3);
        QVERIFY(!f.actions.retryAction()->isEnabled());
        QVERIFY(!f.actions.duplicateAction()->isEnabled());
        f.panel->view()->selectRow(0);
        QVERIFY(f.actions.retryAction()->isEnabled());
        QVERIFY(f.actions.duplicateAction()->isEnabled());
        f.selectAll();
        QVERIFY(f.actions.cancelAction()->isEnabled());
        QVERIFY(!f.actions.duplicateAction()->isEnabled()); // one task at a time
        QCOMPARE(f.actions.retryAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        QCOMPARE(f.actions.cancelAction()->shortcut(), QKeySequence(QKeySequence::Delete));
        QCOMPARE(f.actions.newTaskAction()->shortcut(), QKeySequence(QKeySequence::New));
        QCOMPARE(f.actions.refreshAction()->shortcut(), QKeySequence(QKeySequence::Refresh));
    }

    void actions_apply_only_to_tasks_in_a_state_that_allows_them()
    {
        Fixture f;
        QTRY_COMPARE(f.model.rowCount(), 3);
        f.panel->view()->selectRow(2); // COMPLETED: nothing to retry or cancel, said in the tooltip
        QVERIFY(!f.actions.retryAction()->isEnabled());
        QVERIFY(!f.actions.cancelAction()->isEnabled());
        QVERIFY(f.actions.retryAction()->toolTip().contains(QStringLiteral("Only failed")));
        QVERIFY(f.actions.copyIdAction()->isEnabled());
        f.panel->view()->selectRow(0); // FAILED: retry yes, cancel no (it has finished)
        QVERIFY(f.actions.retryAction()->isEnabled());
        QVERIFY(!f.actions.cancelAction()->isEnabled());
    }

    void copy_puts_the_full_ids_on_the_clipboard()
    {
        Fixture f;
        QTRY_COMPARE(f.model.rowCount(), 3);
        f.selectAll();
        QCOMPARE(f.actions.copyIdAction()->shortcut(), QKeySequence(QKeySequence::Copy));
        f.actions.copyIdAction()->trigger();
        const QStringList copied = QGuiApplication::clipboard()->text().split(u'\n');
        QCOMPARE(copied.size(), 3);
        for (const Task &t : std::as_const(f.tasks))
            QVERIFY(copied.contains(t.id.toString(QUuid::WithoutBraces))); // 36 characters, not the short id
    }

    void retry_sends_the_retryable_ids_once_and_summarises_failures()
    {
        Fixture f;
        // Task 2 finished between the click and the server's turn: its item fails with the server's words.
        Task raced = f.tasks.at(1);
        raced.status = Status::Completed;
        f.network.route("POST", QStringLiteral("/api/v1/tasks/retry"), CannedResponse::json(200, bulkAnswer({f.tasks.at(0), raced}, Status::New)));
        QTRY_COMPARE(f.model.rowCount(), 3);
        f.selectAll();
        f.actions.retryAction()->trigger();
        QTRY_COMPARE(f.network.countSent("POST", QStringLiteral("/api/v1/tasks/retry")), 1);
        const QList<QUuid> ids = f.sentIds(QStringLiteral("/api/v1/tasks/retry"));
        // The COMPLETED task is not sent: the server would only answer 409.
        QCOMPARE(QSet<QUuid>(ids.cbegin(), ids.cend()), (QSet<QUuid>{f.tasks.at(0).id, f.tasks.at(1).id}));
        QMessageBox *error = nullptr;
        QTRY_VERIFY((error = f.window.findChild<QMessageBox *>(QStringLiteral("actionError"))));
        QVERIFY(!error->isModal());
        QVERIFY2(error->text().contains(QStringLiteral("task is COMPLETED")), qPrintable(error->text()));
        QVERIFY(error->text().contains(QStringLiteral("Its current state does not allow this.")));
        QVERIFY(error->text().contains(f.tasks.at(1).id.toString(QUuid::WithoutBraces)));
    }

    void cancel_confirms_then_sends_one_bulk_request()
    {
        Fixture f;
        QList<Task> ok = f.tasks.mid(0, 2);
        f.network.route("POST", QStringLiteral("/api/v1/tasks/cancel"), CannedResponse::json(200, bulkAnswer(ok, Status::Cancelled)));
        QTRY_COMPARE(f.model.rowCount(), 3);
        f.panel->view()->selectionModel()->select(f.model.index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        f.panel->view()->selectionModel()->select(f.model.index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QSignalSpy posted(&f.actions, &TaskActions::statusMessagePosted);
        f.actions.cancelAction()->trigger();
        auto *confirmation = f.window.findChild<QMessageBox *>(QStringLiteral("cancelConfirmation"));
        QVERIFY(confirmation);
        QCOMPARE(f.network.countSent("POST"), 0);
        // Enter keeps the tasks running: the destructive button is never the default.
        QCOMPARE(confirmation->buttonRole(confirmation->defaultButton()), QMessageBox::RejectRole);
        for (QAbstractButton *button : confirmation->buttons())
            if (confirmation->buttonRole(button) == QMessageBox::AcceptRole)
                button->click();
        QTRY_COMPARE(f.network.countSent("POST", QStringLiteral("/api/v1/tasks/cancel")), 1);
        // Only the postponed one: the failed task has finished and is not sent.
        QCOMPARE(f.sentIds(QStringLiteral("/api/v1/tasks/cancel")), QList<QUuid>{f.tasks.at(1).id});
        QTRY_COMPARE(posted.size(), 1); // all succeeded: a status line, no dialog
        QVERIFY(!f.window.findChild<QMessageBox *>(QStringLiteral("actionError")));
    }

    void duplicate_prefills_the_create_dialog()
    {
        Fixture f;
        QTRY_COMPARE(f.model.rowCount(), 3);
        f.panel->view()->selectRow(0);
        f.actions.duplicateAction()->trigger();
        CreateTaskDialog *dialog = f.actions.createDialog();
        QVERIFY(dialog && dialog->isVisible());
        const CreateTaskForm form = dialog->form();
        const Task &source = f.model.taskAt(0);
        QCOMPARE(form.type, source.type);
        QCOMPARE(form.title, source.title);
        QCOMPARE(form.maxAttempts, 5);
        QVERIFY(form.customRetry);
        QVERIFY(form.retryPolicy.strategy == RetryPolicy::Strategy::Linear);
        QCOMPARE(form.retryPolicy.baseMs, 2000);
        const auto request = form.validate();
        QVERIFY(request);
        QCOMPARE(request->payload, source.payload);
    }
};

QTEST_MAIN(TestTaskActions)
#include "test_TaskActions.moc"
