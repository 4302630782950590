// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/DeadLetterFilterBar.h"

#include "views/FlowLayout.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

#include <algorithm>

namespace taskmill {

namespace {
// Wide enough for an id's short form or a few words of an error; the row wraps before it squeezes.
constexpr int SearchMinWidthPx = 220;
} // namespace

DeadLetterFilterBar::DeadLetterFilterBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("deadLetterFilterBar"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("deadLetterSearch"));
    m_search->setPlaceholderText(tr("Search error, title or id (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search dead letters"));
    m_search->setClearButtonEnabled(true);
    // The whole hint stays readable in either language.
    m_search->setMinimumWidth(std::max(SearchMinWidthPx, m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 40));
    m_search->setMaxLength(64); // the server's limit on q (longer is a 422)

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("deadLetterTypeFilter"));
    m_type->setAccessibleName(tr("Task type"));
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_type->addItem(tr("All types"), QString());

    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("deadLetterPriorityFilter"));
    m_priority->setAccessibleName(tr("Priority"));
    m_priority->addItem(tr("All priorities"), -1);
    m_priority->addItem(tr("High"), int(Priority::High));
    m_priority->addItem(tr("Medium"), int(Priority::Medium));
    m_priority->addItem(tr("Low"), int(Priority::Low));

    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("deadLetterClearFilter"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show every dead letter again"));

    auto *layout = new FlowLayout(this, 6, 4);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->addWidget(m_search);
    layout->addWidget(m_type);
    layout->addWidget(m_priority);
    layout->addWidget(m_clear);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &DeadLetterFilterBar::emitIfChanged);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, &DeadLetterFilterBar::emitIfChanged);
    connect(m_type, &QComboBox::currentIndexChanged, this, &DeadLetterFilterBar::emitIfChanged);
    connect(m_priority, &QComboBox::currentIndexChanged, this, &DeadLetterFilterBar::emitIfChanged);
    connect(m_clear, &QToolButton::clicked, this, &DeadLetterFilterBar::clear);
    m_clear->setEnabled(false);
}

DeadLetterFilter DeadLetterFilterBar::filter() const
{
    DeadLetterFilter f;
    f.text = m_search->text().trimmed();
    if (const QString type = m_type->currentData().toString(); !type.isEmpty())
        f.types = {type};
    if (const int p = m_priority->currentData().toInt(); p >= 0)
        f.priorities = {Priority(p)};
    return f;
}

void DeadLetterFilterBar::addKnownTypes(const QStringList &types)
{
    for (const QString &type : types) {
        if (type.isEmpty() || m_knownTypes.contains(type))
            continue;
        m_knownTypes.insert(type);
        // Sorted after "All types"; inserting never changes the current choice's data.
        int row = 1;
        while (row < m_type->count() && m_type->itemData(row).toString() < type)
            ++row;
        const QSignalBlocker blocker(m_type);
        m_type->insertItem(row, type, type);
    }
}

void DeadLetterFilterBar::clear()
{
    {
        const QSignalBlocker b1(m_search), b2(m_type), b3(m_priority);
        m_search->clear();
        m_type->setCurrentIndex(0);
        m_priority->setCurrentIndex(0);
    }
    m_debounce.stop();
    emitIfChanged();
}

void DeadLetterFilterBar::emitIfChanged()
{
    m_debounce.stop();
    const DeadLetterFilter f = filter();
    m_clear->setEnabled(!f.isEmpty());
    if (f == m_last)
        return;
    m_last = f;
    emit filterChanged(f);
}

} // namespace taskmill
