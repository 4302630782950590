// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"
#include "settings/ProfileValidator.h"
#include "wire/Result.h"

#include <QFuture>
#include <QHash>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace taskmill {

// The form for one connection profile: name, URL, authentication (user, password or token, whether
// the secret is remembered in the keychain) and TLS options with pinned keys. Problems are shown under
// their field; the widget only edits values, saving is the dialog's job.
class ProfileEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileEditor)

public:
    // Fetches the key pin the server of a profile presents (BackendClient::serverKeyPin()); given by
    // whoever owns the network, so the form itself never talks to a server.
    using PinFetcher = std::function<QFuture<Result<QString>>(const ConnectionProfile &)>;

    explicit ProfileEditor(QWidget *parent = nullptr);

    // Fills the form; `secretHint` is shown as the placeholder of the empty secret field.
    void setProfile(const ConnectionProfile &profile, const QString &secretHint);
    ConnectionProfile profile() const; // the form's values on top of the profile last set

    QString secret() const;      // empty: keep the stored secret
    bool secretChanged() const { return m_secretChanged; }
    bool rememberSecret() const; // in the keychain, else for this session only
    // No keychain: the remember box is unchecked and disabled, and `message` says why.
    void setKeychainUnavailable(const QString &message);
    // Enables "Pin current": fetch the server's key, show it, and add it to the pins if the user agrees.
    void setPinFetcher(PinFetcher fetcher);

    void showProblems(const QList<ProfileValidator::Problem> &problems);
    QString problemText(ProfileValidator::Field field) const; // what is shown under a field

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *secretEdit() const { return m_secret; }
    QComboBox *authCombo() const { return m_auth; }
    QCheckBox *rememberBox() const { return m_remember; }
    QLabel *keychainLabel() const { return m_keychain; }
    QLineEdit *pinnedKeysEdit() const { return m_pins; }
    QPushButton *pinCurrentButton() const { return m_pinCurrent; }

signals:
    void edited();

private:
    QLabel *addProblemLabel(QFormLayout *form, ProfileValidator::Field field);
    void updateEnabled();
    void onBrowseClicked();
    void onPinCurrentClicked();
    void showFetchedPin(const QString &url, const QString &pin);

    ConnectionProfile m_profile;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_keychain = nullptr;
    QGroupBox *m_tls = nullptr;
    QCheckBox *m_verifyPeer = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_pins = nullptr;
    QPushButton *m_pinCurrent = nullptr;
    PinFetcher m_pinFetcher;
    QHash<ProfileValidator::Field, QLabel *> m_problems;
    bool m_secretChanged = false;
    bool m_keychainUnavailable = false;
};

} // namespace taskmill
