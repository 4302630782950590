// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/KeyboardNavigation.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace taskmill {

namespace {
QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(QStringLiteral("…")).remove(QStringLiteral("..."));
    // "&Refresh" → "Refresh", "Users && Tokens" → "Users & Tokens".
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01")).remove(u'&').replace(u'\x01', u'&');
    return text.trimmed();
}
} // namespace

KeyboardNavigation::KeyboardNavigation(QMainWindow &window, QTabWidget &pages, QWidget *tasksPage, QDockWidget *eventsDock)
    : QObject(&window), m_window(window), m_pages(pages), m_tasksPage(tasksPage), m_eventsDock(eventsDock)
{
    for (int i = 0; i < PageShortcutCount; ++i) {
        auto *action = new QAction(tr("Go to Page %1").arg(i + 1), this);
        action->setObjectName(QStringLiteral("goToPage%1Action").arg(i + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, [this, i] { goToPage(i); });
        window.addAction(action);
        m_pageActions.append(action);
    }
    m_find = new QAction(tr("Find on This Page"), this);
    m_find->setObjectName(QStringLiteral("findOnPageAction"));
    m_find->setShortcut(QKeySequence::Find);
    connect(m_find, &QAction::triggered, this, [this] {
        if (QLineEdit *field = searchField()) {
            field->setFocus(Qt::ShortcutFocusReason);
            field->selectAll();
        }
    });
    window.addAction(m_find);
    m_shortcuts = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcuts->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    m_shortcuts->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcuts, &QAction::triggered, this, &KeyboardNavigation::showShortcuts);
    connect(&m_pages, &QTabWidget::currentChanged, this, &KeyboardNavigation::updateFind);
    polish();
    updateFind();
}

void KeyboardNavigation::polish()
{
    for (QAbstractItemView *view : m_window.findChildren<QAbstractItemView *>())
        view->setTabKeyNavigation(false); // arrows move between cells; Tab leaves the table
    for (QAbstractButton *button : m_window.findChildren<QAbstractButton *>())
        if (button->text().isEmpty() && button->accessibleName().isEmpty() && !button->toolTip().isEmpty())
            button->setAccessibleName(button->toolTip());
}

void KeyboardNavigation::goToPage(int n)
{
    int visible = -1;
    for (int i = 0; i < m_pages.count(); ++i)
        if (m_pages.isTabVisible(i) && ++visible == n) {
            m_pages.setCurrentIndex(i);
            polish();
            return;
        }
}

void KeyboardNavigation::updateFind()
{
    // On the Tasks page the filter bar's own Ctrl+F acts; two enabled actions on one key would be ambiguous.
    m_find->setEnabled(m_pages.currentWidget() != m_tasksPage);
}

QLineEdit *KeyboardNavigation::searchField() const
{
    if (QWidget *page = m_pages.currentWidget())
        for (QLineEdit *edit : page->findChildren<QLineEdit *>())
            if (edit->isVisible() && edit->isEnabled() && !edit->isReadOnly())
                return edit;
    if (m_eventsDock && m_eventsDock->isVisible())
        for (QLineEdit *edit : m_eventsDock->findChildren<QLineEdit *>())
            if (edit->isVisible() && edit->isEnabled())
                return edit;
    return nullptr;
}

void KeyboardNavigation::showShortcuts()
{
    if (!m_dialog) {
        m_dialog = new QDialog(&m_window);
        m_dialog->setObjectName(QStringLiteral("shortcutsDialog"));
        m_dialog->setWindowTitle(tr("Keyboard Shortcuts"));
        auto *table = new QTableWidget(0, 2, m_dialog);
        table->setObjectName(QStringLiteral("shortcutsTable"));
        table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setTabKeyNavigation(false);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_dialog);
        connect(buttons, &QDialogButtonBox::rejected, m_dialog, &QDialog::reject);
        auto *layout = new QVBoxLayout(m_dialog);
        layout->addWidget(table);
        layout->addWidget(buttons);
        m_dialog->resize(520, 560);
    }
    // Every action of the window with a shortcut, named as in its menu; read now, so it matches what works.
    QList<QPair<QString, QString>> rows;
    for (const QAction *action : m_window.findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        const QPair<QString, QString> row{plainText(action), action->shortcut().toString(QKeySequence::NativeText)};
        if (!rows.contains(row))
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    auto *table = m_dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        table->setItem(r, 0, new QTableWidgetItem(rows.at(r).first));
        table->setItem(r, 1, new QTableWidgetItem(rows.at(r).second));
    }
    table->resizeColumnToContents(0);
    m_dialog->show();
    m_dialog->raise();
}

} // namespace taskmill
