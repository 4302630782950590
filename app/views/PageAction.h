// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QAction>
#include <QStyle>
#include <QWidget>

namespace taskmill {

// An action of one page (dead letters, handlers): icon from the page's style, added to the page, shortcuts
// active only within it — the same keys may mean something else on other pages of the window.
inline QAction *pageAction(QWidget *page, QStyle::StandardPixmap icon, const QString &text, const QString &name)
{
    auto *action = new QAction(page->style()->standardIcon(icon), text, page);
    action->setObjectName(name);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    page->addAction(action);
    return action;
}

} // namespace taskmill
