// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/SendEmailHandler.h"

#include "handlers/CurlSupport.h"
#include "handlers/FilesDirPath.h"
#include "handlers/MimeMessage.h"
#include "handlers/SchemaText.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr qint64 MaxAttachmentBytes = 25 * 1024 * 1024; // what common mail servers accept in one message
constexpr char MailProtocols[] = "smtp,smtps";
constexpr long FirstPermanentSmtpCode = 500; // 5yz replies are permanent (RFC 5321 4.2.1), 4yz transient

// Feeds the message to curl's upload.
struct Upload
{
    QByteArray data;
    qsizetype offset = 0;
};

size_t onRead(char *buffer, size_t size, size_t count, void *userp)
{
    auto *u = static_cast<Upload *>(userp);
    const qsizetype n = qMin(qsizetype(size * count), u->data.size() - u->offset);
    memcpy(buffer, u->data.constData() + u->offset, size_t(n));
    u->offset += n;
    return size_t(n);
}

// payload.to as a list of checked addresses.
Result<QStringList, QString> recipients(const QJsonValue &to)
{
    constexpr qsizetype MaxRecipients = 50;
    const QJsonArray list = to.isString() ? QJsonArray{to} : to.toArray();
    if (list.isEmpty() || list.size() > MaxRecipients)
        return u"payload.to must be an address or an array of 1 to 50 addresses"_s;
    QStringList out;
    for (const QJsonValue &v : list) {
        if (!isMailAddress(v.toString()))
            return u"payload.to: '%1' is not a plain e-mail address (user@example.org)"_s.arg(v.toString());
        out.append(v.toString());
    }
    return out;
}

// Reads payload.attached_files from inside files_dir; nothing is read unless every path is allowed.
Result<QList<MailAttachment>, QString> attachments(const QJsonArray &paths, const QString &filesDir)
{
    if (paths.isEmpty())
        return QList<MailAttachment>{};
    if (filesDir.isEmpty())
        return u"handlers.files_dir is not set"_s;
    QStringList resolved;
    for (const QJsonValue &p : paths) {
        const FilesDirPath path = resolveInFilesDir(filesDir, p.toString());
        if (!path.error.isEmpty())
            return QString(u"payload.attached_files: "_s + path.error);
        resolved.append(path.path);
    }
    QList<MailAttachment> out;
    qint64 total = 0;
    for (const QString &path : resolved) {
        QFile file(path);
        total += file.size();
        if (total > MaxAttachmentBytes)
            return u"payload.attached_files: more than %1 bytes together"_s.arg(MaxAttachmentBytes);
        if (!file.open(QIODevice::ReadOnly))
            return u"payload.attached_files: cannot read %1: %2"_s.arg(path, file.errorString());
        out.append({QFileInfo(path).fileName(), file.readAll()});
    }
    return out;
}
HandlerOutcome sendEmail(const Task &task, CancellationToken &token, const HandlerSettings &settings)
{
    const SmtpSettings &smtp = settings.smtp;
    if (smtp.url.isEmpty())
        return HandlerOutcome::failed(u"handlers.send_email.url is not set"_s, true);
    if (!isMailAddress(smtp.from))
        return HandlerOutcome::failed(u"handlers.send_email.from is not set to a plain address"_s, true);
    const QJsonObject &p = task.payload;
    if (!p.contains(u"subject"_s) && !p.contains(u"body"_s) && !p.contains(u"attached_files"_s))
        return HandlerOutcome::failed(u"payload needs at least one of subject, body, attached_files"_s, true);
    const Result<QStringList, QString> to = recipients(p.value(u"to"_s));
    if (!to)
        return HandlerOutcome::failed(to.error(), true);
    Result<QList<MailAttachment>, QString> files = attachments(p.value(u"attached_files"_s).toArray(), settings.filesDir);
    if (!files)
        return HandlerOutcome::failed(files.error(), true);

    MailMessage mail{smtp.from, *to, p.value(u"subject"_s).toString(), p.value(u"body"_s).toString(),
                     std::move(*files), {}, QDateTime::currentDateTimeUtc()};
    mail.messageId = u"<%1@%2>"_s.arg(task.id.toString(QUuid::WithoutBraces), smtp.from.section(u'@', 1));
    Upload upload{buildMimeMessage(mail)};

    CurlEasy easy = makeCurlEasy();
    CURL *e = easy.get();
    CurlList rcpt;
    for (const QString &a : *to)
        rcpt.append(QByteArray('<' + a.toLatin1() + '>'));
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray sender = '<' + smtp.from.toLatin1() + '>';
    curl_easy_setopt(e, CURLOPT_URL, smtp.url.toUtf8().constData());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, MailProtocols);
    // smtp:// upgrades with STARTTLS when the server offers it; require_tls refuses to send in clear.
    curl_easy_setopt(e, CURLOPT_USE_SSL, smtp.requireTls ? long(CURLUSESSL_ALL) : long(CURLUSESSL_TRY));
    // The certificate is always verified (peer and host name); a private relay's CA is named in ca_file.
    const QByteArray caFile = QFile::encodeName(smtp.caFile);
    if (!caFile.isEmpty())
        curl_easy_setopt(e, CURLOPT_CAINFO, caFile.constData());
    if (!smtp.username.isEmpty()) {
        curl_easy_setopt(e, CURLOPT_USERNAME, smtp.username.toUtf8().constData());
        curl_easy_setopt(e, CURLOPT_PASSWORD, smtp.password.toUtf8().constData());
    }
    curl_easy_setopt(e, CURLOPT_MAIL_FROM, sender.constData());
    curl_easy_setopt(e, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(e, CURLOPT_READFUNCTION, &onRead);
    curl_easy_setopt(e, CURLOPT_READDATA, &upload);
    curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.data.size()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(smtp.timeoutMs));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errorBuffer);

    const std::optional<CURLcode> code = performCancellable(e, token);
    if (!code)
        return HandlerOutcome::cancelled(u"cancelled while sending the e-mail"_s);
    if (*code != CURLE_OK) {
        long reply = 0;
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &reply);
        const QString why = u"SMTP %1: %2"_s.arg(smtp.url, curlErrorText(*code, errorBuffer));
        const bool permanent = reply >= FirstPermanentSmtpCode || !isRetryableCurlError(*code);
        return HandlerOutcome::failed(reply > 0 ? why + u" (reply %1)"_s.arg(reply) : why, permanent);
    }
    return HandlerOutcome::completed(QJsonObject{{u"accepted"_s, QJsonArray::fromStringList(*to)},
                                                 {u"message_id"_s, mail.messageId}});
}
} // namespace

BuiltinHandler sendEmailHandler()
{
    return {u"send_email"_s,
            u"Sends an e-mail through the SMTP server of [handlers.send_email], with attachments from "
            "handlers.files_dir. Needs `to` and at least one of subject, body, attached_files."_s,
            schemaFromText(R"({"type": "object", "required": ["to"], "properties": {
                "to": {"oneOf": [{"type": "string", "minLength": 3, "maxLength": 254},
                                 {"type": "array", "minItems": 1, "maxItems": 50,
                                  "items": {"type": "string", "minLength": 3, "maxLength": 254}}]},
                "subject": {"type": "string"},
                "body": {"type": "string"},
                "attached_files": {"type": "array", "minItems": 1, "maxItems": 20,
                                   "items": {"type": "string", "minLength": 1}}},
              "anyOf": [{"required": ["subject"]}, {"required": ["body"]}, {"required": ["attached_files"]}]})"),
            &sendEmail};
}

} // namespace taskmill
