// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/DeadLetterPage.h"

#include "client/BackendClient.h"
#include "models/DeadLetterGroupModel.h"
#include "models/DeadLetterModel.h"
#include "models/DeadLetterPager.h"
#include "views/DeadLetterActions.h"
#include "views/DeadLetterDetailsPanel.h"
#include "views/DeadLetterFilterBar.h"
#include "views/ExportActions.h"
#include "views/TableFit.h"
#include "models/TaskExporter.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace taskmill {

namespace {
// The task list's title gives way first, so the type, attempts and time stay in view in both languages.
constexpr int TitleMaxPx = 240;

QTableView *tableView(const QString &name, QAbstractItemModel *model, QWidget *parent, const QHash<int, int> &caps = {})
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setHighlightSections(false);
    TableFit::fitColumns(view, caps);
    TableFit::showElidedInTooltips(view);
    return view;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}
} // namespace

DeadLetterPage::DeadLetterPage(BackendClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("deadLetterPage"));
    m_groupModel = new DeadLetterGroupModel(this);
    m_taskModel = new DeadLetterModel(this);
    m_pager = new DeadLetterPager(m_client, *m_groupModel, *m_taskModel, this);
    m_actions = new DeadLetterActions(m_client, *m_pager, *m_taskModel, this);
    m_details = new DeadLetterDetailsPanel(m_client, this);

    auto *toolBar = new QToolBar(this);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_actions->requeueAction());
    toolBar->addAction(m_actions->purgeAction());
    toolBar->addAction(m_actions->purgeAllAction());
    toolBar->addSeparator();
    toolBar->addAction(m_actions->refreshAction());
    m_export = new ExportActions(ExportActions::Kind::DeadLetters, [this] {
        return TaskExporter::deadLetterPages(m_client, m_pager->filter(), m_pager->order());
    }, this);
    m_export->exportAction()->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_export->exportAction());
    toolBar->addAction(m_export->exportAction());
    connect(m_export, &ExportActions::statusMessagePosted, this, &DeadLetterPage::statusMessagePosted);
    m_filterBar = new DeadLetterFilterBar(this);
    connect(m_filterBar, &DeadLetterFilterBar::filterChanged, this, [this](const DeadLetterFilter &filter) {
        m_pager->setSearch(filter);
        m_actions->setScope(selectedTaskIds(), selectedGroup());
        updateLabels();
    });
    connect(m_pager, &DeadLetterPager::groupsLoaded, this, [this] {
        for (int row = 0; row < m_groupModel->rowCount(); ++row)
            m_filterBar->addKnownTypes(m_groupModel->rowAt(row).types);
    });
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setContentsMargins(12, 0, 0, 0);
    toolBar->addWidget(m_summary);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(createGroupsPane());
    left->addWidget(createTasksPane());
    left->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("deadLetterSplitter"));
    split->addWidget(left);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    m_loadError = new QLabel(this);
    m_loadError->setObjectName(QStringLiteral("loadError"));
    m_loadError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_loadError->setWordWrap(true);
    m_loadError->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(toolBar);
    layout->addWidget(m_filterBar);
    layout->addWidget(split, 1);
    layout->addWidget(m_loadError);

    connect(m_groupsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DeadLetterPage::onGroupSelectionChanged);
    connect(m_tasksView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DeadLetterPage::onTaskSelectionChanged);
    // Removed or reset rows drop out of the selection without a selectionChanged in every case:
    // re-derive what the selection means whenever rows go away.
    connect(m_taskModel, &QAbstractItemModel::rowsRemoved, this, &DeadLetterPage::onTaskSelectionChanged);
    connect(m_taskModel, &QAbstractItemModel::modelReset, this, &DeadLetterPage::onTaskSelectionChanged);
    connect(m_groupModel, &QAbstractItemModel::rowsRemoved, this, [this] {
        const std::optional<DeadLetterGroup> group = selectedGroup();
        if ((group ? std::optional<QString>(group->error) : std::nullopt) != m_pager->group())
            onGroupSelectionChanged();
    });
    connect(m_pager, &DeadLetterPager::groupsLoaded, this, &DeadLetterPage::updateLabels);
    connect(m_pager, &DeadLetterPager::pageLoaded, this, &DeadLetterPage::updateLabels);
    connect(m_pager, &DeadLetterPager::pageLoaded, this, [this] {
        m_loadError->hide();
        // The shown task's history may have grown (another attempt failed into the queue again).
        if (!m_details->taskId().isNull() && !m_details->isPayloadEdited())
            m_details->reload();
    });
    connect(m_pager, &DeadLetterPager::loadFailed, this, &DeadLetterPage::onLoadFailed);
    connect(m_actions, &DeadLetterActions::statusMessagePosted, this, &DeadLetterPage::statusMessagePosted);
    connect(m_actions, &DeadLetterActions::changed, m_pager, &DeadLetterPager::refresh);
    connect(m_details, &DeadLetterDetailsPanel::requeued, this, [this](const Task &task) {
        m_taskModel->removeKeys({task.id});
        emit statusMessagePosted(tr("Requeued task %1 with the edited payload.").arg(task.id.toString(QUuid::WithoutBraces)));
        m_pager->refresh();
    });
    connect(&m_client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected)
            m_pager->requestRefresh();
    });
    updateLabels();
}

QWidget *DeadLetterPage::createGroupsPane()
{
    auto *pane = new QWidget(this);
    m_groupsView = tableView(QStringLiteral("deadLetterGroups"), m_groupModel, pane);
    m_groupsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupsView->horizontalHeader()->setSectionResizeMode(DeadLetterGroupModel::Error, QHeaderView::Stretch);
    m_groupsView->horizontalHeader()->setSectionResizeMode(DeadLetterGroupModel::Count, QHeaderView::ResizeToContents);
    m_showAll = new QToolButton(pane);
    m_showAll->setObjectName(QStringLiteral("showAllButton"));
    m_showAll->setText(tr("Show All"));
    m_showAll->setToolTip(tr("List every dead letter instead of one group"));
    connect(m_showAll, &QToolButton::clicked, this, &DeadLetterPage::showAllDeadLetters);
    auto *top = new QHBoxLayout;
    top->addWidget(heading(tr("Groups by error"), pane), 1);
    top->addWidget(m_showAll);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_groupsView, 1);
    return pane;
}

QWidget *DeadLetterPage::createTasksPane()
{
    auto *pane = new QWidget(this);
    m_tasksHeading = heading(QString(), pane);
    m_tasksHeading->setObjectName(QStringLiteral("tasksHeading"));
    m_tasksHeading->setTextFormat(Qt::PlainText);
    m_tasksView = tableView(QStringLiteral("deadLetterTasks"), m_taskModel, pane, {{DeadLetterModel::Title, TitleMaxPx}});
    m_tasksView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tasksView->horizontalHeader()->setStretchLastSection(true);
    QHeaderView *header = m_tasksView->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    showSort();
    connect(header, &QHeaderView::sortIndicatorChanged, this, &DeadLetterPage::onSortIndicatorChanged);
    // Ctrl+C and the context menu copy whole ids while the table has focus; text fields keep their own copy.
    m_copyId = new QAction(tr("Copy &Full ID"), m_tasksView);
    m_copyId->setObjectName(QStringLiteral("copyDeadLetterIdAction"));
    m_copyId->setShortcut(QKeySequence::Copy);
    m_copyId->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyId, &QAction::triggered, this, &DeadLetterPage::copySelectedIds);
    m_tasksView->addAction(m_copyId);
    m_tasksView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tasksView, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        m_copyId->setEnabled(!selectedTaskIds().isEmpty());
        menu->addAction(m_copyId);
        menu->addSeparator();
        menu->addAction(m_actions->requeueAction());
        menu->addAction(m_actions->purgeAction());
        menu->popup(m_tasksView->viewport()->mapToGlobal(pos));
    });
    m_previous = new QToolButton(pane);
    m_previous->setObjectName(QStringLiteral("previousPageButton"));
    m_previous->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_previous->setToolTip(tr("Previous page"));
    m_next = new QToolButton(pane);
    m_next->setObjectName(QStringLiteral("nextPageButton"));
    m_next->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_next->setToolTip(tr("Next page"));
    m_pageLabel = new QLabel(pane);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));
    connect(m_previous, &QToolButton::clicked, m_pager, &DeadLetterPager::previousPage);
    connect(m_next, &QToolButton::clicked, m_pager, &DeadLetterPager::nextPage);
    auto *paging = new QHBoxLayout;
    paging->addWidget(m_pageLabel, 1);
    paging->addWidget(m_previous);
    paging->addWidget(m_next);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tasksHeading);
    layout->addWidget(m_tasksView, 1);
    layout->addLayout(paging);
    return pane;
}

QList<QUuid> DeadLetterPage::selectedTaskIds() const
{
    QList<QUuid> ids;
    for (const QModelIndex &index : m_tasksView->selectionModel()->selectedRows())
        ids.append(m_taskModel->rowAt(index.row()).id);
    return ids;
}

std::optional<DeadLetterGroup> DeadLetterPage::selectedGroup() const
{
    const QModelIndexList rows = m_groupsView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_groupModel->rowAt(rows.first().row());
}

void DeadLetterPage::showAllDeadLetters()
{
    m_groupsView->selectionModel()->clearSelection();
    m_groupsView->selectionModel()->clearCurrentIndex();
}

void DeadLetterPage::copySelectedIds()
{
    QStringList ids;
    for (const QUuid &id : selectedTaskIds())
        ids << id.toString(QUuid::WithoutBraces);
    if (ids.isEmpty())
        return;
    QApplication::clipboard()->setText(ids.join(u'\n'));
    emit statusMessagePosted(tr("Copied %Ln task id(s).", nullptr, int(ids.size())));
}

void DeadLetterPage::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    const std::optional<DeadLetterOrder::Key> key = DeadLetterModel::sortFor(column);
    if (!key) {
        showSort(); // not sortable: the indicator goes back to the order in use
        return;
    }
    m_pager->setOrder({*key, order == Qt::AscendingOrder ? SortOrder::Ascending : SortOrder::Descending});
}

void DeadLetterPage::showSort()
{
    QHeaderView *header = m_tasksView->horizontalHeader();
    const QSignalBlocker blocker(header);
    const DeadLetterOrder order = m_pager->order();
    header->setSortIndicator(DeadLetterModel::columnFor(order.key),
                             order.order == SortOrder::Ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
}

void DeadLetterPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_pager->setActive(true);
}

void DeadLetterPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_pager->setActive(false);
}

void DeadLetterPage::onGroupSelectionChanged()
{
    const std::optional<DeadLetterGroup> group = selectedGroup();
    m_tasksView->selectionModel()->clearSelection();
    m_pager->setGroup(group ? std::optional<QString>(group->error) : std::nullopt);
    m_actions->setScope(selectedTaskIds(), group);
    updateLabels();
}

void DeadLetterPage::onTaskSelectionChanged()
{
    const QList<QUuid> ids = selectedTaskIds();
    m_actions->setScope(ids, selectedGroup());
    if (ids.size() == 1) {
        if (ids.first() != m_details->taskId())
            m_details->showTask(ids.first());
    } else
        m_details->clear();
}

void DeadLetterPage::onLoadFailed(const ApiError &error)
{
    // An unreachable backend shows in the connection indicator already.
    if (error.code == ErrorCode::Unavailable)
        return;
    m_loadError->setText(tr("Loading the dead-letter queue failed: %1").arg(error.message));
    m_loadError->show();
}

void DeadLetterPage::updateLabels()
{
    const QLocale locale;
    const qint64 total = m_groupModel->totalCount();
    m_summary->setText(total == 0 ? tr("The dead-letter queue is empty.")
                                  : tr("%1 dead letter(s) in %Ln group(s)", nullptr, m_groupModel->rowCount())
                                        .arg(locale.toString(total)));
    const std::optional<DeadLetterGroup> group = selectedGroup();
    m_tasksHeading->setText(group                             ? tr("Tasks that failed with: %1").arg(group->error.section(u'\n', 0, 0))
                            : m_pager->search().isEmpty() ? tr("All dead-lettered tasks")
                                                          : tr("Dead-lettered tasks the search matches"));
    m_showAll->setEnabled(group.has_value());
    m_pageLabel->setText(tr("Page %1 · %2 task(s)").arg(m_pager->pageNumber()).arg(locale.toString(m_pager->total())));
    m_previous->setEnabled(m_pager->hasPreviousPage());
    m_next->setEnabled(m_pager->hasNextPage());
}

} // namespace taskmill
