// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/MimeMessage.h"

#include <QLocale>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr qsizetype MaxEncodedWordBytes = 45;  // 60 base64 characters + "=?UTF-8?B?" + "?=" = 72 <= 75 (RFC 2047)
constexpr qsizetype Base64LineChars = 76;      // RFC 2045
constexpr qsizetype MaxPlainHeaderChars = 900; // leaves room for the header name within 998 octets
constexpr qsizetype MaxLineOctets = 998;       // RFC 5322
const QByteArray Crlf = "\r\n";

bool isPrintableAscii(const QString &s)
{
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    out.reserve(b64.size() + b64.size() / Base64LineChars * 2 + 2);
    for (qsizetype i = 0; i < b64.size(); i += Base64LineChars)
        out += b64.mid(i, Base64LineChars) + Crlf;
    return out;
}

QByteArray withCrlf(const QString &text)
{
    QString normalized = text;
    normalized.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    return normalized.toUtf8().replace("\n", Crlf);
}

// A text/plain part's headers and content: 7bit when ASCII with short lines, else base64.
QByteArray textPart(const QString &body)
{
    const QByteArray crlf = withCrlf(body);
    const bool plain = isPrintableAscii(QString(body).remove(u'\n').remove(u'\r').remove(u'\t'))
        && std::ranges::all_of(crlf.split('\n'), [](const QByteArray &l) { return l.size() <= MaxLineOctets; });
    QByteArray part = "Content-Type: text/plain; charset=UTF-8" + Crlf;
    if (plain)
        return part + "Content-Transfer-Encoding: 7bit" + Crlf + Crlf + crlf + (crlf.endsWith(Crlf) ? QByteArray() : Crlf);
    return part + "Content-Transfer-Encoding: base64" + Crlf + Crlf + base64Lines(body.toUtf8());
}

// Content-Type and Content-Disposition of an attachment; RFC 2231 filename*= for non-ASCII names.
QByteArray attachmentPart(const MailAttachment &a)
{
    static const QMimeDatabase mimeTypes;
    const QString type = mimeTypes.mimeTypeForFile(a.fileName, QMimeDatabase::MatchExtension).name();
    QByteArray part = "Content-Type: " + type.toLatin1();
    QString quoted = a.fileName;
    quoted.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    if (isPrintableAscii(a.fileName)) {
        part += "; name=\"" + quoted.toLatin1() + '"' + Crlf;
        part += "Content-Disposition: attachment; filename=\"" + quoted.toLatin1() + '"' + Crlf;
    } else {
        part += Crlf + "Content-Disposition: attachment;" + Crlf
            + " filename*=UTF-8''" + a.fileName.toUtf8().toPercentEncoding() + Crlf;
    }
    return part + "Content-Transfer-Encoding: base64" + Crlf + Crlf + base64Lines(a.content);
}
} // namespace

QByteArray encodeHeaderText(const QString &text)
{
    QString flat = text;
    flat.replace(u"\r\n"_s, u" "_s).replace(u'\r', u' ').replace(u'\n', u' ');
    if (isPrintableAscii(flat) && flat.size() <= MaxPlainHeaderChars)
        return flat.toLatin1();

    // Split between characters, never inside a UTF-8 sequence or a surrogate pair: each word must decode alone.
    QByteArrayList words;
    QByteArray chunk;
    for (qsizetype i = 0; i < flat.size(); ++i) {
        const bool pair = flat.at(i).isHighSurrogate() && i + 1 < flat.size();
        const QByteArray ch = QStringView(flat).mid(i, pair ? 2 : 1).toUtf8();
        i += pair ? 1 : 0;
        if (chunk.size() + ch.size() > MaxEncodedWordBytes) {
            words.append(chunk);
            chunk.clear();
        }
        chunk += ch;
    }
    if (!chunk.isEmpty())
        words.append(chunk);
    QByteArray out;
    for (const QByteArray &w : words)
        out += (out.isEmpty() ? QByteArray() : QByteArray(Crlf + ' ')) + "=?UTF-8?B?" + w.toBase64() + "?=";
    return out;
}

bool isMailAddress(const QString &address)
{
    // One per call: handlers run on many worker threads, and compiling this is cheap next to an SMTP session.
    const QRegularExpression pattern(
        uR"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$)"_s);
    constexpr qsizetype MaxAddressChars = 254; // RFC 5321 path limit
    return address.size() <= MaxAddressChars && pattern.match(address).hasMatch();
}

QByteArray buildMimeMessage(const MailMessage &m)
{
    // Day and month names must be English whatever the executor's locale is.
    const QString date = QLocale::c().toString(m.date.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss"_s) + u" +0000"_s;
    QByteArray out = "Date: " + date.toLatin1() + Crlf;
    out += "Message-ID: " + m.messageId.toLatin1() + Crlf;
    out += "From: " + m.from.toLatin1() + Crlf;
    out += "To: " + m.to.join(u",\r\n "_s).toLatin1() + Crlf;
    if (!m.subject.isEmpty())
        out += "Subject: " + encodeHeaderText(m.subject) + Crlf;
    out += "MIME-Version: 1.0" + Crlf;
    if (m.attachments.isEmpty())
        return out + textPart(m.body);

    const QByteArray boundary = "=_taskmill_" + QUuid::createUuid().toByteArray(QUuid::Id128);
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + '"' + Crlf + Crlf;
    out += "This is a multi-part message in MIME format." + Crlf;
    if (!m.body.isEmpty())
        out += "--" + boundary + Crlf + textPart(m.body);
    for (const MailAttachment &a : m.attachments)
        out += "--" + boundary + Crlf + attachmentPart(a);
    return out + "--" + boundary + "--" + Crlf;
}

} // namespace taskmill
