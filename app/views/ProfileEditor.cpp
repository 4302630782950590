// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/ProfileEditor.h"

#include "client/PublicKeyPin.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace taskmill {

namespace {
using Field = ProfileValidator::Field;
using Auth = ConnectionProfile::Auth;
} // namespace

ProfileEditor::ProfileEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("profileName"));
    form->addRow(tr("&Name:"), m_name);
    addProblemLabel(form, Field::Name);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("profileUrl"));
    m_url->setPlaceholderText(tr("https://taskmill.example.com:8443"));
    form->addRow(tr("&URL:"), m_url);
    addProblemLabel(form, Field::Url);

    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("profileAuth"));
    m_auth->addItem(tr("None", "authentication"), int(Auth::None));
    m_auth->addItem(tr("User and password"), int(Auth::Password));
    m_auth->addItem(tr("API token"), int(Auth::Token));
    form->addRow(tr("Au&thentication:"), m_auth);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("profileUser"));
    form->addRow(tr("Us&er:"), m_user);
    addProblemLabel(form, Field::User);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("profileSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password or token:"), m_secret);
    m_remember = new QCheckBox(tr("Re&member in the system keychain"), this);
    m_remember->setObjectName(QStringLiteral("profileRemember"));
    m_remember->setChecked(true);
    form->addRow(QString(), m_remember);
    m_keychain = new QLabel(this);
    m_keychain->setObjectName(QStringLiteral("keychainStatus"));
    m_keychain->setWordWrap(true);
    m_keychain->hide();
    form->addRow(QString(), m_keychain);

    m_tls = new QGroupBox(tr("TLS (https)"), this);
    auto *tlsForm = new QFormLayout(m_tls);
    m_verifyPeer = new QCheckBox(tr("&Verify the server certificate"), m_tls);
    m_verifyPeer->setObjectName(QStringLiteral("profileVerifyPeer"));
    tlsForm->addRow(m_verifyPeer);
    m_caFile = new QLineEdit(m_tls);
    m_caFile->setObjectName(QStringLiteral("profileCaFile"));
    m_caFile->setPlaceholderText(tr("System certificates only"));
    auto *browse = new QPushButton(tr("&Browse…"), m_tls);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    // A layout as the field gets no automatic buddy: without one the mnemonic would show as "&".
    auto *caLabel = new QLabel(tr("E&xtra CA certificate:"), m_tls);
    caLabel->setBuddy(m_caFile);
    tlsForm->addRow(caLabel, caRow);
    addProblemLabel(tlsForm, Field::CaCertificate);
    m_pins = new QLineEdit(m_tls);
    m_pins->setObjectName(QStringLiteral("profilePinnedKeys"));
    m_pins->setPlaceholderText(tr("None (sha256//…, separated by commas)"));
    m_pins->setToolTip(tr("SHA-256 pins of the server's public key or of a CA key in its chain: only a server "
                          "holding one of these keys is used. Not secret."));
    m_pinCurrent = new QPushButton(tr("P&in current"), m_tls);
    m_pinCurrent->setObjectName(QStringLiteral("profilePinCurrent"));
    m_pinCurrent->setToolTip(tr("Fetch the key the server presents now, show it and pin it"));
    m_pinCurrent->setEnabled(false); // until setPinFetcher()
    auto *pinRow = new QHBoxLayout;
    pinRow->addWidget(m_pins, 1);
    pinRow->addWidget(m_pinCurrent);
    auto *pinLabel = new QLabel(tr("Pinned &keys:"), m_tls);
    pinLabel->setBuddy(m_pins);
    tlsForm->addRow(pinLabel, pinRow);
    addProblemLabel(tlsForm, Field::PinnedKeys);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_tls);
    layout->addStretch(1);

    for (QLineEdit *edit : {m_name, m_url, m_user, m_caFile, m_pins})
        connect(edit, &QLineEdit::textEdited, this, &ProfileEditor::edited);
    connect(m_url, &QLineEdit::textChanged, this, &ProfileEditor::updateEnabled);
    connect(m_secret, &QLineEdit::textEdited, this, [this] {
        m_secretChanged = true;
        emit edited();
    });
    connect(m_auth, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit edited();
    });
    connect(m_verifyPeer, &QCheckBox::toggled, this, &ProfileEditor::edited);
    connect(browse, &QPushButton::clicked, this, &ProfileEditor::onBrowseClicked);
    connect(m_pinCurrent, &QPushButton::clicked, this, &ProfileEditor::onPinCurrentClicked);
}

QLabel *ProfileEditor::addProblemLabel(QFormLayout *form, Field field)
{
    auto *label = new QLabel(this);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->hide();
    form->addRow(QString(), label);
    m_problems.insert(field, label);
    return label;
}

void ProfileEditor::setProfile(const ConnectionProfile &profile, const QString &secretHint)
{
    m_profile = profile;
    const QSignalBlocker blocker(this); // filling the form is not an edit
    m_name->setText(profile.name);
    // The Local profile keeps its name: scripts and --local refer to it.
    m_name->setReadOnly(profile.kind == ConnectionProfile::Kind::Local);
    m_url->setText(profile.baseUrl.toString());
    m_auth->setCurrentIndex(m_auth->findData(int(profile.auth)));
    m_user->setText(profile.user);
    m_secret->clear();
    m_secret->setPlaceholderText(secretHint);
    m_secretChanged = false;
    m_verifyPeer->setChecked(profile.verifyPeer);
    m_caFile->setText(profile.caCertificateFile);
    m_pins->setText(profile.pinnedKeys.join(QStringLiteral(", ")));
    showProblems({});
    updateEnabled();
}

ConnectionProfile ProfileEditor::profile() const
{
    ConnectionProfile p = m_profile;
    p.name = m_name->text().trimmed();
    p.baseUrl = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    p.auth = Auth(m_auth->currentData().toInt());
    p.user = m_user->text().trimmed();
    p.verifyPeer = m_verifyPeer->isChecked();
    p.caCertificateFile = m_caFile->text().trimmed();
    // Bare base64 becomes "sha256//…"; anything else stays as typed for the validator to name.
    p.pinnedKeys.clear();
    for (const QString &entry : PublicKeyPin::split(m_pins->text()))
        p.pinnedKeys.append(PublicKeyPin::normalised(entry).value_or(entry));
    p.pinnedKeys.removeDuplicates();
    return p;
}

QString ProfileEditor::secret() const
{
    return m_secret->text();
}

bool ProfileEditor::rememberSecret() const
{
    return m_remember->isChecked() && !m_keychainUnavailable;
}

void ProfileEditor::setKeychainUnavailable(const QString &message)
{
    m_keychainUnavailable = true;
    m_remember->setChecked(false);
    m_keychain->setText(tr("%1 Passwords and tokens are kept for this session only.").arg(message));
    m_keychain->show();
    updateEnabled();
}

void ProfileEditor::showProblems(const QList<ProfileValidator::Problem> &problems)
{
    for (QLabel *label : std::as_const(m_problems)) {
        label->clear();
        label->hide();
    }
    for (const ProfileValidator::Problem &problem : problems) {
        QLabel *label = m_problems.value(problem.field);
        label->setText(label->text().isEmpty() ? problem.message : label->text() + u'\n' + problem.message);
        label->show();
    }
    // Focus goes to the first field at fault, as a form should.
    if (!problems.isEmpty()) {
        switch (problems.first().field) {
        case Field::Name: m_name->setFocus(); break;
        case Field::Url: m_url->setFocus(); break;
        case Field::User: m_user->setFocus(); break;
        case Field::CaCertificate: m_caFile->setFocus(); break;
        case Field::PinnedKeys: m_pins->setFocus(); break;
        }
    }
}

QString ProfileEditor::problemText(Field field) const
{
    const QLabel *label = m_problems.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void ProfileEditor::updateEnabled()
{
    const Auth auth = Auth(m_auth->currentData().toInt());
    m_user->setEnabled(auth != Auth::None);
    m_secret->setEnabled(auth != Auth::None);
    m_remember->setEnabled(auth != Auth::None && !m_keychainUnavailable);
    m_tls->setEnabled(m_url->text().trimmed().startsWith(QStringLiteral("https:"), Qt::CaseInsensitive));
    m_pinCurrent->setEnabled(bool(m_pinFetcher));
}

void ProfileEditor::setPinFetcher(PinFetcher fetcher)
{
    m_pinFetcher = std::move(fetcher);
    updateEnabled();
}

void ProfileEditor::onBrowseClicked()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("CA Certificate"), m_caFile->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (file.isEmpty())
        return;
    m_caFile->setText(file);
    emit edited();
}

void ProfileEditor::onPinCurrentClicked()
{
    const ConnectionProfile p = profile();
    if (const QString problem = ProfileValidator::checkUrl(p.baseUrl); !problem.isEmpty()) {
        showProblems({{Field::Url, problem}});
        return;
    }
    m_pinCurrent->setEnabled(false); // one fetch at a time
    const QUuid id = m_profile.id;
    const QString url = p.baseUrl.toDisplayString();
    m_pinFetcher(p).then(this, [this, id, url](const Result<QString> &pin) {
        updateEnabled();
        if (m_profile.id != id)
            return; // the form shows another profile by now
        if (!pin) {
            showProblems({{Field::PinnedKeys, tr("Cannot fetch the server's key: %1").arg(pin.error().message)}});
            return;
        }
        showFetchedPin(url, *pin);
    });
}

void ProfileEditor::showFetchedPin(const QString &url, const QString &pin)
{
    // Shown before it is pinned: trusting whatever answers now is only as good as the network right now.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Pin the Server's Key"),
                                tr("%1 presents this public key:\n\n%2\n\nPin it only if it is the key you expect, "
                                   "e.g. the one your administrator gave you.")
                                    .arg(url, pin),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("pinConfirmation"));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *accept = box->addButton(tr("&Pin", "pin a public key"), QMessageBox::AcceptRole);
    connect(box, &QMessageBox::buttonClicked, this, [this, accept, pin](QAbstractButton *clicked) {
        if (clicked != accept)
            return;
        QStringList pins = profile().pinnedKeys;
        if (pins.contains(pin))
            return;
        pins.append(pin);
        m_pins->setText(pins.join(QStringLiteral(", ")));
        showProblems({});
        emit edited();
    });
    box->open();
}

} // namespace taskmill
