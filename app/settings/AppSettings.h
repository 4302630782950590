// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"

#include <QByteArray>

class QSettings;

namespace taskmill {

// Typed access to the app's QSettings: last connection profile, window geometry and table column
// state. Never holds secrets (tokens and passwords belong in the system keychain). The QSettings
// object is injected so tests can use a temporary file.
class AppSettings final
{
public:
    explicit AppSettings(QSettings &settings);

    // The last profile used, or a Local profile at ConnectionProfile::defaultLocalUrl() on first start.
    ConnectionProfile lastProfile() const;
    void setLastProfile(const ConnectionProfile &profile);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray taskTableState() const; // QHeaderView::saveState()
    void setTaskTableState(const QByteArray &state);

    void sync();

private:
    QSettings &m_settings;
};

} // namespace taskmill
