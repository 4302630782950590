// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/DownloadFilesHandler.h"

#include "handlers/CurlSupport.h"
#include "handlers/SchemaText.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr int MaxUrls = 100;
constexpr qsizetype MaxFileNameChars = 100;
constexpr long MaxRedirects = 5;
constexpr char UserAgent[] = "taskmill-download/1";
const QString FallbackName = u"download"_s;

// One URL being fetched into one file.
struct Transfer
{
    QString url;           // as the payload gave it: reported back in the result
    QByteArray encodedUrl; // what curl gets: percent-encoded, no spaces
    QString name;
    QFile file;
    QCryptographicHash sha256{QCryptographicHash::Sha256};
    qint64 bytes = 0;
    qint64 maxBytes = 0;
    bool tooLarge = false;
    bool writeFailed = false;
    CurlEasy easy;
    std::unique_ptr<ConnectGuard> guard;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

size_t onData(char *data, size_t size, size_t count, void *userp)
{
    auto *t = static_cast<Transfer *>(userp);
    const qint64 len = qint64(size * count);
    if (t->bytes + len > t->maxBytes) {
        t->tooLarge = true; // a server that sends no Content-Length is stopped here, not by MAXFILESIZE
        return 0;
    }
    if (t->file.write(data, len) != len) {
        t->writeFailed = true;
        return 0;
    }
    t->sha256.addData(QByteArrayView(data, qsizetype(len)));
    t->bytes += len;
    return size * count;
}

// The transfers of one attempt and the multi handle driving them. Detaches every easy handle before the
// multi handle goes (curl requires it) and, unless kept, deletes the task folder with whatever was written.
struct Attempt
{
    CurlMulti multi = makeCurlMulti();
    std::vector<std::unique_ptr<Transfer>> transfers;
    QString dir;
    bool keepFiles = false;

    ~Attempt()
    {
        for (const auto &t : transfers) {
            if (t->easy)
                curl_multi_remove_handle(multi.get(), t->easy.get());
            t->file.close();
        }
        if (!keepFiles && !QDir(dir).removeRecursively())
            qWarning("download_files: could not remove %s", qPrintable(dir));
    }
};

// Starts `t`; a null outcome on success.
std::optional<HandlerOutcome> start(Attempt &a, Transfer &t, const NetworkPolicy &policy)
{
    t.file.setFileName(a.dir + u'/' + t.name);
    if (!t.file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return HandlerOutcome::failed(u"cannot create %1: %2"_s.arg(t.file.fileName(), t.file.errorString()));
    t.easy = makeCurlEasy();
    t.guard = std::make_unique<ConnectGuard>(policy);
    CURL *e = t.easy.get();
    t.guard->install(e);
    curl_easy_setopt(e, CURLOPT_URL, t.encodedUrl.constData());
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, MaxRedirects);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(t.maxBytes)); // refuses early on Content-Length
    curl_easy_setopt(e, CURLOPT_USERAGENT, UserAgent);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errorBuffer);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onData);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    if (curl_multi_add_handle(a.multi.get(), e) != CURLM_OK)
        return HandlerOutcome::failed(u"%1: cannot start the transfer"_s.arg(t.url));
    return std::nullopt;
}

// Judges a finished transfer; a null outcome when the file is complete.
std::optional<HandlerOutcome> finish(Transfer &t, CURLcode code, const HandlerSettings &settings)
{
    if (t.tooLarge || code == CURLE_FILESIZE_EXCEEDED)
        return HandlerOutcome::failed(u"%1 is larger than handlers.download_files.max_file_bytes (%2 bytes)"_s
                                          .arg(t.url).arg(settings.downloadMaxFileBytes),
                                      true);
    if (t.writeFailed)
        return HandlerOutcome::failed(u"cannot write %1: %2"_s.arg(t.file.fileName(), t.file.errorString()));
    if (code != CURLE_OK) {
        if (t.guard->refused())
            return HandlerOutcome::failed(t.guard->refusalMessage(), true);
        return HandlerOutcome::failed(u"%1: %2"_s.arg(t.url, curlErrorText(code, t.errorBuffer)),
                                      !isRetryableCurlError(code));
    }
    long status = 0;
    curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status >= 400)
        return HandlerOutcome::failed(u"HTTP %1 from %2"_s.arg(status).arg(t.url), !isRetryableHttpStatus(status));
    if (!t.file.flush())
        return HandlerOutcome::failed(u"cannot write %1: %2"_s.arg(t.file.fileName(), t.file.errorString()));
    t.file.close();
    return std::nullopt;
}
} // namespace

QString downloadFileName(const QUrl &url, QSet<QString> &taken)
{
    const QStringList segments = url.path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
    QString name = segments.isEmpty() ? QString() : segments.last();
    for (QChar &c : name) {
        if (!c.isLetterOrNumber() && c != u'.' && c != u'-' && c != u'_')
            c = u'_';
    }
    while (name.startsWith(u'.')) // no hidden files, no "." or ".."
        name.remove(0, 1);
    name.truncate(MaxFileNameChars);
    if (name.isEmpty())
        name = FallbackName;

    const qsizetype dot = name.lastIndexOf(u'.');
    const QString stem = dot > 0 ? name.left(dot) : name;
    const QString extension = dot > 0 ? name.mid(dot) : QString();
    QString unique = name;
    for (int n = 2; taken.contains(unique.toLower()); ++n)
        unique = stem + u'-' + QString::number(n) + extension;
    taken.insert(unique.toLower());
    return unique;
}

BuiltinHandler downloadFilesHandler()
{
    return {u"download_files"_s,
            u"Downloads up to 100 http(s) URLs in parallel into downloads/<task id>/ under handlers.files_dir; "
            "completes with each file's path, size and SHA-256."_s,
            schemaFromText(R"({"type": "object", "required": ["urls"], "properties": {
                "urls": {"type": "array", "minItems": 1, "maxItems": 100,
                         "items": {"type": "string", "pattern": "^[hH][tT][tT][pP][sS]?://"}}}})"),
            [](const Task &task, CancellationToken &token, const HandlerSettings &settings) {
                return runDownloadFiles(task, token, settings, NetworkPolicy::fromSettings(settings));
            }};
}

HandlerOutcome runDownloadFiles(const Task &task, CancellationToken &token, const HandlerSettings &settings,
                                const NetworkPolicy &policy)
{
    if (settings.filesDir.isEmpty())
        return HandlerOutcome::failed(u"handlers.files_dir is not set"_s, true);
    const QJsonArray urls = task.payload.value(u"urls"_s).toArray();
    if (urls.isEmpty() || urls.size() > MaxUrls)
        return HandlerOutcome::failed(u"payload.urls must be an array of 1 to 100 URLs"_s, true);

    Attempt attempt;
    const QString relativeDir = u"downloads/"_s + task.id.toString(QUuid::WithoutBraces);
    attempt.dir = QDir(settings.filesDir).filePath(relativeDir);
    QSet<QString> taken;
    for (qsizetype i = 0; i < urls.size(); ++i) {
        const QUrl url(urls.at(i).toString(), QUrl::StrictMode);
        if (const QString why = checkHttpUrl(url); !urls.at(i).isString() || !why.isEmpty())
            return HandlerOutcome::failed(u"payload.urls[%1]: %2"_s.arg(i).arg(why.isEmpty() ? u"not a string"_s : why), true);
        auto t = std::make_unique<Transfer>();
        t->url = urls.at(i).toString();
        t->encodedUrl = url.toEncoded();
        t->name = downloadFileName(url, taken);
        t->maxBytes = settings.downloadMaxFileBytes;
        attempt.transfers.push_back(std::move(t));
    }
    // The folder belongs to this task alone: an earlier attempt that died without cleaning up (a killed
    // executor) must not leave files that would clash with or pose as this attempt's.
    QDir(attempt.dir).removeRecursively();
    if (!QDir().mkpath(attempt.dir))
        return HandlerOutcome::failed(u"cannot create %1"_s.arg(attempt.dir));

    const int parallel = qMax(1, settings.downloadParallel);
    QElapsedTimer clock;
    clock.start();
    size_t next = 0;
    int active = 0;
    while (next < attempt.transfers.size() || active > 0) {
        while (active < parallel && next < attempt.transfers.size()) {
            if (std::optional<HandlerOutcome> failed = start(attempt, *attempt.transfers[next++], policy))
                return *failed;
            ++active;
        }
        if (token.isCancelled())
            return HandlerOutcome::cancelled(u"cancelled while downloading"_s);
        if (clock.elapsed() > settings.downloadMaxTaskMs)
            return HandlerOutcome::failed(u"downloads took longer than handlers.download_files.max_task_ms (%1 ms)"_s
                                              .arg(settings.downloadMaxTaskMs));
        int running = 0;
        if (curl_multi_perform(attempt.multi.get(), &running) != CURLM_OK)
            return HandlerOutcome::failed(u"curl_multi_perform failed"_s);
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(attempt.multi.get(), &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            Transfer *t = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
            const CURLcode code = msg->data.result; // msg is invalid once the handle is removed
            curl_multi_remove_handle(attempt.multi.get(), t->easy.get());
            --active;
            if (std::optional<HandlerOutcome> failed = finish(*t, code, settings)) {
                t->easy.reset();
                return *failed; // the first failure ends the attempt: the others are aborted and removed
            }
            t->easy.reset();
        }
        if (active > 0)
            curl_multi_poll(attempt.multi.get(), nullptr, 0, CancelPollMs, nullptr);
    }

    QJsonArray files;
    for (const auto &t : attempt.transfers) {
        files.append(QJsonObject{{u"url"_s, t->url},
                                 {u"path"_s, QString(relativeDir + u'/' + t->name)},
                                 {u"bytes"_s, t->bytes},
                                 {u"sha256"_s, QString::fromLatin1(t->sha256.result().toHex())}});
    }
    attempt.keepFiles = true;
    return HandlerOutcome::completed(QJsonObject{{u"files"_s, files}});
}

} // namespace taskmill
