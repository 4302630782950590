// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "settings/AppSettings.h"

#include <QSettings>

namespace taskmill {

namespace {
// Keys are part of the settings file format: renaming one loses the user's value.
constexpr auto ProfileName = "profile/name";
constexpr auto ProfileUrl = "profile/url";
constexpr auto ProfileKind = "profile/kind";
constexpr auto WindowGeometry = "window/geometry";
constexpr auto WindowState = "window/state";
constexpr auto TaskTableState = "window/taskTable";

QString key(const char *k)
{
    return QString::fromLatin1(k);
}
} // namespace

AppSettings::AppSettings(QSettings &settings)
    : m_settings(settings)
{
}

ConnectionProfile AppSettings::lastProfile() const
{
    ConnectionProfile profile;
    profile.name = m_settings.value(key(ProfileName), QStringLiteral("local")).toString();
    profile.baseUrl = m_settings.value(key(ProfileUrl), ConnectionProfile::defaultLocalUrl()).toUrl();
    if (!profile.baseUrl.isValid() || profile.baseUrl.isRelative())
        profile.baseUrl = ConnectionProfile::defaultLocalUrl();
    const QString kind = m_settings.value(key(ProfileKind), QStringLiteral("local")).toString();
    profile.kind = kind == u"remote" ? ConnectionProfile::Kind::Remote : ConnectionProfile::Kind::Local;
    return profile;
}

void AppSettings::setLastProfile(const ConnectionProfile &profile)
{
    m_settings.setValue(key(ProfileName), profile.name);
    m_settings.setValue(key(ProfileUrl), profile.baseUrl.toString(QUrl::RemoveUserInfo));
    m_settings.setValue(key(ProfileKind), profile.kind == ConnectionProfile::Kind::Remote ? QStringLiteral("remote")
                                                                                          : QStringLiteral("local"));
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(key(WindowGeometry)).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(key(WindowGeometry), geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(key(WindowState)).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(key(WindowState), state);
}

QByteArray AppSettings::taskTableState() const
{
    return m_settings.value(key(TaskTableState)).toByteArray();
}

void AppSettings::setTaskTableState(const QByteArray &state)
{
    m_settings.setValue(key(TaskTableState), state);
}

void AppSettings::sync()
{
    m_settings.sync();
}

} // namespace taskmill
