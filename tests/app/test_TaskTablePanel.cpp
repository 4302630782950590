// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// TaskTablePanel offscreen: header clicks sort on the server, unsortable headers do nothing, and hidden or
// moved columns survive headerState()/restoreHeaderState() together with the sort.
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/TaskModel.h"
#include "models/TaskPager.h"
#include "views/TaskTablePanel.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QUrlQuery>

using namespace taskmill;
using namespace taskmill::test;

class TestTaskTablePanel final : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        FakeNetworkAccessManager network;
        BackendClient client{network, ConnectionProfile{QStringLiteral("t"), QUrl(QStringLiteral("http://127.0.0.1:1")),
                                                        ConnectionProfile::Kind::Remote}};
        TaskModel model;
        TaskPager pager{client, model};
        TaskTablePanel panel{model, pager};

        Fixture()
        {
            network.route("GET", QStringLiteral("/api/v1/tasks"),
                          CannedResponse::json(200, "{\"items\":[],\"total\":0,\"next_after\":null,\"revision\":1}"));
            panel.resize(900, 400);
            panel.show();
        }
        QString lastSort() const
        {
            return QUrlQuery(network.sent.constLast().url).queryItemValue(QStringLiteral("sort"));
        }
        QString lastOrder() const
        {
            return QUrlQuery(network.sent.constLast().url).queryItemValue(QStringLiteral("order"));
        }
        void clickHeader(int column)
        {
            QHeaderView *header = panel.view()->horizontalHeader();
            const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        }
    };

private slots:
    void a_header_click_sorts_on_the_server_and_again_reverses()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.panel));
        f.pager.start();
        QTRY_COMPARE(f.network.countSent("GET"), 1);
        QHeaderView *header = f.panel.view()->horizontalHeader();
        QCOMPARE(header->sortIndicatorSection(), int(TaskModel::Created));

        f.clickHeader(TaskModel::Priority);
        QTRY_COMPARE(f.network.countSent("GET"), 2);
        QCOMPARE(f.lastSort(), QStringLiteral("priority"));
        QVERIFY(f.pager.sort() == TaskSort::Priority);
        const QString firstOrder = f.lastOrder();
        f.clickHeader(TaskModel::Priority);
        QTRY_COMPARE(f.network.countSent("GET"), 3);
        QVERIFY(f.lastOrder() != firstOrder);
    }

    void unsortable_headers_ignore_clicks()
    {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.panel));
        f.pager.start();
        QTRY_COMPARE(f.network.countSent("GET"), 1);
        QSignalSpy clicked(f.panel.view()->horizontalHeader(), &QHeaderView::sectionClicked);
        f.clickHeader(TaskModel::Title);
        QCOMPARE(clicked.size(), 1); // the click landed; a sort change would have sent its request by now
        QCOMPARE(f.network.countSent("GET"), 1);
        QVERIFY(f.pager.sort() == TaskSort::Created);
        QCOMPARE(f.panel.view()->horizontalHeader()->sortIndicatorSection(), int(TaskModel::Created));
    }

    void hidden_and_moved_columns_round_trip_with_the_sort()
    {
        QByteArray state;
        {
            Fixture f;
            std::unique_ptr<QMenu> menu(f.panel.createColumnMenu(nullptr));
            auto *errorColumn = menu->findChild<QAction *>(QStringLiteral("showColumn_%1").arg(int(TaskModel::Error)));
            QVERIFY(errorColumn && errorColumn->isChecked());
            errorColumn->trigger(); // hide
            QHeaderView *header = f.panel.view()->horizontalHeader();
            QVERIFY(header->isSectionHidden(TaskModel::Error));
            header->moveSection(header->visualIndex(TaskModel::Status), 0);
            f.pager.setSort(TaskSort::Completed, SortOrder::Ascending);
            state = f.panel.headerState();
        }
        Fixture f;
        f.panel.restoreHeaderState(state);
        QHeaderView *header = f.panel.view()->horizontalHeader();
        QVERIFY(header->isSectionHidden(TaskModel::Error));
        QCOMPARE(header->logicalIndex(0), int(TaskModel::Status));
        // The saved sort reaches the pager before its first load.
        QVERIFY(f.pager.sort() == TaskSort::Completed);
        QVERIFY(f.pager.sortOrder() == SortOrder::Ascending);
        QCOMPARE(f.network.countSent("GET"), 0);
        f.pager.start();
        QTRY_COMPARE(f.network.countSent("GET"), 1);
        QCOMPARE(f.lastSort(), QStringLiteral("completed"));
    }

    void the_last_visible_column_cannot_be_hidden()
    {
        Fixture f;
        QHeaderView *header = f.panel.view()->horizontalHeader();
        for (int c = 1; c < TaskModel::ColumnCount; ++c)
            header->hideSection(c);
        std::unique_ptr<QMenu> menu(f.panel.createColumnMenu(nullptr));
        menu->findChild<QAction *>(QStringLiteral("showColumn_0"))->trigger();
        QVERIFY(!header->isSectionHidden(0));
        menu->findChild<QAction *>(QStringLiteral("showAllColumns"))->trigger();
        QCOMPARE(header->hiddenSectionCount(), 0);
    }
};

QTEST_MAIN(TestTaskTablePanel)
#include "test_TaskTablePanel.moc"
