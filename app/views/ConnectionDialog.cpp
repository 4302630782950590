// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/ConnectionDialog.h"

#include "client/ProfileSecrets.h"
#include "settings/AppSettings.h"
#include "settings/ProfileValidator.h"
#include "views/ProfileEditor.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace taskmill {

ConnectionDialog::ConnectionDialog(AppSettings &settings, ProfileSecrets &secrets, const ConnectionProfile &current,
                                   QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
{
    setWindowTitle(tr("Connections"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_add = new QPushButton(tr("&Add"), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_editor = new ProfileEditor(this);
    m_buttons = new QDialogButtonBox(this);
    m_connect = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_save = m_buttons->addButton(QDialogButtonBox::Save);
    m_buttons->addButton(QDialogButtonBox::Cancel);
    m_connect->setDefault(true);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    left->addLayout(listButtons);
    auto *top = new QHBoxLayout;
    top->addLayout(left, 1);
    top->addWidget(m_editor, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_buttons);
    setTabOrder(m_list, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_editor);

    for (const ConnectionProfile &p : settings.profiles()) {
        m_entries.append(Entry{p, {}, false, true, {}, false});
        m_list->addItem(p.name);
    }
    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionDialog::onCurrentRowChanged);
    connect(m_add, &QPushButton::clicked, this, &ConnectionDialog::addProfile);
    connect(m_remove, &QPushButton::clicked, this, &ConnectionDialog::removeSelectedProfile);
    connect(m_connect, &QPushButton::clicked, this, [this] { save(true); });
    connect(m_save, &QPushButton::clicked, this, [this] { save(false); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &ProfileEditor::edited, this, [this] {
        commitEditor();
        refreshListItem(m_row);
    });

    int row = 0;
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).profile.id == current.id)
            row = i;
    m_list->setCurrentRow(row);
    resize(720, 460);
}

void ConnectionDialog::setPinFetcher(ProfileEditor::PinFetcher fetcher)
{
    m_editor->setPinFetcher(std::move(fetcher));
}

void ConnectionDialog::onCurrentRowChanged(int row)
{
    commitEditor();
    m_row = row;
    m_remove->setEnabled(row >= 0 && m_entries.at(row).profile.kind != ConnectionProfile::Kind::Local);
    m_editor->setEnabled(row >= 0);
    if (row < 0)
        return;
    const Entry &entry = m_entries.at(row);
    m_editor->setProfile(entry.profile, entry.secretHint);
    if (!entry.remember)
        m_editor->rememberBox()->setChecked(false);
    if (!m_keychainProblem.isEmpty())
        m_editor->setKeychainUnavailable(m_keychainProblem);
    if (!entry.hintLoaded)
        loadSecretHint(row);
}

void ConnectionDialog::commitEditor()
{
    if (m_row < 0 || m_row >= m_entries.size())
        return;
    Entry &entry = m_entries[m_row];
    entry.profile = m_editor->profile();
    if (m_editor->secretChanged()) {
        entry.secret = m_editor->secret();
        entry.secretChanged = true;
    }
    entry.remember = m_editor->rememberSecret();
}

void ConnectionDialog::loadSecretHint(int row)
{
    Entry &entry = m_entries[row];
    entry.hintLoaded = true;
    if (!entry.profile.needsSecret())
        return;
    // Reading the entry is also how the keychain's availability shows: QtKeychain has no cheaper probe.
    const bool session = m_secrets.hasSessionSecret(entry.profile);
    const QUuid id = entry.profile.id;
    m_secrets.load(entry.profile).then(this, [this, id, session](SecretResult result) {
        for (int i = 0; i < m_entries.size(); ++i) {
            if (m_entries.at(i).profile.id != id)
                continue;
            QString hint;
            if (result.ok())
                hint = session ? tr("kept for this session; type to replace") : tr("stored in the keychain; type to replace");
            else if (result.status == SecretResult::Status::NotFound)
                hint = tr("not stored");
            m_entries[i].secretHint = hint;
            if (result.status == SecretResult::Status::Unavailable && m_keychainProblem.isEmpty()) {
                m_keychainProblem = result.message;
                m_editor->setKeychainUnavailable(m_keychainProblem);
            }
            if (i == m_row && !m_editor->secretChanged())
                m_editor->secretEdit()->setPlaceholderText(hint);
        }
    });
}

void ConnectionDialog::addProfile()
{
    commitEditor();
    QString name = tr("New connection");
    for (int n = 2; m_settings.profileNames().contains(name) || names().contains(name); ++n)
        name = tr("New connection %1").arg(n);
    ConnectionProfile p{name, QUrl(QStringLiteral("https://")), ConnectionProfile::Kind::Remote};
    p.id = QUuid::createUuid();
    m_entries.append(Entry{p, {}, false, true, tr("not stored"), true});
    m_list->addItem(name);
    m_list->setCurrentRow(int(m_entries.size()) - 1);
    m_editor->urlEdit()->setFocus();
    m_editor->urlEdit()->selectAll();
}

void ConnectionDialog::removeSelectedProfile()
{
    const int row = m_list->currentRow();
    if (row < 0 || m_entries.at(row).profile.kind == ConnectionProfile::Kind::Local)
        return;
    m_removed.append(m_entries.at(row).profile);
    m_row = -1; // the form belongs to the row being removed: nothing to commit
    m_entries.removeAt(row);
    delete m_list->takeItem(row);
}

QStringList ConnectionDialog::names() const
{
    QStringList names;
    for (const Entry &entry : m_entries)
        names.append(entry.profile.name);
    return names;
}

void ConnectionDialog::refreshListItem(int row)
{
    if (QListWidgetItem *item = m_list->item(row))
        item->setText(m_entries.at(row).profile.name);
}

void ConnectionDialog::save(bool connect)
{
    commitEditor();
    for (int i = 0; i < m_entries.size(); ++i) {
        // A clash is blamed on the later of two profiles (usually the one being added), never on Local.
        const QStringList earlierNames = names().mid(0, i);
        const QList<ProfileValidator::Problem> problems = ProfileValidator::validate(m_entries.at(i).profile, earlierNames);
        if (problems.isEmpty())
            continue;
        m_list->setCurrentRow(i);
        m_editor->showProblems(problems);
        return;
    }
    m_editor->showProblems({});

    QList<ConnectionProfile> profiles;
    for (const Entry &entry : std::as_const(m_entries))
        profiles.append(entry.profile);
    const QList<ConnectionProfile> stored = m_settings.setProfiles(profiles);
    for (int i = 0; i < m_entries.size() && i < stored.size(); ++i)
        m_entries[i].profile = stored.at(i);
    m_settings.sync();
    for (const ConnectionProfile &removed : std::as_const(m_removed))
        m_secrets.forget(removed);
    m_removed.clear();
    emit profilesSaved();

    m_buttons->setEnabled(false); // one save at a time; the keychain may take a moment
    m_keychainRefused = false;
    m_pendingWrites = 1;          // released below, so a synchronous store cannot finish early
    for (int i = 0; i < m_entries.size(); ++i) {
        Entry &entry = m_entries[i];
        if (!entry.secretChanged)
            continue;
        ++m_pendingWrites;
        const ConnectionProfile profile = entry.profile;
        const QString secret = entry.secret;
        m_secrets.save(profile, secret, !entry.remember).then(this, [this, profile, secret, connect](SecretResult result) {
            for (Entry &e : m_entries) {
                if (e.profile.id != profile.id)
                    continue;
                e.secretChanged = false;
                if (result.status == SecretResult::Status::Unavailable) {
                    // Told in the dialog, which stays open: the user sees where the secret went.
                    m_secrets.keepForSession(profile, secret);
                    e.remember = false;
                    e.secretHint = tr("kept for this session; type to replace");
                    m_keychainProblem = result.message;
                    m_editor->setKeychainUnavailable(m_keychainProblem);
                    m_keychainRefused = true;
                }
            }
            if (--m_pendingWrites == 0)
                finishSave(connect);
        });
    }
    if (--m_pendingWrites == 0)
        finishSave(connect);
}

void ConnectionDialog::finishSave(bool connect)
{
    m_buttons->setEnabled(true);
    if (m_keychainRefused) {
        // The profiles are saved; the user reads where the secret went and presses again to go on.
        m_editor->keychainLabel()->setFocus();
        return;
    }
    if (connect && m_row >= 0)
        m_chosen = m_entries.at(m_row).profile;
    accept();
}

} // namespace taskmill
