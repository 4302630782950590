// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Cancel / Retry All Matching offscreen against the fake network: the confirmation shows the server's exact count
// (defaulting to No), a changed count is asked again, the start carries the confirmed count, progress shows in a
// non-modal window, Stop sends DELETE, the end is summarised with the failures listed, errors are plain text in the
// user's language, and the actions follow the page and the caller's role.
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "views/BulkProgressDialog.h"
#include "views/BulkTaskActions.h"

#include <QAbstractButton>
#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
const QString RetryPath = u"/api/v1/tasks/bulk/retry"_s;
const QString CancelPath = u"/api/v1/tasks/bulk/cancel"_s;
const QUuid OperationId{u"0190c0de-0000-7000-8000-000000000001"_s};
const QString OperationPath = u"/api/v1/tasks/bulk/0190c0de-0000-7000-8000-000000000001"_s;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

CannedResponse counted(const QString &action, qint64 total)
{
    return CannedResponse::json(200, compact({{u"action"_s, action}, {u"total"_s, total}, {u"dry_run"_s, true}}));
}

CannedResponse operation(const QString &state, qint64 total, qint64 done, const QJsonArray &failures = {}, int status = 200)
{
    return CannedResponse::json(status, compact({{u"id"_s, OperationId.toString(QUuid::WithoutBraces)}, {u"action"_s, u"retry"_s},
                                                 {u"state"_s, state}, {u"filter"_s, QJsonObject{{u"status"_s, u"FAILED"_s}}},
                                                 {u"expected"_s, total}, {u"total"_s, total}, {u"done"_s, done},
                                                 {u"failed"_s, failures.size()}, {u"failures"_s, failures},
                                                 {u"created_by"_s, u"local"_s}, {u"created_at"_s, u"2026-12-05T10:00:00.000Z"_s},
                                                 {u"finished_at"_s, QJsonValue()}}));
}
} // namespace

class TestBulkTaskActions final : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        FakeNetworkAccessManager network;
        BackendClient client{network, ConnectionProfile{u"t"_s, QUrl(u"http://127.0.0.1:1"_s), ConnectionProfile::Kind::Remote}};
        QWidget window;
        TaskFilter filter;
        BulkTaskActions actions{client, [this] { return filter; }, &window};

        Fixture()
        {
            filter.statuses = {Status::Failed};
            filter.types = {u"email.send"_s};
            window.show();
        }
        QJsonObject sentBody(const QByteArray &verb, const QString &path, int nth = 0) const
        {
            int seen = 0;
            for (const auto &r : network.sent)
                if (r.verb == verb && r.url.path() == path && seen++ == nth)
                    return QJsonDocument::fromJson(r.body).object();
            return {};
        }
        // Waits for the confirmation and clicks the button of `role`.
        QMessageBox *answer(QMessageBox::ButtonRole role)
        {
            QMessageBox *box = nullptr;
            if (!QTest::qWaitFor([&] { return (box = actions.confirmation()) != nullptr; }))
                return nullptr;
            for (QAbstractButton *button : box->buttons())
                if (box->buttonRole(button) == role) {
                    button->click();
                    break;
                }
            return box;
        }
    };

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void the_confirmation_shows_the_exact_count_and_defaults_to_no()
    {
        Fixture f;
        f.network.routeOnce("POST", RetryPath, counted(u"retry"_s, 1234));
        f.actions.retryAllAction()->trigger();
        QTRY_VERIFY(f.actions.confirmation());
        QMessageBox *box = f.actions.confirmation();
        // The count is the server's dry run for exactly the table's filter.
        const QJsonObject asked = f.sentBody("POST", RetryPath);
        QCOMPARE(asked.value(u"dry_run"_s).toBool(), true);
        QCOMPARE(asked.value(u"filter"_s).toObject(), (QJsonObject{{u"status"_s, u"FAILED"_s}, {u"type"_s, u"email.send"_s}}));
        QVERIFY2(box->text().contains(u"Retry all 1,234 failed, cancelled or waiting task(s)"_s), qPrintable(box->text()));
        QVERIFY(box->text().contains(u"Type: email.send"_s));
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QCOMPARE(box->buttonRole(box->defaultButton()), QMessageBox::RejectRole);
        QCOMPARE(box->buttonRole(box->escapeButton()), QMessageBox::RejectRole);
        f.answer(QMessageBox::RejectRole);
        QTest::qWait(50);
        QCOMPARE(f.network.countSent("POST", RetryPath), 1); // No: nothing started
        QVERIFY(!f.actions.progressDialog());
    }

    void yes_starts_with_the_confirmed_count_and_shows_progress_until_done()
    {
        Fixture f;
        QSignalSpy posted(&f.actions, &BulkTaskActions::statusMessagePosted);
        QSignalSpy changed(&f.actions, &BulkTaskActions::tasksChanged);
        f.network.routeOnce("POST", RetryPath, counted(u"retry"_s, 1234));
        f.network.route("POST", RetryPath, operation(u"running"_s, 1234, 0, {}, 202));
        f.network.route("GET", OperationPath, operation(u"running"_s, 1234, 600));
        f.actions.retryAllAction()->trigger();
        QVERIFY(f.answer(QMessageBox::AcceptRole));
        QTRY_COMPARE(f.network.countSent("POST", RetryPath), 2);
        QCOMPARE(f.sentBody("POST", RetryPath, 1).value(u"expected"_s).toInt(), 1234);
        QVERIFY(!f.sentBody("POST", RetryPath, 1).contains(u"dry_run"_s));
        QTRY_VERIFY(f.actions.progressDialog() && f.actions.progressDialog()->isVisible());
        BulkProgressDialog *progress = f.actions.progressDialog();
        QVERIFY(!progress->isModal());
        QTRY_COMPARE(progress->progressText(), u"Retried 600 of 1,234 tasks."_s);
        QVERIFY(progress->stopButton()->isEnabled());

        f.network.route("GET", OperationPath, operation(u"completed"_s, 1234, 1234));
        QTRY_VERIFY(!progress->isVisible());
        QCOMPARE(posted.size(), 1);
        QCOMPARE(posted.first().first().toString(), u"Retrying 1,234 task(s) now."_s);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!f.window.findChild<QMessageBox *>(u"bulkActionError"_s));
    }

    void stop_sends_delete_and_the_failures_are_listed()
    {
        Fixture f;
        QSignalSpy posted(&f.actions, &BulkTaskActions::statusMessagePosted);
        f.network.routeOnce("POST", RetryPath, counted(u"retry"_s, 1234));
        f.network.route("POST", RetryPath, operation(u"running"_s, 1234, 0, {}, 202));
        f.network.route("GET", OperationPath, operation(u"running"_s, 1234, 300));
        f.network.route("DELETE", OperationPath, operation(u"stopping"_s, 1234, 300));
        f.actions.retryAllAction()->trigger();
        QVERIFY(f.answer(QMessageBox::AcceptRole));
        QTRY_VERIFY(f.actions.progressDialog() && f.actions.progressDialog()->stopButton()->isEnabled());
        f.actions.progressDialog()->stopButton()->click();
        QTRY_COMPARE(f.network.countSent("DELETE", OperationPath), 1);
        QTRY_VERIFY(f.actions.progressDialog()->stopButton()->isEnabled() == false);

        const QString failedId = u"0190c0de-0000-7000-8000-00000000abcd"_s;
        const QJsonArray failures{QJsonObject{{u"id"_s, failedId},
                                              {u"error"_s, QJsonObject{{u"code"_s, u"conflict"_s}, {u"message"_s, u"task is NEW"_s}}}}};
        f.network.route("GET", OperationPath, operation(u"stopped"_s, 1234, 700, failures));
        QMessageBox *error = nullptr;
        QTRY_VERIFY((error = f.window.findChild<QMessageBox *>(u"bulkActionError"_s)));
        QVERIFY(!error->isModal());
        QCOMPARE(posted.last().first().toString(), u"Stopped. Retried 700 of 1,234 matching tasks."_s);
        QVERIFY2(error->text().contains(failedId), qPrintable(error->text()));
        QVERIFY(error->text().contains(u"task is NEW"_s));
        QVERIFY(error->text().contains(u"1 task(s) could not be changed:"_s));
        QCOMPARE(f.network.countSent("DELETE", OperationPath), 1);
    }

    void a_changed_count_is_asked_again()
    {
        Fixture f;
        f.network.routeOnce("POST", CancelPath, counted(u"cancel"_s, 10));
        f.network.routeOnce("POST", CancelPath, CannedResponse::json(409, compact({{u"error"_s, QJsonObject{
            {u"code"_s, u"conflict"_s}, {u"message"_s, u"12 tasks match now"_s}, {u"field"_s, u"expected"_s},
            {u"details"_s, QJsonArray{QJsonObject{{u"total"_s, 12}}}}}}})));
        f.actions.cancelAllAction()->trigger();
        QMessageBox *first = f.answer(QMessageBox::AcceptRole);
        QVERIFY(first);
        QTRY_COMPARE(f.network.countSent("POST", CancelPath), 2);
        QCOMPARE(f.sentBody("POST", CancelPath, 1).value(u"expected"_s).toInt(), 10);
        QTRY_VERIFY(f.actions.confirmation() && f.actions.confirmation() != first);
        const QString text = f.actions.confirmation()->text();
        QVERIFY2(text.contains(u"changed since you were asked"_s), qPrintable(text));
        QVERIFY(text.contains(u"Cancel all 12 unfinished task(s)"_s));
        f.network.route("POST", CancelPath, operation(u"running"_s, 12, 0, {}, 202));
        f.answer(QMessageBox::AcceptRole);
        QTRY_COMPARE(f.network.countSent("POST", CancelPath), 3);
        QCOMPARE(f.sentBody("POST", CancelPath, 2).value(u"expected"_s).toInt(), 12);
    }

    void errors_are_plain_text_in_the_users_language()
    {
        Fixture f;
        f.network.route("POST", CancelPath, CannedResponse::json(422, compact({{u"error"_s, QJsonObject{
            {u"code"_s, u"validation"_s}, {u"message"_s, u"<b>q</b> may not contain control characters"_s}, {u"field"_s, u"filter.q"_s}}}})));
        f.actions.cancelAllAction()->trigger();
        QMessageBox *error = nullptr;
        QTRY_VERIFY((error = f.window.findChild<QMessageBox *>(u"bulkActionError"_s)));
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QVERIFY(!error->isModal());
        QVERIFY2(error->text().contains(u"could not be counted"_s), qPrintable(error->text()));
        QVERIFY(error->text().contains(u"filter.q"_s));
        QVERIFY(error->text().contains(u"<b>q</b> may not contain control characters"_s));
        QVERIFY(!f.actions.confirmation());
    }

    void nothing_to_change_is_a_status_line()
    {
        Fixture f;
        QSignalSpy posted(&f.actions, &BulkTaskActions::statusMessagePosted);
        f.network.route("POST", CancelPath, counted(u"cancel"_s, 0));
        f.actions.cancelAllAction()->trigger();
        QTRY_COMPARE(posted.size(), 1);
        QCOMPARE(posted.first().first().toString(), u"No task matching the filter can be cancelled."_s);
        QVERIFY(!f.actions.confirmation());
    }

    void actions_follow_the_page_and_the_role()
    {
        Fixture f;
        QVERIFY(f.actions.cancelAllAction()->isEnabled());
        f.actions.setPageActive(false);
        QVERIFY(!f.actions.cancelAllAction()->isEnabled());
        QVERIFY(!f.actions.retryAllAction()->isEnabled());
        QCOMPARE(f.actions.retryAllAction()->toolTip(), u"Available on the Tasks page"_s);
        f.actions.setPageActive(true);
        // A user may cancel (its own tasks) but not retry. (Offline, CallerAccess disables both: connect first.)
        f.network.route("GET", u"/health"_s, CannedResponse::json(200, QByteArrayLiteral(
            R"({"status":"ok","postgres":"up","redis":"up","version":"0.1.0","protocol":1})")));
        f.client.connectToBackend();
        QTRY_COMPARE(f.client.connectionState(), BackendClient::ConnectionState::Connected);
        f.network.route("GET", u"/api/v1/info"_s, CannedResponse::json(200, QByteArrayLiteral(
            R"({"version":"0.1.0","caller":{"name":"u","role":"user","permissions":["tasks.read","tasks.create","tasks.cancel"]}})")));
        CallerAccess access(f.client);
        access.reload();
        QTRY_VERIFY(access.isKnown());
        f.actions.setAccess(&access);
        QVERIFY(f.actions.cancelAllAction()->isEnabled());
        QVERIFY(!f.actions.retryAllAction()->isEnabled());
        QCOMPARE(f.actions.retryAllAction()->toolTip(), access.deniedReason());
        f.actions.setAccess(nullptr);
        f.client.disconnectFromBackend();
    }
};

QTEST_MAIN(TestBulkTaskActions)
#include "test_BulkTaskActions.moc"
