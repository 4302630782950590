// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/DashboardPage.h"
#include "models/TimeFormat.h"

#include "models/StatsCountsModel.h"
#include "models/StatsPendingModel.h"
#include "models/StatsPoller.h"
#include "models/StatsQueueModel.h"
#include "models/StatsWorkerModel.h"
#include "models/PauseState.h"
#include "models/TaskModel.h"
#include "views/PauseActions.h"
#include "views/DashboardThroughputChart.h"
#include "views/TableFit.h"

#include <QAction>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace taskmill {

namespace {
// Below this the chart's axis labels no longer fit between its ticks and turn into "...".
constexpr int ChartMinHeightPx = 170;

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, const QString &name, bool sortable)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    if (sortable) {
        auto *proxy = new QSortFilterProxyModel(view);
        proxy->setSourceModel(model);
        proxy->setSortRole(Qt::UserRole + 1); // every Stats model's RawValueRole
        view->setModel(proxy);
        view->setSortingEnabled(true);
    } else {
        view->setModel(model);
    }
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    TableFit::fitColumns(view);
    TableFit::showElidedInTooltips(view);
    return view;
}

// A table whose rows are few and all matter (statuses, priorities): as tall as all of them, never scrolled
// (its columns stretch; a header cut short has its whole text in the tooltip).
void fitAllRows(QTableView *view)
{
    view->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QGroupBox *box(const QString &title, QWidget *content, QWidget *parent, QWidget *extra = nullptr)
{
    auto *group = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(group);
    layout->setContentsMargins(4, 4, 4, 4);
    if (extra)
        layout->addWidget(extra);
    layout->addWidget(content);
    if (content->sizePolicy().verticalPolicy() == QSizePolicy::Fixed)
        layout->addStretch(); // a table of all its rows sits at the top, not in the middle of spare room
    return group;
}
} // namespace

DashboardPage::DashboardPage(StatsPoller &poller, QWidget *parent)
    : QWidget(parent)
    , m_poller(poller)
{
    m_counts = new StatsCountsModel(this);
    m_queues = new StatsQueueModel(this);
    m_workers = new StatsWorkerModel(this);
    m_pending = new StatsPendingModel(this);
    // The chart is built on first show: Qt Charts costs startup time, and most sessions never open the tab.
    m_chartBox = new QWidget(this);
    m_chartBox->setMinimumHeight(ChartMinHeightPx);
    new QVBoxLayout(m_chartBox);
    m_chartBox->layout()->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_pendingSummary = new QLabel(this);
    m_pendingSummary->setWordWrap(true);

    QTableView *counts = makeTable(m_counts, this, QStringLiteral("countsTable"), false);
    QTableView *queues = m_queueView = makeTable(m_queues, this, QStringLiteral("queuesTable"), false);
    queues->setSelectionMode(QAbstractItemView::SingleSelection);
    QTableView *workers = m_workerView = makeTable(m_workers, this, QStringLiteral("workersTable"), true);
    QTableView *pending = m_pendingView = makeTable(m_pending, this, QStringLiteral("pendingTable"), true);
    connect(workers, &QAbstractItemView::activated, this, &DashboardPage::onWorkerActivated);
    connect(pending, &QAbstractItemView::activated, this, &DashboardPage::onPendingActivated);
    counts->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    queues->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // A short word: the room goes to the depth headers, long in Russian.
    queues->horizontalHeader()->setSectionResizeMode(StatsQueueModel::State, QHeaderView::ResizeToContents);
    pending->sortByColumn(StatsPendingModel::Idle, Qt::DescendingOrder);

    // Counts and queue depths have a known number of rows and show them all (fitAllRows); the chart sits
    // under the queues so the page fits 800 px in height with the Events dock open.
    fitAllRows(counts);
    fitAllRows(queues);
    auto *top = new QHBoxLayout;
    top->addWidget(box(tr("Tasks by status and priority"), counts, this), 3);
    auto *right = new QVBoxLayout;
    // Pause and resume go in one row under the queue table: beside it they would squeeze its four columns,
    // and the height comes from the chart, which has more than it needs.
    auto *queueArea = new QWidget(this);
    queueArea->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto *queueColumn = new QVBoxLayout(queueArea);
    queueColumn->setContentsMargins(0, 0, 0, 0);
    queueColumn->addWidget(queues);
    m_queueButtons = new QWidget(queueArea);
    auto *buttonRow = new QHBoxLayout(m_queueButtons);
    buttonRow->setContentsMargins(0, 0, 0, 0);
    buttonRow->addStretch();
    m_queueButtons->hide();
    queueColumn->addWidget(m_queueButtons);
    right->addWidget(box(tr("Queue depth"), queueArea, this));
    right->addWidget(box(tr("Throughput"), m_chartBox, this), 1);
    top->addLayout(right, 2);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(box(tr("Workers alive"), workers, bottom));
    bottom->addWidget(box(tr("Pending entries per consumer"), pending, bottom, m_pendingSummary));
    bottom->setChildrenCollapsible(false);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    auto *topWidget = new QWidget(vertical);
    topWidget->setLayout(top);
    top->setContentsMargins(0, 0, 0, 0);
    vertical->addWidget(topWidget);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(1, 1);
    vertical->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(vertical, 1);
    layout->addWidget(m_status);

    connect(&m_poller, &StatsPoller::statsUpdated, this, [this](const StatsSnapshot &s) {
        m_counts->setSnapshot(s);
        m_queues->setSnapshot(s);
        m_workers->setRows(s.workers);
        const QString now = formatClock(QDateTime::currentDateTime());
        m_status->setText(s.redisUp ? tr("Updated %1").arg(now)
                                    : tr("Updated %1 — Redis is not answering: queue depths unknown").arg(now));
    });
    connect(&m_poller, &StatsPoller::pendingUpdated, this, [this](const PendingReport &r) {
        m_pending->setReport(r);
        onPendingUpdated();
    });
    connect(&m_poller, &StatsPoller::throughputUpdated, this, [this](const ThroughputHistory &h) {
        if (m_chart)
            m_chart->setHistory(h);
    });
    connect(&m_poller, &StatsPoller::pollFailed, this, &DashboardPage::onPollFailed);
}

void DashboardPage::setPauseControls(PauseState &state, PauseActions *actions)
{
    m_queues->setPauses(state.pauses());
    connect(&state, &PauseState::changed, m_queues, [this, &state] { m_queues->setPauses(state.pauses()); });
    for (QAction *action : {actions->pauseAction(), actions->resumeAction()}) {
        auto *button = new QToolButton(m_queueButtons);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_queueButtons->layout()->addWidget(button);
        m_queueView->addAction(action);
    }
    m_queueButtons->show();
    m_queueView->setContextMenuPolicy(Qt::ActionsContextMenu);
    const auto select = [this, actions] {
        const QModelIndexList rows = m_queueView->selectionModel()->selectedRows();
        if (rows.isEmpty()) {
            actions->setTarget({}, {});
            return;
        }
        const Priority priority = StatsQueueModel::priorityOfRow(rows.first().row());
        actions->setTarget(toString(priority), TaskModel::displayName(priority));
    };
    connect(m_queueView->selectionModel(), &QItemSelectionModel::selectionChanged, actions, select);
    select();
}

QString DashboardPage::statusText() const
{
    return m_status->text();
}

void DashboardPage::onWorkerActivated(const QModelIndex &index)
{
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(index.model());
    const QModelIndex source = proxy ? proxy->mapToSource(index) : index;
    if (!source.isValid())
        return;
    const WorkerInfo &worker = m_workers->rows().at(source.row());
    if (!worker.running.isEmpty())
        emit taskActivated(worker.running.first().id);
}

void DashboardPage::onPendingActivated(const QModelIndex &index)
{
    const auto *proxy = qobject_cast<const QSortFilterProxyModel *>(index.model());
    const QModelIndex source = proxy ? proxy->mapToSource(index) : index;
    if (!source.isValid())
        return;
    const QUuid id = m_pending->rows().at(source.row()).taskId;
    if (!id.isNull())
        emit taskActivated(id);
}

void DashboardPage::onPendingUpdated()
{
    const PendingReport &r = m_pending->report();
    QStringList parts;
    for (const ConsumerPending &c : r.consumers)
        parts << (c.alive ? tr("%1: %2 pending").arg(c.consumer, QLocale().toString(c.pending))
                          : tr("%1: %2 pending, no heartbeat").arg(c.consumer, QLocale().toString(c.pending)));
    // Sentences: the consumers' list ends with a full stop, so what follows does not run into its last number.
    QString text = parts.isEmpty() ? tr("No entries pending.") : parts.join(QStringLiteral(" · ")) + u'.';
    if (const int stuck = m_pending->stuckCount(); stuck > 0)
        text += u' ' + tr("%Ln entry(s) idle longer than the visibility timeout (%1).", nullptr, stuck)
                           .arg(StatsPendingModel::formatDuration(r.visibilityTimeoutMs));
    if (r.truncated)
        text += u' ' + tr("Showing the %Ln longest idle.", nullptr, m_pending->rowCount());
    m_pendingSummary->setText(text);
}

void DashboardPage::onPollFailed(const ApiError &error)
{
    m_status->setText(tr("Refreshing the dashboard failed: %1").arg(error.message));
}

void DashboardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_chart) {
        m_chart = new DashboardThroughputChart(m_chartBox);
        m_chartBox->layout()->addWidget(m_chart);
    }
    m_poller.setForeground(true);
}

void DashboardPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_poller.setForeground(false);
}

} // namespace taskmill
