// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/TaskModel.h"
#include "models/TimeFormat.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

using namespace taskmill;

namespace {
using Spans = QList<QPair<int, int>>;

Task task(int n, Status status = Status::Pending)
{
    Task t;
    t.id = QUuid(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
    t.title = QStringLiteral("task %1").arg(n);
    t.status = status;
    t.createdAt = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC).addSecs(n);
    return t;
}

QList<Task> tasks(std::initializer_list<int> ns)
{
    QList<Task> out;
    for (int n : ns)
        out << task(n);
    return out;
}

QList<int> order(const TaskModel &model)
{
    QList<int> out;
    for (const Task &t : model.tasks())
        out << t.title.mid(5).toInt();
    return out;
}
} // namespace

class TestTaskModel final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<TaskModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void first_page_inserts_all_rows()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->applyPage(tasks({5, 4, 3}));
        QCOMPARE(order(*m_model), QList<int>({5, 4, 3}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowOf(task(4).id), 1);
    }

    void insert_at_top_shifts_rows_without_touching_them()
    {
        m_model->applyPage(tasks({3, 2, 1}));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->applyPage(tasks({5, 4, 3, 2})); // two new on top, the oldest fell off the window
        QCOMPARE(order(*m_model), QList<int>({5, 4, 3, 2}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(reset.size(), 0);
    }

    void remove_middle_is_one_span()
    {
        m_model->applyPage(tasks({6, 5, 4, 3, 2, 1}));
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->applyPage(tasks({6, 5, 2, 1}));
        QCOMPARE(order(*m_model), QList<int>({6, 5, 2, 1}));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 2);
        QCOMPARE(removed.at(0).at(2).toInt(), 3);
    }

    void updates_emit_one_data_changed_per_contiguous_span_data()
    {
        QTest::addColumn<QList<int>>("updatedRows");
        QTest::addColumn<Spans>("spans");
        QTest::newRow("one row") << QList<int>{2} << Spans{{2, 2}};
        QTest::newRow("adjacent rows") << QList<int>{1, 2, 3} << Spans{{1, 3}};
        QTest::newRow("two spans") << QList<int>{0, 1, 4} << Spans{{0, 1}, {4, 4}};
        QTest::newRow("nothing") << QList<int>{} << Spans{};
    }

    void updates_emit_one_data_changed_per_contiguous_span()
    {
        QFETCH(QList<int>, updatedRows);
        QFETCH(Spans, spans);
        QList<Task> page = tasks({5, 4, 3, 2, 1});
        m_model->applyPage(page);
        for (int row : updatedRows)
            page[row].status = Status::Completed;
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->applyPage(page);
        QCOMPARE(changed.size(), spans.size());
        for (int i = 0; i < spans.size(); ++i) {
            const auto topLeft = changed.at(i).at(0).value<QModelIndex>();
            const auto bottomRight = changed.at(i).at(1).value<QModelIndex>();
            QCOMPARE(topLeft.row(), spans.at(i).first);
            QCOMPARE(bottomRight.row(), spans.at(i).second);
            QCOMPARE(topLeft.column(), 0);
            QCOMPARE(bottomRight.column(), TaskModel::ColumnCount - 1);
        }
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        for (int row : updatedRows)
            QCOMPARE(m_model->index(row, TaskModel::Status).data(TaskModel::RawValueRole).toInt(),
                     int(Status::Completed));
    }

    void events_update_shown_rows_in_one_span_per_run()
    {
        m_model->applyPage(tasks({5, 4, 3, 2, 1}));
        const QDateTime at = QDateTime(QDate(2026, 1, 2), QTime(8, 0), Qt::UTC);
        auto event = [&](int n, TaskEvent::Kind kind, Status status, qint64 revision) {
            TaskEvent e;
            e.revision = revision;
            e.kind = kind;
            e.taskId = task(n).id;
            e.status = status;
            e.at = at;
            e.attempt = 2;
            e.worker = QStringLiteral("host-7");
            e.title = task(n).title;
            return e;
        };
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const QList<Task> updated = m_model->applyEvents({
            event(5, TaskEvent::Kind::Started, Status::InProgress, 10),
            event(4, TaskEvent::Kind::Started, Status::InProgress, 11),
            event(5, TaskEvent::Kind::Completed, Status::Completed, 12),
            event(2, TaskEvent::Kind::Cancelled, Status::Cancelled, 13),
            event(99, TaskEvent::Kind::Created, Status::New, 14), // not shown: ignored
        });
        QCOMPARE(updated.size(), 3);
        QCOMPARE(changed.size(), 2); // rows 0–1 and row 3
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 1);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 3);
        QCOMPARE(m_model->rowCount(), 5);
        const Task &first = m_model->taskAt(0);
        QVERIFY(first.status == Status::Completed);
        QCOMPARE(first.startedAt, at);
        QCOMPARE(first.completedAt, at);
        QCOMPARE(first.attempts, 2);
        QCOMPARE(first.worker, QStringLiteral("host-7"));
        QVERIFY(m_model->taskAt(3).status == Status::Cancelled);

        changed.clear();
        QVERIFY(m_model->applyEvents({event(5, TaskEvent::Kind::Completed, Status::Completed, 12)}).isEmpty());
        QCOMPARE(changed.size(), 0); // nothing changed, nothing signalled
    }

    void failed_attempt_keeps_the_error_message()
    {
        m_model->applyPage(tasks({1}));
        TaskEvent e;
        e.revision = 3;
        e.kind = TaskEvent::Kind::AttemptFailed;
        e.taskId = task(1).id;
        e.status = Status::RetryWaiting;
        e.message = QStringLiteral("boom");
        m_model->applyEvents({e});
        QCOMPARE(m_model->taskAt(0).error, QStringLiteral("boom"));
        QVERIFY(m_model->taskAt(0).status == Status::RetryWaiting);
    }

    void reorder_moves_rows()
    {
        m_model->applyPage(tasks({1, 2, 3, 4}));
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->applyPage(tasks({4, 2, 1, 3}));
        QCOMPARE(order(*m_model), QList<int>({4, 2, 1, 3}));
        QVERIFY(moved.size() >= 1);
        QCOMPARE(reset.size(), 0);
        for (int row = 0; row < 4; ++row)
            QCOMPARE(m_model->rowOf(m_model->taskAt(row).id), row);
    }

    void mixed_delta_reaches_the_new_page()
    {
        m_model->applyPage(tasks({9, 8, 7, 6, 5, 4}));
        QList<Task> page = tasks({11, 10, 8, 9, 6, 12, 4});
        page[4].status = Status::Failed;
        m_model->applyPage(page);
        QCOMPARE(m_model->tasks(), page);
    }

    void duplicate_ids_keep_the_first()
    {
        QList<Task> page = tasks({3, 2, 3});
        m_model->applyPage(page);
        QCOMPARE(order(*m_model), QList<int>({3, 2}));
    }

    void selection_survives_refresh()
    {
        m_model->applyPage(tasks({5, 4, 3, 2, 1}));
        QItemSelectionModel selection(m_model.get());
        selection.select(m_model->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection.setCurrentIndex(m_model->index(2, 0), QItemSelectionModel::NoUpdate);
        QList<Task> page = tasks({7, 6, 5, 3, 2}); // new on top, 4 and 1 gone, 3 updated
        page[3].status = Status::InProgress;
        m_model->applyPage(page);
        const QModelIndexList rows = selection.selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(m_model->taskAt(rows.first().row()).id, task(3).id);
        QCOMPARE(selection.currentIndex().row(), 3);
    }

    void roles_give_display_raw_and_task()
    {
        Task t = task(1, Status::InProgress);
        t.priority = Priority::High;
        t.attempts = 1;
        t.maxAttempts = 3;
        m_model->applyPage({t});
        const QModelIndex status = m_model->index(0, TaskModel::Status);
        QCOMPARE(status.data().toString(), TaskModel::displayName(Status::InProgress));
        QCOMPARE(status.data(TaskModel::RawValueRole).toInt(), int(Status::InProgress));
        QCOMPARE(status.data(Qt::DecorationRole).value<QColor>(), TaskModel::color(Status::InProgress));
        QCOMPARE(m_model->index(0, TaskModel::Priority).data(Qt::ForegroundRole).value<QColor>(),
                 TaskModel::color(Priority::High));
        QCOMPARE(m_model->index(0, TaskModel::Attempts).data().toString(), QStringLiteral("1/3"));
        QCOMPARE(m_model->index(0, TaskModel::Created).data(TaskModel::RawValueRole).toDateTime(), t.createdAt);
        QCOMPARE(m_model->index(0, TaskModel::Title).data(TaskModel::TaskRole).value<Task>(), t);
        QCOMPARE(m_model->index(0, TaskModel::Id).data(Qt::ToolTipRole).toString(), t.id.toString(QUuid::WithoutBraces));
        QVERIFY(m_model->index(0, TaskModel::Started).data().toString().isEmpty());
    }

    void run_at_worker_wait_and_duration_columns()
    {
        Task t = task(1, Status::Completed);
        t.worker = QStringLiteral("host-7");
        t.runAt = t.createdAt.addSecs(60);
        t.startedAt = t.createdAt.addMSecs(1'500);        // waited 1.5 s
        t.completedAt = t.startedAt.addSecs(3 * 60 + 5); // ran 3 min 5 s
        m_model->applyPage({t});
        QCOMPARE(m_model->index(0, TaskModel::RunAt).data(TaskModel::RawValueRole).toDateTime(), t.runAt);
        QCOMPARE(m_model->index(0, TaskModel::Worker).data().toString(), QStringLiteral("host-7"));
        QCOMPARE(m_model->index(0, TaskModel::Wait).data().toString(), formatDuration(1'500));
        QCOMPARE(m_model->index(0, TaskModel::Wait).data(TaskModel::RawValueRole).toLongLong(), 1'500);
        QCOMPARE(m_model->index(0, TaskModel::Duration).data().toString(), QStringLiteral("3 min 5 s"));
        Task waiting = task(2, Status::Pending);
        m_model->applyPage({waiting});
        QVERIFY(m_model->index(0, TaskModel::Wait).data().toString().isEmpty()); // not started: no wait yet
        QVERIFY(m_model->index(0, TaskModel::Duration).data().toString().isEmpty());
        QCOMPARE(formatDuration(850), QStringLiteral("850 ms"));
        QCOMPARE(formatDuration(2 * 3'600'000LL + 7 * 60'000), QStringLiteral("2 h 7 min"));
        QCOMPARE(formatDuration(-5), QStringLiteral("0 ms")); // clocks that disagree never show a negative wait
    }

private:
    std::unique_ptr<TaskModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestTaskModel)
#include "test_TaskModel.moc"
