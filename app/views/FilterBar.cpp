// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/FilterBar.h"

#include "models/TaskModel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>

namespace taskmill {

namespace {
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

    // Two rows so the bar stays narrow in languages with long status names.
    auto *priorities = new QHBoxLayout;
    priorities->setSpacing(2);
    for (taskmill::Priority p : allPriorities()) {
        QToolButton *toggle = addToggle(TaskModel::displayName(p), TaskModel::color(p),
                                        QStringLiteral("priorityToggle_%1").arg(toString(p)));
        m_priorityToggles.insert(p, toggle);
        priorities->addWidget(toggle);
    }
    priorities->addSpacing(12);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search title or description"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(200);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(SearchDebounceMs); });
    priorities->addWidget(m_search, 1);

    auto *statuses = new QHBoxLayout;
    statuses->setSpacing(2);
    for (taskmill::Status s : allStatuses()) {
        QToolButton *toggle = addToggle(TaskModel::displayName(s), TaskModel::color(s),
                                        QStringLiteral("statusToggle_%1").arg(toString(s)));
        m_statusToggles.insert(s, toggle);
        statuses->addWidget(toggle);
    }
    statuses->addStretch(1);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setVerticalSpacing(2);
    layout->addWidget(new QLabel(tr("Priority:"), this), 0, 0);
    layout->addLayout(priorities, 0, 1);
    layout->addWidget(new QLabel(tr("Status:"), this), 1, 0);
    layout->addLayout(statuses, 1, 1);
}

QToolButton *FilterBar::addToggle(const QString &text, const QColor &color, const QString &objectName)
{
    auto *toggle = new QToolButton(this);
    toggle->setObjectName(objectName);
    toggle->setText(text);
    toggle->setIcon(dotIcon(color));
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setCheckable(true);
    toggle->setAutoRaise(true);
    connect(toggle, &QToolButton::toggled, this, [this] { m_debounce.start(0); });
    return toggle;
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
    f.text = m_search->text().trimmed();
    return f;
}

void FilterBar::clear()
{
    for (QToolButton *toggle : std::as_const(m_priorityToggles))
        toggle->setChecked(false);
    for (QToolButton *toggle : std::as_const(m_statusToggles))
        toggle->setChecked(false);
    m_search->clear();
    m_debounce.start(0);
}

} // namespace taskmill
