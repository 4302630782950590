// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TokenSecretDialog.h"

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
    : QDialog(parent)
{
    setObjectName(QStringLiteral("tokenSecretDialog"));
    setWindowTitle(tr("API Token Created"));

    auto *intro = new QLabel(tr("The token %1 was created. Send it as \"Authorization: Bearer <token>\".").arg(token.info.name), this);
    intro->setObjectName(QStringLiteral("introLabel"));
    intro->setTextFormat(Qt::PlainText); // the name is admin-typed text
    intro->setWordWrap(true);

    m_warning = new QLabel(tr("Copy it now: it is shown only this once. The server keeps only a hash of it and "
                              "cannot show it again; if it is lost, revoke it and create a new one."),
                           this);
    m_warning->setObjectName(QStringLiteral("warningLabel"));
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    QFont bold = m_warning->font();
    bold.setBold(true);
    m_warning->setFont(bold);
    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));

    m_secret = new QLineEdit(token.secret, this);
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
