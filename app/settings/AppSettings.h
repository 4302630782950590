// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

class QSettings;

namespace taskmill {

// Typed access to the app's QSettings: connection profiles and which one is current, the language
// override, window geometry and table column state. Never holds secrets: passwords and tokens belong
// in a SecretStore, and a URL's user info is stripped before it is written. The QSettings object is
// injected so tests can use a temporary file.
class AppSettings final
{
public:
    explicit AppSettings(QSettings &settings);

    // The built-in Local profile first (as edited, or ConnectionProfile::local()), then the remote
    // profiles in the order they were saved. Entries without a usable URL are skipped.
    QList<ConnectionProfile> profiles() const;
    // Replaces every stored profile. A missing Local profile is kept as it was; a profile without an id
    // gets one. Returns what was stored (with ids).
    QList<ConnectionProfile> setProfiles(const QList<ConnectionProfile> &profiles);
    std::optional<ConnectionProfile> profile(const QString &name) const; // exact name
    QStringList profileNames() const;

    // The profile the app used last (by id), or Local on first start.
    ConnectionProfile currentProfile() const;
    void setCurrentProfile(const ConnectionProfile &profile);

    // "" follows the system locale; otherwise a language code with a shipped translation ("en", "ru").
    QString language() const;
    void setLanguage(const QString &code);
    // "system" (or "") follows the desktop; "light" or "dark" (views/Theme).
    QString theme() const;
    void setTheme(const QString &choice);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray taskTableState() const; // QHeaderView::saveState()
    void setTaskTableState(const QByteArray &state);

    // -- monitor: tray notifications and closing to the tray --
    // A queue threshold of 0 turns that notification off; thresholds are per priority (LOW, MEDIUM, HIGH).
    struct MonitorPreferences
    {
        bool notifyDeadLetters = true;
        std::array<int, 3> queueThresholds{0, 0, 0};
        bool closeToTray = false;
        bool operator==(const MonitorPreferences &) const = default;
    };
    MonitorPreferences monitorPreferences() const;
    void setMonitorPreferences(const MonitorPreferences &preferences);
    QByteArray eventsPanelState() const; // QHeaderView::saveState() of the events table
    void setEventsPanelState(const QByteArray &state);
    // -- end monitor --

    // -- saved filters of the Tasks page, in the user's order; the query is TaskFilter::addToQuery's text --
    struct SavedFilter
    {
        QString name;
        QString query;
        bool operator==(const SavedFilter &) const = default;
    };
    QList<SavedFilter> savedFilters() const;
    void setSavedFilters(const QList<SavedFilter> &filters); // replaces all

    void sync();

private:
    QSettings &m_settings;
};

} // namespace taskmill
