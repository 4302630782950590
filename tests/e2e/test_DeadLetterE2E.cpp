// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "E2EHelpers.h"
#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "client/LocalBackend.h"
#include "models/DeadLetterGroupModel.h"
#include "models/DeadLetterModel.h"
#include "models/DeadLetterPager.h"
#include "views/DeadLetterActions.h"
#include "views/DeadLetterDetailsPanel.h"
#include "views/DeadLetterPage.h"

#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace taskmill;

using namespace taskmill::e2e;

namespace {
QString message(const ApiError &e)
{
    return e.message;
}
} // namespace

// The Dead Letters page against a real `taskmilld --local`: `fail` tasks dead-letter into one group, the page
// shows it and follows new dead letters live, a requeue with an edited payload makes the task complete, and a
// group purge confirms the backend's count.
class TestDeadLetterE2E final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString program = qEnvironmentVariable("TASKMILLD_BIN");
        if (program.isEmpty())
            QSKIP("TASKMILLD_BIN is not set: build with TASKMILL_BUILD_BACKEND=ON to run end-to-end tests");
        startLocalBackend(program, m_dataDir, m_network, m_backend, m_client);
        if (QTest::currentTestFailed())
            return;
        m_client->eventStream().open();
        QTRY_VERIFY_WITH_TIMEOUT(m_client->eventStream().isConnected(), 15'000);
    }

    void cleanupTestCase()
    {
        m_page.reset();
        if (m_client) {
            m_client->eventStream().close();
            m_client->disconnectFromBackend();
        }
        m_client.reset();
        if (m_backend) {
            m_backend->stop();
            QVERIFY(!m_backend->isRunning());
        }
    }

    void failing_tasks_show_as_one_group()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(createFailing(QStringLiteral("e2e dlq %1").arg(i)));
        for (const QUuid &id : std::as_const(m_ids)) {
            const Result<Task> t = pollTask(*m_client, id, [](const Task &t) { return t.deadLetteredAt.isValid(); });
            QVERIFY2(t, qPrintable(t ? QString() : message(t.error())));
            QVERIFY(t->deadLetteredAt.isValid());
            QCOMPARE(t->error, errorText());
        }

        m_page = std::make_unique<DeadLetterPage>(*m_client);
        m_page->pager()->setThrottleInterval(100);
        m_page->pager()->setPollInterval(10 * 60 * 1000); // only events may refresh it
        m_page->resize(1100, 700);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_COMPARE_WITH_TIMEOUT(groupCount(), 3, 10'000);
        QCOMPARE(m_page->groupModel()->rowAt(m_page->groupModel()->rowOf(errorText())).types,
                 QStringList{QStringLiteral("fail")});
    }

    void a_new_dead_letter_appears_live()
    {
        QVERIFY(m_page);
        QVERIFY(createFailing(QStringLiteral("e2e dlq live")));
        // No reload by hand: the dead_lettered event refreshes the page.
        QTRY_COMPARE_WITH_TIMEOUT(groupCount(), 4, 20'000);
        m_page->groupsView()->selectRow(m_page->groupModel()->rowOf(errorText()));
        QTRY_COMPARE(m_page->pager()->group(), std::optional<QString>(errorText()));
        QTRY_COMPARE_WITH_TIMEOUT(m_page->taskModel()->rowCount(), 4, 10'000);
        for (const Task &t : m_page->taskModel()->rows())
            QCOMPARE(t.error, errorText());
    }

    void requeue_with_edited_payload_changes_the_task()
    {
        QVERIFY(m_page);
        const QUuid id = m_ids.first();
        m_page->tasksView()->selectRow(m_page->taskModel()->rowOf(id));
        DeadLetterDetailsPanel *details = m_page->details();
        QTRY_COMPARE_WITH_TIMEOUT(details->details().task.id, id, 10'000);
        QVERIFY(!details->details().history.isEmpty());
        QCOMPARE(deadLetterAttempts(details->details().history).size(), 1);

        const QJsonObject edited{{QStringLiteral("message"), errorText()}, {QStringLiteral("times"), 0}};
        details->payloadEditor()->setPlainText(QString::fromUtf8(QJsonDocument(edited).toJson()));
        QVERIFY(details->requeueButton()->isEnabled());
        details->requeueButton()->click();

        // The fail handler completes once `times` attempts have failed: with 0 the first attempt succeeds.
        const Result<Task> done = pollTask(*m_client, id, [](const Task &t) { return t.status == Status::Completed; });
        QVERIFY2(done, qPrintable(done ? QString() : message(done.error())));
        QCOMPARE(toString(done->status), toString(Status::Completed));
        QCOMPARE(done->payload, edited);
        QVERIFY(!done->deadLetteredAt.isValid());
        // The requeued event shrinks the group without a reload by hand.
        QTRY_COMPARE_WITH_TIMEOUT(groupCount(), 3, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(m_page->taskModel()->rowOf(id), -1, 10'000);
    }

    void purge_of_the_group_confirms_the_count()
    {
        QVERIFY(m_page);
        m_page->tasksView()->clearSelection();
        QTRY_VERIFY(m_page->selectedTaskIds().isEmpty());
        QVERIFY(m_page->selectedGroup());
        m_page->actions()->purgeAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->actions()->confirmation(), 10'000);
        QMessageBox *box = m_page->actions()->confirmation();
        QVERIFY2(box->text().contains(u'3'), qPrintable(box->text()));
        box->findChild<QPushButton *>(QStringLiteral("confirmButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(groupCount(), 0, 10'000);
        for (const QUuid &id : m_ids.mid(1)) {
            const Result<DeadLetterDetails> gone = await(m_client->deadLetter(id));
            QVERIFY(!gone);
            QCOMPARE(toString(gone.error().code), toString(ErrorCode::NotFound));
        }
        QTRY_COMPARE(m_page->taskModel()->rowCount(), 0);
    }

private:
    // '&', '%', '+' and non-ASCII must survive the group filter in the query string.
    static QString errorText() { return QStringLiteral("e2e dead letter: boom & 50% + café"); }

    bool createFailing(const QString &title)
    {
        CreateTaskRequest request;
        request.type = QStringLiteral("fail");
        request.title = title;
        request.maxAttempts = 1;
        request.payload = QJsonObject{{QStringLiteral("message"), errorText()}, {QStringLiteral("times"), 5}};
        const Result<Task> created = await(m_client->createTask(request));
        if (!created) {
            qWarning() << "create failed:" << created.error().message;
            return false;
        }
        m_ids.append(created->id);
        return true;
    }

    qint64 groupCount() const
    {
        const int row = m_page->groupModel()->rowOf(errorText());
        return row < 0 ? 0 : m_page->groupModel()->rowAt(row).count;
    }

    QTemporaryDir m_dataDir;
    QNetworkAccessManager m_network;
    std::unique_ptr<LocalBackend> m_backend;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<DeadLetterPage> m_page;
    QList<QUuid> m_ids;
};

QTEST_MAIN(TestDeadLetterE2E)
#include "test_DeadLetterE2E.moc"
