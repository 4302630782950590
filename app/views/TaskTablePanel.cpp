// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TaskTablePanel.h"

#include "models/TaskModel.h"
#include "models/TaskPager.h"
#include "models/TimeFormat.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace taskmill {

TaskTablePanel::TaskTablePanel(TaskModel &model, TaskPager &pager, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_pager(pager)
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("taskTable"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setSortingEnabled(false); // the server sorts: the view must not reorder a page by itself
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(40);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &pos) {
        QMenu *menu = createColumnMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(header->viewport()->mapToGlobal(pos));
    });
    showSortOf(m_pager);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &TaskTablePanel::onSortIndicatorChanged);
    connect(&m_pager, &TaskPager::sortChanged, this, [this] { showSortOf(m_pager); });
    // Times are written in the UI language's format ("12/28/2026 11:58:58 PM", "28.12.2026 23:58:58"): their
    // columns start as wide as the widest such text, plus the cell's padding — whatever the hour now, since a
    // two-digit hour ("10:58 PM") is wider than a one-digit one (app.LayoutFits failed after 10 PM at 140 px).
    const int timeWidth = qMax(140, m_view->fontMetrics().horizontalAdvance(
                                        formatTime(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)))) + 16);
    const QList<QPair<int, int>> widths{{TaskModel::Id, 120},       {TaskModel::Title, 200},   {TaskModel::Type, 90},
                                        {TaskModel::Priority, 80}, {TaskModel::Status, 110}, {TaskModel::Attempts, 70},
                                        {TaskModel::Created, timeWidth}, {TaskModel::Started, timeWidth}, {TaskModel::Completed, timeWidth},
                                        {TaskModel::RunAt, timeWidth}, {TaskModel::Worker, 110}, {TaskModel::Wait, 80},
                                        {TaskModel::Duration, 80}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);
    // Shown from the header's menu when wanted; a new user's table stays within a laptop's width.
    for (int column : {TaskModel::Worker, TaskModel::Wait})
        header->setSectionHidden(column, true);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TaskTablePanel::selectionChanged);

    auto makeButton = [this](QStyle::StandardPixmap icon, const QString &tip, const QString &name) {
        auto *button = new QToolButton(this);
        button->setObjectName(name);
        button->setIcon(style()->standardIcon(icon));
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    };
    m_first = makeButton(QStyle::SP_MediaSkipBackward, tr("First page"), QStringLiteral("firstPageButton"));
    m_previous = makeButton(QStyle::SP_ArrowLeft, tr("Previous page"), QStringLiteral("previousPageButton"));
    m_next = makeButton(QStyle::SP_ArrowRight, tr("Next page"), QStringLiteral("nextPageButton"));
    m_pageLabel = new QLabel(this);
    connect(m_first, &QToolButton::clicked, &m_pager, &TaskPager::firstPage);
    connect(m_previous, &QToolButton::clicked, &m_pager, &TaskPager::previousPage);
    connect(m_next, &QToolButton::clicked, &m_pager, &TaskPager::nextPage);
    connect(&m_pager, &TaskPager::pageLoaded, this, &TaskTablePanel::updatePaging);

    auto *paging = new QHBoxLayout;
    paging->addStretch(1);
    paging->addWidget(m_pageLabel);
    paging->addWidget(m_first);
    paging->addWidget(m_previous);
    paging->addWidget(m_next);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(paging);
    updatePaging();
}

QList<QUuid> TaskTablePanel::selectedTaskIds() const
{
    QList<QUuid> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        ids.append(m_model.taskAt(index.row()).id);
    return ids;
}

QByteArray TaskTablePanel::headerState() const
{
    return m_view->horizontalHeader()->saveState();
}

void TaskTablePanel::restoreHeaderState(const QByteArray &state)
{
    QHeaderView *header = m_view->horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state))
        return;
    // A state saved with every column hidden would leave nothing to right-click on.
    if (header->hiddenSectionCount() == header->count())
        header->showSection(TaskModel::Title);
    onSortIndicatorChanged(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

QMenu *TaskTablePanel::createColumnMenu(QWidget *parent)
{
    QHeaderView *header = m_view->horizontalHeader();
    auto *menu = new QMenu(tr("Columns"), parent);
    menu->setObjectName(QStringLiteral("columnMenu"));
    // In the order the user arranged them.
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction *action = menu->addAction(m_model.headerData(column, Qt::Horizontal).toString());
        action->setObjectName(QStringLiteral("showColumn_%1").arg(column));
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        connect(action, &QAction::toggled, this, [header, column](bool shown) {
            // The last visible column stays: without any, the header (and this menu) would be unreachable.
            if (!shown && header->count() - header->hiddenSectionCount() <= 1)
                return;
            header->setSectionHidden(column, !shown);
        });
    }
    menu->addSeparator();
    QAction *reset = menu->addAction(tr("Show All Columns"));
    reset->setObjectName(QStringLiteral("showAllColumns"));
    connect(reset, &QAction::triggered, this, [header] {
        for (int column = 0; column < header->count(); ++column)
            header->showSection(column);
    });
    return menu;
}

void TaskTablePanel::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    const std::optional<TaskSort> sort = TaskModel::sortFor(column);
    if (!sort) {
        // Not sortable: put the indicator back where the pager's sort is.
        showSortOf(m_pager);
        return;
    }
    m_pager.setSort(*sort, order == Qt::AscendingOrder ? SortOrder::Ascending : SortOrder::Descending);
}

void TaskTablePanel::showSortOf(const TaskPager &pager)
{
    QHeaderView *header = m_view->horizontalHeader();
    const QSignalBlocker blocker(header);
    header->setSortIndicator(TaskModel::columnFor(pager.sort()),
                             pager.sortOrder() == SortOrder::Ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
}

void TaskTablePanel::updatePaging()
{
    const int pages = int(qMax<qint64>(1, (m_pager.total() + TaskPager::PageSize - 1) / TaskPager::PageSize));
    m_pageLabel->setText(m_pager.isTotalExact()
                             ? tr("Page %1 of %2 · %Ln task(s)", nullptr, int(m_pager.total()))
                                   .arg(m_pager.pageNumber())
                                   .arg(qMax(pages, m_pager.pageNumber()))
                             : tr("Page %1 of about %2 · about %Ln task(s)", nullptr, int(m_pager.total()))
                                   .arg(m_pager.pageNumber())
                                   .arg(qMax(pages, m_pager.pageNumber())));
    m_first->setEnabled(m_pager.hasPreviousPage());
    m_previous->setEnabled(m_pager.hasPreviousPage());
    m_next->setEnabled(m_pager.hasNextPage());
    if (m_pager.pageNumber() != m_shownPage) {
        m_shownPage = m_pager.pageNumber();
        m_view->scrollToTop();
    }
}

} // namespace taskmill
