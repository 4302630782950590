// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/EventsPanel.h"

#include "models/EventLogModel.h"
#include "views/TableFit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace taskmill {

namespace {
// Category box entries: (category, kind) in the item's data as two roles.
constexpr int CategoryRole = Qt::UserRole + 1;
constexpr int KindRole = Qt::UserRole + 2;
} // namespace

EventsPanel::EventsPanel(EventLogModel &log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
{
    m_filter = new EventLogFilterModel(this);
    m_filter->setSourceModel(&log);

    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("eventCategory"));
    auto addCategory = [this](const QString &text, EventLogFilter::Category c, TaskEvent::Kind k = TaskEvent::Kind::Created) {
        m_category->addItem(text);
        m_category->setItemData(m_category->count() - 1, int(c), CategoryRole);
        m_category->setItemData(m_category->count() - 1, int(k), KindRole);
    };
    addCategory(tr("All events"), EventLogFilter::Category::All);
    addCategory(tr("Problems", "failures and warnings"), EventLogFilter::Category::Problems);
    addCategory(EventLogModel::noticeName(), EventLogFilter::Category::Notices);
    for (TaskEvent::Kind k : {TaskEvent::Kind::Created, TaskEvent::Kind::Dispatched, TaskEvent::Kind::Started,
                              TaskEvent::Kind::AttemptFailed, TaskEvent::Kind::Completed, TaskEvent::Kind::Failed,
                              TaskEvent::Kind::DeadLettered, TaskEvent::Kind::Cancelled, TaskEvent::Kind::Requeued,
                              TaskEvent::Kind::Due, TaskEvent::Kind::HandedBack})
        addCategory(EventLogModel::kindName(k), EventLogFilter::Category::TaskKind, k);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("eventSearch"));
    m_search->setPlaceholderText(tr("Filter by task, id or message"));
    m_search->setClearButtonEnabled(true);
    auto *clear = new QPushButton(tr("Clear", "clear the events log"), this);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("eventsTable"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    TableFit::showElidedInTooltips(m_view); // titles and messages are long: cut short, read whole on hover
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const auto entry = index.siblingAtColumn(0).data(EventLogModel::EntryRole).value<EventLogEntry>();
        if (!entry.taskId.isNull())
            emit taskActivated(entry.taskId);
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_category);
    bar->addWidget(m_search, 1);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &EventsPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(TypingDelayMs); });
    connect(m_category, &QComboBox::currentIndexChanged, this, &EventsPanel::applyFilter);
    connect(clear, &QPushButton::clicked, &m_log, &EventLogModel::clear);

    // Follow the tail only while the user is already there.
    QScrollBar *scroll = m_view->verticalScrollBar();
    connect(scroll, &QScrollBar::valueChanged, this, [this, scroll](int value) { m_followTail = value >= scroll->maximum(); });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followTail)
            m_view->scrollToBottom();
    });
}

EventLogFilter EventsPanel::currentFilter() const
{
    EventLogFilter f;
    f.category = EventLogFilter::Category(m_category->currentData(CategoryRole).toInt());
    f.kind = TaskEvent::Kind(m_category->currentData(KindRole).toInt());
    f.text = m_search->text();
    return f;
}

void EventsPanel::applyFilter()
{
    m_debounce.stop();
    m_filter->setFilter(currentFilter());
}

} // namespace taskmill
