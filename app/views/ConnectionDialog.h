// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"
#include "views/ProfileEditor.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QListWidget;
class QPushButton;

namespace taskmill {

class AppSettings;
class ProfileSecrets;

// File → Connect to…: the list of connection profiles (Local first) with add/remove, the selected
// one in a ProfileEditor. "Save" validates every profile (problems shown at the field, the first
// faulty profile selected), writes them to AppSettings and changed secrets to ProfileSecrets;
// "Connect" also chooses the selected profile. When the keychain refuses a secret the dialog stays
// open, says so, and keeps the secret for this session only.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    ConnectionDialog(AppSettings &settings, ProfileSecrets &secrets, const ConnectionProfile &current,
                     QWidget *parent = nullptr);

    // After "Connect": the profile to switch to (as saved, with its id).
    std::optional<ConnectionProfile> chosenProfile() const { return m_chosen; }

    QListWidget *profileList() const { return m_list; }
    ProfileEditor *editor() const { return m_editor; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    void addProfile();
    void removeSelectedProfile();
    // Enables the editor's "Pin current" (ConnectionSession fetches through a BackendClient).
    void setPinFetcher(ProfileEditor::PinFetcher fetcher);

signals:
    void profilesSaved();

private:
    struct Entry
    {
        ConnectionProfile profile;
        QString secret;
        bool secretChanged = false;
        bool remember = true;
        QString secretHint;
        bool hintLoaded = false;
    };

    void onCurrentRowChanged(int row);
    void commitEditor();
    void loadSecretHint(int row);
    void save(bool connect);
    void finishSave(bool connect);
    QStringList names() const; // of every entry, in list order
    void refreshListItem(int row);

    AppSettings &m_settings;
    ProfileSecrets &m_secrets;
    QList<Entry> m_entries;
    QList<ConnectionProfile> m_removed;
    int m_row = -1;
    QString m_keychainProblem; // set once the keychain refused an operation
    int m_pendingWrites = 0;
    bool m_keychainRefused = false; // during a save: some secret went to the session store instead
    std::optional<ConnectionProfile> m_chosen;

    QListWidget *m_list = nullptr;
    ProfileEditor *m_editor = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_connect = nullptr;
    QPushButton *m_save = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace taskmill
