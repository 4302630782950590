// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QWidget;

namespace taskmill {

class AppSettings;
class FilterBar;

// Named filters of the Tasks page (Tasks → Saved Filters): save the filter bar's current filter under a
// name, apply one (Ctrl+Alt+1…9 for the first nine), rename or delete them in a small dialog. They live in
// AppSettings as TaskFilter query strings, so a saved filter means the same as the list endpoint's query.
class SavedFilterActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedFilterActions)

public:
    static constexpr int ShortcutCount = 9; // Ctrl+Alt+1…9; Ctrl+1…9 switch pages

    SavedFilterActions(FilterBar &filterBar, AppSettings &settings, QWidget *dialogParent);

    QMenu *menu() const { return m_menu; }
    QAction *saveAction() const { return m_save; }
    QAction *manageAction() const { return m_manage; }

    QStringList names() const;
    // Stores the filter bar's current filter; an existing filter of that name is replaced in place.
    void saveCurrent(const QString &name);
    bool apply(int index);                         // false if there is no such entry or its query is invalid
    bool rename(int index, const QString &newName); // false for an empty name or one already taken
    void remove(int index);

private:
    void askNameAndSave();
    void showManageDialog();
    void rebuildMenu();

    FilterBar &m_filterBar;
    AppSettings &m_settings;
    QWidget *m_dialogParent;
    QMenu *m_menu = nullptr;
    QAction *m_save = nullptr;
    QAction *m_manage = nullptr;
};

} // namespace taskmill
