// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "executor/CancellationToken.h"

#include <QByteArray>
#include <QString>

#include <curl/curl.h>

#include <memory>
#include <optional>

namespace taskmill {

// libcurl plumbing shared by the http, download_files and send_email handlers. Every handle is used by the
// one worker thread that made it; nothing here is shared between threads except curl_global_init.

struct CurlEasyDeleter
{
    void operator()(CURL *easy) const { curl_easy_cleanup(easy); }
};
struct CurlMultiDeleter
{
    void operator()(CURLM *multi) const { curl_multi_cleanup(multi); }
};
struct CurlSlistDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;

// A curl_slist (headers, recipients) freed with its owner.
class CurlList final
{
public:
    void append(const QByteArray &line);
    curl_slist *get() const { return m_list.get(); }

private:
    std::unique_ptr<curl_slist, CurlSlistDeleter> m_list;
};

// A new easy handle with the options every handler wants (no signals: we run on worker threads).
// Calls curl_global_init once per process first. Aborts on allocation failure, like Qt does.
CurlEasy makeCurlEasy();
CurlMulti makeCurlMulti();

// How long a multi loop sleeps at most before it looks at the cancellation token again.
inline constexpr int CancelPollMs = 50;

// Runs one transfer on `easy` through a private multi handle so that cancellation is noticed within
// CancelPollMs even while the peer is silent. Returns the transfer's result, or nullopt when `token` was
// cancelled first (the transfer is then aborted).
std::optional<CURLcode> performCancellable(CURL *easy, CancellationToken &token);

// Transient failures a later attempt may get past: timeouts, refused or reset connections, DNS, TLS
// handshakes. Malformed URLs, unsupported protocols and redirect loops are not.
bool isRetryableCurlError(CURLcode code);
// 5xx, 429 Too Many Requests and 408 Request Timeout: the server may answer differently later.
bool isRetryableHttpStatus(long status);

// curl's detailed message from `errorBuffer` (CURLOPT_ERRORBUFFER) when it has one, else curl_easy_strerror.
QString curlErrorText(CURLcode code, const char *errorBuffer);

} // namespace taskmill
