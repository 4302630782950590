// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QList>
#include <QObject>

class QAction;
class QDialog;
class QDockWidget;
class QLineEdit;
class QMainWindow;
class QTabWidget;
class QWidget;

namespace taskmill {

// The main window's keyboard layer (issue 14): Tab moves between widgets instead of walking table cells,
// Ctrl+1…9 switch to the n-th visible page, Ctrl+F focuses the current page's own search field (the task
// filter bar has its own action on the Tasks page; elsewhere the page's first text field, else the Events
// panel's filter), and Help → Keyboard Shortcuts (F1) lists every action that has a shortcut, read from the
// actions themselves so the list cannot go stale. Icon-only buttons get their tooltip as accessible name.
class KeyboardNavigation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyboardNavigation)

public:
    static constexpr int PageShortcutCount = 9;

    // `tasksPage` keeps its own Ctrl+F (the filter bar's action); `eventsDock` may be null.
    KeyboardNavigation(QMainWindow &window, QTabWidget &pages, QWidget *tasksPage, QDockWidget *eventsDock);

    QList<QAction *> pageActions() const { return m_pageActions; }
    QAction *findAction() const { return m_find; }
    QAction *shortcutsAction() const { return m_shortcuts; }
    // Applies the Tab and accessible-name rules to widgets made after construction (pages load lazily).
    void polish();
    QDialog *shortcutsDialog() const { return m_dialog; } // null until first shown

private:
    void goToPage(int n);          // n-th visible tab, 0-based
    void updateFind();
    QLineEdit *searchField() const; // for the current page, or null
    void showShortcuts();

    QMainWindow &m_window;
    QTabWidget &m_pages;
    QWidget *m_tasksPage;
    QDockWidget *m_eventsDock;
    QList<QAction *> m_pageActions;
    QAction *m_find = nullptr;
    QAction *m_shortcuts = nullptr;
    QDialog *m_dialog = nullptr;
};

} // namespace taskmill
