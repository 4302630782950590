// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "settings/AppSettings.h"

#include "model/Task.h"

#include <QSettings>

#include <algorithm>

namespace taskmill {

namespace {
// Keys are part of the settings file format: renaming one loses the user's value.
constexpr auto ProfilesArray = "profiles";
constexpr auto ProfileId = "id";
constexpr auto ProfileName = "name";
constexpr auto ProfileUrl = "url";
constexpr auto ProfileKind = "kind";
constexpr auto ProfileUser = "user";
constexpr auto ProfileAuth = "auth";
constexpr auto ProfileVerifyPeer = "verifyPeer";
constexpr auto ProfileCaFile = "caCertificateFile";
constexpr auto ProfilePinnedKeys = "pinnedKeys";
constexpr auto CurrentProfile = "connection/current";
constexpr auto Language = "ui/language";
constexpr auto ThemeKey = "ui/theme";
constexpr auto WindowGeometry = "window/geometry";
constexpr auto WindowState = "window/state";
constexpr auto TaskTableState = "window/taskTable";
constexpr auto SavedFiltersArray = "savedFilters";
constexpr auto SavedFilterName = "name";
constexpr auto SavedFilterQuery = "query";

QString key(const char *k)
{
    return QString::fromLatin1(k);
}

QString authName(ConnectionProfile::Auth auth)
{
    switch (auth) {
    case ConnectionProfile::Auth::Password: return QStringLiteral("password");
    case ConnectionProfile::Auth::Token: return QStringLiteral("token");
    case ConnectionProfile::Auth::None: break;
    }
    return QStringLiteral("none");
}

ConnectionProfile::Auth authFromName(const QString &name)
{
    if (name == u"password")
        return ConnectionProfile::Auth::Password;
    if (name == u"token")
        return ConnectionProfile::Auth::Token;
    return ConnectionProfile::Auth::None;
}

// A URL's user info may hold a password typed into a URL field: it never reaches the file.
QString storableUrl(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo);
}
} // namespace

AppSettings::AppSettings(QSettings &settings)
    : m_settings(settings)
{
}

QList<ConnectionProfile> AppSettings::profiles() const
{
    QList<ConnectionProfile> remote;
    std::optional<ConnectionProfile> local;
    const int size = m_settings.beginReadArray(key(ProfilesArray));
    for (int i = 0; i < size; ++i) {
        m_settings.setArrayIndex(i);
        ConnectionProfile p;
        p.id = QUuid(m_settings.value(key(ProfileId)).toString());
        p.name = m_settings.value(key(ProfileName)).toString();
        p.baseUrl = QUrl(m_settings.value(key(ProfileUrl)).toString());
        p.kind = m_settings.value(key(ProfileKind)).toString() == u"local" ? ConnectionProfile::Kind::Local
                                                                            : ConnectionProfile::Kind::Remote;
        p.user = m_settings.value(key(ProfileUser)).toString();
        p.auth = authFromName(m_settings.value(key(ProfileAuth)).toString());
        p.verifyPeer = m_settings.value(key(ProfileVerifyPeer), true).toBool();
        p.caCertificateFile = m_settings.value(key(ProfileCaFile)).toString();
        p.pinnedKeys = m_settings.value(key(ProfilePinnedKeys)).toStringList();
        p.pinnedKeys.removeAll(QString());
        if (!p.baseUrl.isValid() || p.baseUrl.isRelative() || p.name.isEmpty())
            continue; // hand-edited or damaged entry: better lost than crashing the start
        if (p.id.isNull())
            p.id = QUuid::createUuidV5(QUuid(), p.name); // stable, so its secret is found again
        if (p.kind == ConnectionProfile::Kind::Local)
            local = p;
        else
            remote.append(p);
    }
    m_settings.endArray();
    return QList<ConnectionProfile>{local.value_or(ConnectionProfile::local())} + remote;
}

QList<ConnectionProfile> AppSettings::setProfiles(const QList<ConnectionProfile> &profiles)
{
    QList<ConnectionProfile> stored;
    bool hasLocal = false;
    for (ConnectionProfile p : profiles) {
        if (p.id.isNull())
            p.id = QUuid::createUuid();
        hasLocal = hasLocal || p.kind == ConnectionProfile::Kind::Local;
        stored.append(p);
    }
    if (!hasLocal)
        stored.prepend(this->profiles().constFirst());

    m_settings.remove(key(ProfilesArray));
    m_settings.beginWriteArray(key(ProfilesArray), int(stored.size()));
    for (int i = 0; i < stored.size(); ++i) {
        const ConnectionProfile &p = stored.at(i);
        m_settings.setArrayIndex(i);
        m_settings.setValue(key(ProfileId), p.id.toString(QUuid::WithoutBraces));
        m_settings.setValue(key(ProfileName), p.name);
        m_settings.setValue(key(ProfileUrl), storableUrl(p.baseUrl));
        m_settings.setValue(key(ProfileKind), p.kind == ConnectionProfile::Kind::Local ? QStringLiteral("local")
                                                                                       : QStringLiteral("remote"));
        m_settings.setValue(key(ProfileUser), p.user);
        m_settings.setValue(key(ProfileAuth), authName(p.auth));
        m_settings.setValue(key(ProfileVerifyPeer), p.verifyPeer);
        m_settings.setValue(key(ProfileCaFile), p.caCertificateFile);
        if (!p.pinnedKeys.isEmpty())
            m_settings.setValue(key(ProfilePinnedKeys), p.pinnedKeys);
    }
    m_settings.endArray();
    return stored;
}

std::optional<ConnectionProfile> AppSettings::profile(const QString &name) const
{
    for (const ConnectionProfile &p : profiles())
        if (p.name == name)
            return p;
    return std::nullopt;
}

QStringList AppSettings::profileNames() const
{
    QStringList names;
    for (const ConnectionProfile &p : profiles())
        names.append(p.name);
    return names;
}

ConnectionProfile AppSettings::currentProfile() const
{
    const QList<ConnectionProfile> all = profiles();
    const QUuid id(m_settings.value(key(CurrentProfile)).toString());
    for (const ConnectionProfile &p : all)
        if (p.id == id)
            return p;
    return all.constFirst();
}

void AppSettings::setCurrentProfile(const ConnectionProfile &profile)
{
    // A profile given only on the command line has no id and is not remembered.
    if (!profile.id.isNull())
        m_settings.setValue(key(CurrentProfile), profile.id.toString(QUuid::WithoutBraces));
}

QString AppSettings::theme() const
{
    return m_settings.value(key(ThemeKey)).toString();
}

void AppSettings::setTheme(const QString &choice)
{
    m_settings.setValue(key(ThemeKey), choice);
}

QString AppSettings::language() const
{
    return m_settings.value(key(Language)).toString();
}

void AppSettings::setLanguage(const QString &code)
{
    if (code.isEmpty())
        m_settings.remove(key(Language));
    else
        m_settings.setValue(key(Language), code);
}

QList<AppSettings::SavedFilter> AppSettings::savedFilters() const
{
    QList<SavedFilter> filters;
    const int size = m_settings.beginReadArray(key(SavedFiltersArray));
    for (int i = 0; i < size; ++i) {
        m_settings.setArrayIndex(i);
        SavedFilter f{m_settings.value(key(SavedFilterName)).toString(), m_settings.value(key(SavedFilterQuery)).toString()};
        if (!f.name.isEmpty())
            filters << f;
    }
    m_settings.endArray();
    return filters;
}

void AppSettings::setSavedFilters(const QList<SavedFilter> &filters)
{
    // remove() first: a shorter array would otherwise keep the old tail's entries in the file.
    m_settings.remove(key(SavedFiltersArray));
    m_settings.beginWriteArray(key(SavedFiltersArray), int(filters.size()));
    for (int i = 0; i < filters.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(key(SavedFilterName), filters.at(i).name);
        m_settings.setValue(key(SavedFilterQuery), filters.at(i).query);
    }
    m_settings.endArray();
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

// -- monitor --
AppSettings::MonitorPreferences AppSettings::monitorPreferences() const
{
    MonitorPreferences p;
    p.notifyDeadLetters = m_settings.value(QStringLiteral("monitor/notifyDeadLetters"), p.notifyDeadLetters).toBool();
    p.closeToTray = m_settings.value(QStringLiteral("monitor/closeToTray"), p.closeToTray).toBool();
    for (Priority priority : allPriorities())
        p.queueThresholds[size_t(priority)] =
            std::max(0, m_settings.value(QStringLiteral("monitor/queueThreshold/") + toString(priority), 0).toInt());
    return p;
}

void AppSettings::setMonitorPreferences(const MonitorPreferences &preferences)
{
    m_settings.setValue(QStringLiteral("monitor/notifyDeadLetters"), preferences.notifyDeadLetters);
    m_settings.setValue(QStringLiteral("monitor/closeToTray"), preferences.closeToTray);
    for (Priority priority : allPriorities())
        m_settings.setValue(QStringLiteral("monitor/queueThreshold/") + toString(priority),
                            std::max(0, preferences.queueThresholds[size_t(priority)]));
}

QByteArray AppSettings::eventsPanelState() const
{
    return m_settings.value(QStringLiteral("window/eventsTable")).toByteArray();
}

void AppSettings::setEventsPanelState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/eventsTable"), state);
}
// -- end monitor --

void AppSettings::sync()
{
    m_settings.sync();
}

} // namespace taskmill
