// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/DeadLetterFilter.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QToolButton;

namespace taskmill {

// The search row of the Dead Letters page, the counterpart of the Tasks page's filter bar: text (error, title
// or id, as the server reads `q`), one type and one priority, and Clear. Typing settles for DebounceMs before
// filterChanged(); the combos apply at once. The type list grows with the types the groups have shown
// (addKnownTypes), so a type stays pickable after a search hid its groups. Wraps on narrow windows.
class DeadLetterFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterFilterBar)

public:
    static constexpr int DebounceMs = 300;

    explicit DeadLetterFilterBar(QWidget *parent = nullptr);

    DeadLetterFilter filter() const; // types, priorities and text; never `error` (the group's)
    void addKnownTypes(const QStringList &types);
    void clear();

    QLineEdit *searchField() const { return m_search; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *priorityBox() const { return m_priority; }

signals:
    void filterChanged(const taskmill::DeadLetterFilter &filter);

private:
    void emitIfChanged();

    QLineEdit *m_search = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_priority = nullptr;
    QToolButton *m_clear = nullptr;
    QTimer m_debounce;
    QSet<QString> m_knownTypes;
    DeadLetterFilter m_last;
};

} // namespace taskmill
