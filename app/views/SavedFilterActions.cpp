// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/SavedFilterActions.h"

#include "settings/AppSettings.h"
#include "views/FilterBar.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace taskmill {

SavedFilterActions::SavedFilterActions(FilterBar &filterBar, AppSettings &settings, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_filterBar(filterBar)
    , m_settings(settings)
    , m_dialogParent(dialogParent)
{
    m_menu = new QMenu(tr("Saved &Filters"), dialogParent);
    m_menu->setObjectName(QStringLiteral("savedFiltersMenu"));
    m_save = new QAction(tr("&Save Current Filter…"), this);
    m_save->setObjectName(QStringLiteral("saveFilterAction"));
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_save, &QAction::triggered, this, &SavedFilterActions::askNameAndSave);
    m_manage = new QAction(tr("&Manage Saved Filters…"), this);
    m_manage->setObjectName(QStringLiteral("manageFiltersAction"));
    connect(m_manage, &QAction::triggered, this, &SavedFilterActions::showManageDialog);
    rebuildMenu();
}

QStringList SavedFilterActions::names() const
{
    QStringList names;
    for (const AppSettings::SavedFilter &f : m_settings.savedFilters())
        names << f.name;
    return names;
}

void SavedFilterActions::saveCurrent(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return;
    QUrlQuery query;
    m_filterBar.filter().addToQuery(query);
    const AppSettings::SavedFilter saved{trimmed, query.toString(QUrl::FullyEncoded)};
    QList<AppSettings::SavedFilter> all = m_settings.savedFilters();
    auto it = std::find_if(all.begin(), all.end(), [&](const auto &f) { return f.name == trimmed; });
    if (it != all.end())
        *it = saved;
    else
        all << saved;
    m_settings.setSavedFilters(all);
    rebuildMenu();
}

bool SavedFilterActions::apply(int index)
{
    const QList<AppSettings::SavedFilter> all = m_settings.savedFilters();
    if (index < 0 || index >= all.size())
        return false;
    // A hand-edited settings file may hold anything: an invalid query leaves the bar as it is.
    const Result<TaskFilter> filter = TaskFilter::fromQuery(QUrlQuery(all.at(index).query));
    if (!filter)
        return false;
    m_filterBar.setFilter(*filter);
    return true;
}

bool SavedFilterActions::rename(int index, const QString &newName)
{
    QList<AppSettings::SavedFilter> all = m_settings.savedFilters();
    const QString trimmed = newName.trimmed();
    if (index < 0 || index >= all.size() || trimmed.isEmpty())
        return false;
    for (int i = 0; i < all.size(); ++i)
        if (i != index && all.at(i).name == trimmed)
            return false;
    all[index].name = trimmed;
    m_settings.setSavedFilters(all);
    rebuildMenu();
    return true;
}

void SavedFilterActions::remove(int index)
{
    QList<AppSettings::SavedFilter> all = m_settings.savedFilters();
    if (index < 0 || index >= all.size())
        return;
    all.removeAt(index);
    m_settings.setSavedFilters(all);
    rebuildMenu();
}

void SavedFilterActions::askNameAndSave()
{
    bool ok = false;
    const QString name = QInputDialog::getText(m_dialogParent, tr("Save Filter"), tr("Name:", "saved filter"),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok)
        saveCurrent(name);
}

void SavedFilterActions::showManageDialog()
{
    QDialog dialog(m_dialogParent);
    dialog.setWindowTitle(tr("Saved Filters"));
    auto *list = new QListWidget(&dialog);
    list->setObjectName(QStringLiteral("savedFiltersList"));
    auto refill = [this, list] {
        const int row = list->currentRow();
        list->clear();
        list->addItems(names()); // item text is plain text: a name never renders as markup
        list->setCurrentRow(qMin(row, list->count() - 1));
    };
    refill();
    auto *error = new QLabel(&dialog);
    error->setObjectName(QStringLiteral("savedFiltersError"));
    error->setWordWrap(true);
    error->hide();
    auto *renameButton = new QPushButton(tr("&Rename…"), &dialog);
    auto *deleteButton = new QPushButton(tr("&Delete", "saved filter"), &dialog);
    renameButton->setObjectName(QStringLiteral("renameSavedFilterButton"));
    deleteButton->setObjectName(QStringLiteral("deleteSavedFilterButton"));
    connect(renameButton, &QPushButton::clicked, &dialog, [this, list, refill, error, &dialog] {
        const int row = list->currentRow();
        if (row < 0)
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(&dialog, tr("Rename Filter"), tr("Name:", "saved filter"),
                                                   QLineEdit::Normal, list->currentItem()->text(), &ok);
        error->setVisible(ok && !rename(row, name));
        error->setText(tr("The name is empty or already used by another saved filter."));
        refill();
    });
    connect(deleteButton, &QPushButton::clicked, &dialog, [this, list, refill] {
        if (list->currentRow() >= 0)
            remove(list->currentRow());
        refill();
    });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(renameButton);
    buttons->addWidget(deleteButton);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(list);
    row->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(close, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(row);
    layout->addWidget(error);
    layout->addWidget(close);
    dialog.exec();
}

void SavedFilterActions::rebuildMenu()
{
    // Old entry actions are children of the menu and go with clear(); save/manage belong to this object.
    m_menu->clear();
    m_menu->addAction(m_save);
    m_menu->addAction(m_manage);
    const QStringList all = names();
    if (!all.isEmpty())
        m_menu->addSeparator();
    for (int i = 0; i < all.size(); ++i) {
        // The name is user text: escape '&' so it shows as typed instead of making a mnemonic.
        QString label = all.at(i);
        label.replace(u'&', QStringLiteral("&&"));
        QAction *action = m_menu->addAction(label, this, [this, i] { apply(i); });
        action->setObjectName(QStringLiteral("savedFilter_%1").arg(i));
        if (i < ShortcutCount)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(Qt::Key_1 + i)));
    }
}

} // namespace taskmill
