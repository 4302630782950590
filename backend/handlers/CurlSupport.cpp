// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/CurlSupport.h"

#include <mutex>

namespace taskmill {

namespace {
void initCurlOnce()
{
    // curl_global_init is not thread-safe and must run before any handle exists; handlers start on many
    // worker threads at once, so it runs exactly once, on whichever thread gets here first.
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            qFatal("curl_global_init failed");
    });
}
} // namespace

void CurlList::append(const QByteArray &line)
{
    curl_slist *grown = curl_slist_append(m_list.get(), line.constData());
    if (!grown)
        qFatal("curl_slist_append: out of memory");
    // On success curl_slist_append returns the same head (appends in place), except for the first node.
    if (grown != m_list.get()) {
        (void)m_list.release();
        m_list.reset(grown);
    }
}

CurlEasy makeCurlEasy()
{
    initCurlOnce();
    CurlEasy easy(curl_easy_init());
    if (!easy)
        qFatal("curl_easy_init failed");
    // Signals (SIGALRM for DNS timeouts) are process-wide and unsafe on worker threads.
    curl_easy_setopt(easy.get(), CURLOPT_NOSIGNAL, 1L);
    return easy;
}

CurlMulti makeCurlMulti()
{
    initCurlOnce();
    CurlMulti multi(curl_multi_init());
    if (!multi)
        qFatal("curl_multi_init failed");
    return multi;
}

std::optional<CURLcode> performCancellable(CURL *easy, CancellationToken &token)
{
    CurlMulti multi = makeCurlMulti();
    if (CURLMcode m = curl_multi_add_handle(multi.get(), easy); m != CURLM_OK)
        return CURLE_FAILED_INIT;
    std::optional<CURLcode> result;
    int running = 1;
    while (!result) {
        if (token.isCancelled())
            break;
        if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
            result = CURLE_FAILED_INIT;
            break;
        }
        int queued = 0;
        while (CURLMsg *msg = curl_multi_info_read(multi.get(), &queued)) {
            if (msg->msg == CURLMSG_DONE)
                result = msg->data.result;
        }
        if (!result && running > 0)
            curl_multi_poll(multi.get(), nullptr, 0, CancelPollMs, nullptr);
    }
    // Removing an unfinished handle aborts its transfer; the caller still owns `easy`.
    curl_multi_remove_handle(multi.get(), easy);
    return result;
}

bool isRetryableCurlError(CURLcode code)
{
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_NOT_BUILT_IN:
        return false;
    default:
        return true;
    }
}

bool isRetryableHttpStatus(long status)
{
    constexpr long RequestTimeout = 408;
    constexpr long TooManyRequests = 429;
    return status >= 500 || status == TooManyRequests || status == RequestTimeout;
}

QString curlErrorText(CURLcode code, const char *errorBuffer)
{
    if (errorBuffer && *errorBuffer)
        return QString::fromUtf8(errorBuffer);
    return QString::fromUtf8(curl_easy_strerror(code));
}

} // namespace taskmill
