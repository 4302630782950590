// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/FilterBar.h"
#include "models/TimeFormat.h"

#include "models/TaskModel.h"
#include "views/FlowLayout.h"

#include <QAction>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>

namespace taskmill {

namespace {
constexpr int ToggleSpacing = 2; // px between the toggles of one group
constexpr int GroupSpacing = 12; // px between the groups of the first row

QIcon dotIcon(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(1, 1, 10, 10);
    return QIcon(pixmap);
}

qint64 rangeSeconds(FilterBar::TimeRange range)
{
    switch (range) {
    case FilterBar::TimeRange::Last15Minutes: return 15 * 60;
    case FilterBar::TimeRange::LastHour: return 3600;
    case FilterBar::TimeRange::Last24Hours: return 24 * 3600;
    case FilterBar::TimeRange::Last7Days: return 7 * 24 * 3600;
    default: return 0;
    }
}
} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
{
    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        const TaskFilter current = filter();
        if (current == m_lastEmitted)
            return;
        m_lastEmitted = current;
        emit filterChanged(current);
    });
    auto now = [this] { m_debounce.start(0); };

    // Two rows (priorities and the rest, then the statuses), each a flow that wraps instead of widening the
    // window: in Russian, or with custom dates and large counts, one line does not fit a 1280 px screen.
    auto *top = new FlowLayout(nullptr, GroupSpacing, ToggleSpacing);
    auto *priorities = new QWidget(this);
    auto *priorityRow = new QHBoxLayout(priorities);
    priorityRow->setContentsMargins(0, 0, 0, 0);
    priorityRow->setSpacing(ToggleSpacing);
    for (taskmill::Priority p : allPriorities()) {
        QToolButton *toggle = addToggle(QStringLiteral("priorityToggle_%1").arg(toString(p)), TaskModel::color(p));
        m_priorityToggles.insert(p, toggle);
        priorityRow->addWidget(toggle);
    }
    top->addWidget(priorities);

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("typeFilter"));
    m_type->setToolTip(tr("Task type"));
    m_type->addItem(tr("All types"), QString());
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_type, &QComboBox::activated, this, now);
    top->addWidget(m_type);

    m_time = new QComboBox(this);
    m_time->setObjectName(QStringLiteral("timeFilter"));
    m_time->setToolTip(tr("Created"));
    m_time->addItem(tr("Any time"), int(TimeRange::Any));
    m_time->addItem(tr("Last 15 minutes"), int(TimeRange::Last15Minutes));
    m_time->addItem(tr("Last hour"), int(TimeRange::LastHour));
    m_time->addItem(tr("Last 24 hours"), int(TimeRange::Last24Hours));
    m_time->addItem(tr("Last 7 days"), int(TimeRange::Last7Days));
    m_time->addItem(tr("Custom…", "time range"), int(TimeRange::Custom));
    connect(m_time, &QComboBox::activated, this, &FilterBar::onTimeRangeActivated);
    top->addWidget(m_time);
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_from->setObjectName(QStringLiteral("createdFromEdit"));
    m_from->setCalendarPopup(true);
    m_from->setToolTip(tr("Created at or after"));
    m_to = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), this);
    m_to->setObjectName(QStringLiteral("createdToEdit"));
    m_to->setCalendarPopup(true);
    m_to->setToolTip(tr("Created before"));
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setDisplayFormat(dateTimeFormat(TimePrecision::Minutes));
        edit->hide();
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this] { m_debounce.start(SearchDebounceMs); });
        top->addWidget(edit);
    }

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search title, description or payload (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(200);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(SearchDebounceMs); });
    // Enter skips the pause.
    connect(m_search, &QLineEdit::returnPressed, this, now);
    top->addWidget(m_search, true);

    m_searchAction = new QAction(tr("&Search Tasks"), this);
    m_searchAction->setObjectName(QStringLiteral("searchAction"));
    m_searchAction->setShortcut(QKeySequence::Find);
    m_searchAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_searchAction, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(m_searchAction);

    auto *statuses = new FlowLayout(nullptr, ToggleSpacing, ToggleSpacing);
    for (taskmill::Status s : allStatuses()) {
        QToolButton *toggle = addToggle(QStringLiteral("statusToggle_%1").arg(toString(s)), TaskModel::color(s));
        m_statusToggles.insert(s, toggle);
        statuses->addWidget(toggle);
    }

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setVerticalSpacing(2);
    layout->addWidget(new QLabel(tr("Priority:"), this), 0, 0);
    layout->addLayout(top, 0, 1);
    layout->addWidget(new QLabel(tr("Status:"), this), 1, 0);
    layout->addLayout(statuses, 1, 1);
    updateToggleTexts();

    // Keyboard order follows the reading order: priorities, type, time, search, then the statuses.
    QWidget *previous = nullptr;
    auto chain = [&previous](QWidget *w) {
        if (previous)
            QWidget::setTabOrder(previous, w);
        previous = w;
    };
    for (Priority p : allPriorities())
        chain(m_priorityToggles.value(p));
    for (QWidget *w : {static_cast<QWidget *>(m_type), static_cast<QWidget *>(m_time), static_cast<QWidget *>(m_from),
                       static_cast<QWidget *>(m_to), static_cast<QWidget *>(m_search)})
        chain(w);
    for (Status s : allStatuses())
        chain(m_statusToggles.value(s));
}

QToolButton *FilterBar::addToggle(const QString &objectName, const QColor &color)
{
    auto *toggle = new QToolButton(this);
    toggle->setObjectName(objectName);
    toggle->setIcon(dotIcon(color));
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setCheckable(true);
    toggle->setAutoRaise(true);
    toggle->setFocusPolicy(Qt::TabFocus);
    connect(toggle, &QToolButton::toggled, this, [this] { m_debounce.start(0); });
    return toggle;
}

void FilterBar::updateToggleTexts()
{
    const QLocale locale;
    auto text = [&](const QString &name, qint64 count) {
        if (!m_counts)
            return name;
        return m_counts->exact ? tr("%1 (%2)", "toggle: name (count)").arg(name, locale.toString(count))
                               : tr("%1 (≈%2)", "toggle: name (estimated count)").arg(name, locale.toString(count));
    };
    for (auto it = m_priorityToggles.cbegin(); it != m_priorityToggles.cend(); ++it)
        it.value()->setText(text(TaskModel::displayName(it.key()), m_counts ? m_counts->priority(it.key()) : 0));
    for (auto it = m_statusToggles.cbegin(); it != m_statusToggles.cend(); ++it)
        it.value()->setText(text(TaskModel::displayName(it.key()), m_counts ? m_counts->status(it.key()) : 0));
    const QString tip = m_counts && !m_counts->exact
                            ? tr("Counts are estimates: counting exactly would take too long for this many tasks.")
                            : QString();
    for (QToolButton *t : std::as_const(m_priorityToggles))
        t->setToolTip(tip);
    for (QToolButton *t : std::as_const(m_statusToggles))
        t->setToolTip(tip);
}

void FilterBar::setCounts(const TaskCounts &counts)
{
    m_counts = counts;
    updateToggleTexts();
}

void FilterBar::clearCounts()
{
    m_counts.reset();
    updateToggleTexts();
}

void FilterBar::setTypes(const QStringList &types)
{
    const QString current = m_type->currentData().toString();
    m_type->clear();
    m_type->addItem(tr("All types"), QString());
    QStringList all = types;
    if (!current.isEmpty() && !all.contains(current))
        all << current;
    for (const QString &type : std::as_const(all))
        m_type->addItem(type, type);
    m_type->setCurrentIndex(qMax(0, m_type->findData(current)));
}

void FilterBar::setTimeRange(TimeRange range)
{
    m_time->setCurrentIndex(m_time->findData(int(range)));
    onTimeRangeActivated();
}

void FilterBar::setCustomRange(const QDateTime &from, const QDateTime &to)
{
    m_from->setDateTime(from.toLocalTime());
    m_to->setDateTime(to.toLocalTime());
    setTimeRange(TimeRange::Custom);
}

FilterBar::TimeRange FilterBar::timeRange() const
{
    return TimeRange(m_time->currentData().toInt());
}

void FilterBar::onTimeRangeActivated()
{
    const TimeRange range = timeRange();
    const bool custom = range == TimeRange::Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    m_rangeFrom = rangeSeconds(range) > 0 ? QDateTime::currentDateTimeUtc().addSecs(-rangeSeconds(range)) : QDateTime();
    m_debounce.start(0);
}

TaskFilter FilterBar::filter() const
{
    TaskFilter f;
    for (auto it = m_priorityToggles.cbegin(); it != m_priorityToggles.cend(); ++it)
        if (it.value()->isChecked())
            f.priorities.insert(it.key());
    for (auto it = m_statusToggles.cbegin(); it != m_statusToggles.cend(); ++it)
        if (it.value()->isChecked())
            f.statuses.insert(it.key());
    if (const QString type = m_type->currentData().toString(); !type.isEmpty())
        f.types = {type};
    if (timeRange() == TimeRange::Custom) {
        f.createdFrom = m_from->dateTime().toUTC();
        f.createdTo = m_to->dateTime().toUTC();
    } else {
        f.createdFrom = m_rangeFrom;
    }
    // The server refuses control characters in a search (they cannot occur in one): drop them here.
    QString text = m_search->text().trimmed();
    text.removeIf([](QChar c) { return c.category() == QChar::Other_Control; });
    f.text = text;
    return f;
}

void FilterBar::setFilter(const TaskFilter &f)
{
    // Signals of the inner widgets only restart the single-shot timer, so the many changes below coalesce
    // into one filterChanged.
    for (auto it = m_priorityToggles.cbegin(); it != m_priorityToggles.cend(); ++it)
        it.value()->setChecked(f.priorities.contains(it.key()));
    for (auto it = m_statusToggles.cbegin(); it != m_statusToggles.cend(); ++it)
        it.value()->setChecked(f.statuses.contains(it.key()));
    const QString type = f.types.isEmpty() ? QString() : f.types.constFirst();
    if (!type.isEmpty() && m_type->findData(type) < 0)
        m_type->addItem(type, type);
    m_type->setCurrentIndex(qMax(0, m_type->findData(type)));
    if (f.createdFrom.isValid() || f.createdTo.isValid()) {
        // A saved relative range was stored as its absolute bounds: it comes back as a custom range.
        const QDateTime from = f.createdFrom.isValid() ? f.createdFrom : f.createdTo.addDays(-1);
        const QDateTime to = f.createdTo.isValid() ? f.createdTo : QDateTime::currentDateTimeUtc().addSecs(3600);
        // QDateTimeEdit keeps minutes only when its display format has no seconds: keep them exact.
        m_from->setDisplayFormat(dateTimeFormat(TimePrecision::Seconds));
        m_to->setDisplayFormat(dateTimeFormat(TimePrecision::Seconds));
        setCustomRange(from, to);
    } else {
        m_time->setCurrentIndex(0);
        onTimeRangeActivated();
    }
    QString text = f.text;
    if (text.isEmpty() && f.ids.size() == 1)
        text = f.ids.constBegin()->toString(QUuid::WithoutBraces);
    m_search->setText(text);
    m_debounce.start(0);
}

void FilterBar::showTask(const QUuid &id)
{
    clear();
    m_search->setText(id.toString(QUuid::WithoutBraces));
    m_debounce.start(0); // no typing pause: it was not typed
}

void FilterBar::clear()
{
    for (QToolButton *toggle : std::as_const(m_priorityToggles))
        toggle->setChecked(false);
    for (QToolButton *toggle : std::as_const(m_statusToggles))
        toggle->setChecked(false);
    m_type->setCurrentIndex(0);
    m_time->setCurrentIndex(0);
    onTimeRangeActivated();
    m_search->clear();
    m_debounce.start(0);
}

} // namespace taskmill
