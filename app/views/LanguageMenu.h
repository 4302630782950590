// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QMenu>

namespace taskmill {

class AppSettings;

// View → Language: System / English / Русский. The choice is stored in AppSettings and applies at the
// next start (main picks the translator before any widget exists; retranslating every open widget
// live would need a changeEvent in each of them). Language names are shown in their own language.
class LanguageMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageMenu)

public:
    LanguageMenu(AppSettings &settings, QWidget *parent = nullptr);

    // Codes with a shipped translation, "" meaning the system locale.
    static QStringList languageCodes();

signals:
    void languageChosen(const QString &code);

private:
    void onActionTriggered(QAction *action);

    AppSettings &m_settings;
};

} // namespace taskmill
