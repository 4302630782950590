// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/LanguageMenu.h"

#include "settings/AppSettings.h"

#include <QActionGroup>
#include <QLocale>
#include <QMessageBox>

namespace taskmill {

LanguageMenu::LanguageMenu(AppSettings &settings, QWidget *parent)
    : QMenu(tr("&Language"), parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(this);
    group->setExclusive(true);
    const QString current = settings.language();
    for (const QString &code : languageCodes()) {
        // Endonyms on purpose: someone stuck in a language they cannot read still finds their own.
        const QString label = code.isEmpty() ? tr("System", "language") : QLocale(code).nativeLanguageName();
        QAction *action = addAction(label.left(1).toUpper() + label.mid(1));
        action->setCheckable(true);
        action->setChecked(code == current);
        action->setData(code);
        action->setObjectName(QStringLiteral("language_") + (code.isEmpty() ? QStringLiteral("system") : code));
        group->addAction(action);
        if (code.isEmpty())
            addSeparator();
    }
    connect(group, &QActionGroup::triggered, this, &LanguageMenu::onActionTriggered);
}

QStringList LanguageMenu::languageCodes()
{
    return {QString(), QStringLiteral("en"), QStringLiteral("ru")};
}

void LanguageMenu::onActionTriggered(QAction *action)
{
    const QString code = action->data().toString();
    if (code == m_settings.language())
        return;
    m_settings.setLanguage(code);
    m_settings.sync();
    emit languageChosen(code);
    auto *box = new QMessageBox(QMessageBox::Information, tr("Language"),
                                tr("The language changes the next time Taskmill starts."), QMessageBox::Ok,
                                parentWidget());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // not exec(): no nested event loop while events keep arriving
}

} // namespace taskmill
