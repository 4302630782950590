// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The Audit page against a real taskmilld (tests/app/RealBackend.h): entries written by real audited
// actions (dead-letter requeue and purge through BackendClient), the action filter and the actor filter
// narrowing the rows on the server, keyset "Load more", a bad task id caught before any request, and
// markup in an actor and in details shown as the literal text it is.
#include "RealBackend.h"

#include "models/AuditModel.h"
#include "views/AuditLogPage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
const QString Markup = u"<img src=http://127.0.0.1:1/x>"_s;
constexpr int Purges = 4;
constexpr int Requeues = 3;
constexpr int Entries = Purges + Requeues + 1; // and one purge by the client named with markup

DeadLetterSelection selection(const QString &error)
{
    DeadLetterFilter filter;
    filter.error = error;
    return DeadLetterSelection::ofFilter(filter);
}
} // namespace

class TestAuditLogPage final : public QObject
{
    Q_OBJECT
    RealBackend m_real;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<AuditLogPage> m_page;

    QStringList column(int column) const
    {
        QStringList out;
        for (int row = 0; row < m_page->model()->rowCount(); ++row)
            out << m_page->model()->index(row, column).data().toString();
        return out;
    }

    // The row of the action by the client named with markup.
    int markedRow() const
    {
        const QStringList actors = column(AuditModel::Actor);
        for (int row = 0; row < actors.size(); ++row)
            if (actors.at(row).startsWith(Markup))
                return row;
        return -1;
    }

private slots:
    void initTestCase()
    {
        m_real.start();
        if (QTest::currentTestFailed())
            return;
        // Every requeue and purge writes one audit row, also when it matches no task.
        auto client = m_real.client();
        for (int i = 0; i < Purges; ++i)
            QVERIFY(await(client->purgeDeadLetters(selection(u"quota %1"_s.arg(i)))));
        for (int i = 0; i < Requeues; ++i)
            QVERIFY(await(client->requeueDeadLetters(selection(u"gateway %1"_s.arg(i)))));
        auto marked = m_real.client(Markup);
        QVERIFY(await(marked->purgeDeadLetters(selection(Markup))));
    }

    void init()
    {
        m_client = m_real.client();
        m_page = std::make_unique<AuditLogPage>(*m_client);
        m_page->resize(1280, 760);
        m_page->setAdmin(true);
    }

    void cleanup()
    {
        m_client->abortAll();
        m_page.reset();
        m_client.reset();
    }

    void loads_when_shown_newest_first()
    {
        QAbstractItemModelTester tester(m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_page->model()->rowCount(), 0); // nothing while hidden
        m_page->show();
        QTRY_COMPARE(m_page->model()->rowCount(), Entries);
        QVERIFY(!m_page->loadMoreButton()->isEnabled());
        for (int row = 1; row < Entries; ++row)
            QVERIFY(m_page->model()->entryAt(row - 1).id > m_page->model()->entryAt(row).id);
        QCOMPARE(column(AuditModel::Action).count(u"purge"_s), Purges + 1);
        // The action list comes from the server's log.
        QTRY_VERIFY(m_page->actionCombo()->findData(u"requeue"_s) > 0);
        QVERIFY(m_page->actionCombo()->findData(u"purge"_s) > 0);
    }

    void action_and_actor_filters_narrow_the_rows()
    {
        m_page->show();
        QTRY_COMPARE(m_page->model()->rowCount(), Entries);
        QTRY_VERIFY(m_page->actionCombo()->findData(u"requeue"_s) > 0);
        m_page->actionCombo()->setCurrentIndex(m_page->actionCombo()->findData(u"requeue"_s));
        QTRY_COMPARE(m_page->model()->rowCount(), Requeues);
        QCOMPARE(column(AuditModel::Action), QStringList(Requeues, u"requeue"_s));
        QCOMPARE(m_page->model()->filter().actions, QStringList{u"requeue"_s});

        // Double-click an actor: exact actor filter, combined with the action.
        m_page->actionCombo()->setCurrentIndex(m_page->actionCombo()->findData(u"purge"_s));
        QTRY_COMPARE(m_page->model()->rowCount(), Purges + 1);
        const int marked = markedRow();
        QVERIFY(marked >= 0);
        emit m_page->view()->doubleClicked(m_page->model()->index(marked, AuditModel::Actor));
        QTRY_COMPARE(m_page->model()->rowCount(), 1);
        QVERIFY(m_page->actorEdit()->text().startsWith(Markup));

        m_page->findChild<QPushButton *>(u"clearFilterButton"_s)->click();
        QTRY_COMPARE(m_page->model()->rowCount(), Entries);

        // A time range after every entry: none.
        m_page->sinceCheck()->setChecked(true);
        m_page->sinceEdit()->setDateTime(QDateTime::currentDateTime().addSecs(3600));
        QTRY_COMPARE(m_page->model()->rowCount(), 0);
        m_page->sinceCheck()->setChecked(false);
        QTRY_COMPARE(m_page->model()->rowCount(), Entries);
    }

    void bad_task_id_is_caught_before_any_request()
    {
        m_page->show();
        QTRY_COMPARE(m_page->model()->rowCount(), Entries);
        m_page->taskIdEdit()->setText(u"not-a-task"_s);
        m_page->applyFilter();
        QVERIFY(m_page->statusText().contains(u"UUID"_s));
        QCOMPARE(m_page->model()->rowCount(), Entries); // what was shown stays
        m_page->taskIdEdit()->setText(QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_page->applyFilter();
        QTRY_COMPARE(m_page->model()->rowCount(), 0);
        QVERIFY(m_page->statusText().isEmpty());
    }

    void load_more_appends_older_pages()
    {
        m_page->model()->setPageSize(3);
        m_page->show();
        QTRY_COMPARE(m_page->model()->rowCount(), 3);
        QVERIFY(m_page->loadMoreButton()->isEnabled());
        m_page->loadMoreButton()->click();
        QTRY_COMPARE(m_page->model()->rowCount(), 6);
        QVERIFY(m_page->loadMoreButton()->isEnabled());
        m_page->loadMoreButton()->click();
        QTRY_COMPARE(m_page->model()->rowCount(), Entries);
        QTRY_VERIFY(!m_page->loadMoreButton()->isEnabled()); // the last page says there is no more
        QSet<qint64> ids;
        for (int row = 0; row < Entries; ++row) {
            ids.insert(m_page->model()->entryAt(row).id);
            if (row > 0)
                QVERIFY(m_page->model()->entryAt(row - 1).id > m_page->model()->entryAt(row).id);
        }
        QCOMPARE(ids.size(), Entries);
        // A filter starts again from the newest page.
        m_page->actionCombo()->setCurrentIndex(m_page->actionCombo()->findData(u"requeue"_s));
        QTRY_COMPARE(m_page->model()->rowCount(), 3);
        QTRY_VERIFY(!m_page->loadMoreButton()->isEnabled());
    }

    void markup_from_clients_is_literal_text()
    {
        m_page->show();
        QTRY_COMPARE(m_page->model()->rowCount(), Entries);
        const int row = markedRow();
        QVERIFY(row >= 0);
        AuditModel *model = m_page->model();
        QVERIFY(model->index(row, AuditModel::Actor).data().toString().startsWith(Markup));
        QVERIFY(model->index(row, AuditModel::Details).data().toString().contains(Markup));
        for (int c : {int(AuditModel::Actor), int(AuditModel::Details)}) {
            const QString tip = model->index(row, c).data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(u"&lt;img"_s) && !tip.contains(u"<img"_s), qPrintable(tip));
        }
        m_page->view()->selectRow(row);
        QTRY_VERIFY(m_page->detailsView()->toPlainText().contains(Markup));
        QCOMPARE(m_page->findChild<QLabel *>(u"statusLabel"_s)->textFormat(), Qt::PlainText);
    }

    void nothing_for_non_admins()
    {
        m_page->setAdmin(false);
        m_page->show();
        m_page->applyFilter();
        QCOMPARE(m_page->model()->rowCount(), 0);
        QVERIFY(!m_page->model()->isLoading());
        m_page->setAdmin(true);
        QTRY_COMPARE(m_page->model()->rowCount(), Entries);
        m_page->setAdmin(false);
        QCOMPARE(m_page->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestAuditLogPage)
#include "test_AuditLogPage.moc"
