// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TokenSecretDialog.h"

#include "models/CallerAccess.h"
#include "models/TimeFormat.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int DialogWidth = 560;
}

TokenSecretDialog::TokenSecretDialog(const CreatedToken &token, QWidget *parent)
    : TokenSecretDialog(textsFor(token), token.secret, parent)
{
}

TokenSecretDialog::TokenSecretDialog(const CreatedInvite &invite, QWidget *parent)
    : TokenSecretDialog(textsFor(invite), invite.code, parent)
{
}

TokenSecretDialog::Texts TokenSecretDialog::textsFor(const CreatedToken &token)
{
    return {QStringLiteral("tokenSecretDialog"), tr("API Token Created"),
            tr("The token %1 was created. Send it as \"Authorization: Bearer <token>\".").arg(token.info.name),
            tr("Copy it now: it is shown only this once. The server keeps only a hash of it and "
               "cannot show it again; if it is lost, revoke it and create a new one.")};
}

TokenSecretDialog::Texts TokenSecretDialog::textsFor(const CreatedInvite &invite)
{
    const QString role = CallerAccess::roleName(invite.info.role);
    const QString until = formatTime(invite.info.expiresAt);
    const QString intro = invite.info.email.isEmpty()
        ? tr("The invite was created. Whoever enters this code under Create Account… in the login dialog gets "
             "a %1 account; it works once, until %2.").arg(role, until)
        : tr("The invite was created for %3. Entering this code under Create Account… in the login dialog gives "
             "that address a %1 account; it works once, until %2.").arg(role, until, invite.info.email);
    return {QStringLiteral("inviteCodeDialog"), tr("Invite Created"), intro,
            tr("Copy it now and pass it on: it is shown only this once. The server keeps only a hash of it and "
               "cannot show it again; if it is lost, delete the invite and create a new one.")};
}

TokenSecretDialog::TokenSecretDialog(const Texts &texts, const QString &secret, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(texts.objectName);
    setWindowTitle(texts.title);

    auto *intro = new QLabel(texts.intro, this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setTextFormat(Qt::PlainText); // names and e-mails are admin-typed text
    intro->setWordWrap(true);

    m_warning = new QLabel(texts.warning, this);
    m_warning->setObjectName(QStringLiteral("warningLabel"));
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    QFont bold = m_warning->font();
    bold.setBold(true);
    m_warning->setFont(bold);
    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));

    m_secret = new QLineEdit(secret, this);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secret->setCursorPosition(0);
    m_copy = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    connect(m_copy, &QPushButton::clicked, this, &TokenSecretDialog::copySecret);
    m_copied = new QLabel(tr("Copied to the clipboard."), this);
    m_copied->setObjectName(QStringLiteral("copiedLabel"));
    m_copied->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &TokenSecretDialog::reject);

    auto *warningRow = new QHBoxLayout;
    warningRow->addWidget(icon, 0, Qt::AlignTop);
    warningRow->addWidget(m_warning, 1);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(warningRow);
    layout->addLayout(secretRow);
    layout->addWidget(m_copied);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(DialogWidth, sizeHint().height());
    m_secret->setFocus();
    m_secret->selectAll();
}

void TokenSecretDialog::copySecret()
{
    QGuiApplication::clipboard()->setText(m_secret->text());
    m_copied->show();
}

void TokenSecretDialog::done(int result)
{
    // The dialog may live on until its parent goes (WA_DeleteOnClose is the caller's choice): drop the secret now.
    m_secret->clear();
    QDialog::done(result);
}

} // namespace taskmill
