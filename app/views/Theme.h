// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QMenu>
#include <QPalette>

namespace taskmill {

class AppSettings;

// Light and dark appearance (issue 14). "system" keeps the platform's style and palette — dark when the
// desktop is dark — and the other two use Qt's Fusion style with a fixed palette, so the app looks the same
// on every desktop. Applied at start (main) and at once when chosen in View → Appearance.
class Theme final
{
public:
    static constexpr auto System = "system";
    static constexpr auto Light = "light";
    static constexpr auto Dark = "dark";

    static void apply(const QString &choice); // unknown or empty: system
    static QPalette darkPalette();
    static bool isDark(const QPalette &palette); // by the window colour's lightness
    // apply() also installs a style that draws a header's sort arrow the way users read it: ▼ for descending
    // (newest first), ▲ for ascending. Qt's own mapping is the reverse.
};

// View → Appearance: System / Light / Dark, stored in AppSettings and applied at once.
class ThemeMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThemeMenu)

public:
    ThemeMenu(AppSettings &settings, QWidget *parent = nullptr);

private:
    AppSettings &m_settings;
};

} // namespace taskmill
