// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace taskmill {

struct MailAttachment
{
    QString fileName; // shown to the recipient; any Unicode (RFC 2231 encoded when not ASCII)
    QByteArray content;
};

// One e-mail as send_email builds it. Addresses are bare (user@example.org) and already checked with
// isMailAddress(): they go into headers verbatim.
struct MailMessage
{
    QString from;
    QStringList to;
    QString subject; // empty: no Subject header
    QString body;    // text/plain; empty and no attachments: an empty text part
    QList<MailAttachment> attachments;
    QString messageId; // with angle brackets
    QDateTime date;
};

// The RFC 5322 message with CRLF line endings: Date, Message-ID, From, To, Subject (RFC 2047 UTF-8 encoded
// words when not plain ASCII), MIME-Version, then a text/plain UTF-8 body, or multipart/mixed with the text
// and base64 attachments. Lines never exceed 998 octets; SMTP dot-stuffing is left to curl.
QByteArray buildMimeMessage(const MailMessage &message);

// `text` as a header value: unchanged when printable ASCII, else RFC 2047 "=?UTF-8?B?...?=" words of at most
// 75 characters folded onto continuation lines. Line breaks in `text` become spaces (no header injection).
QByteArray encodeHeaderText(const QString &text);

// A plain ASCII address local@domain without display name, comments, spaces or line breaks.
bool isMailAddress(const QString &address);

} // namespace taskmill
