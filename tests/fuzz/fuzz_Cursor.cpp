// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The opaque tokens the server hands out and reads back from clients: the task list's page cursor
// (TaskCursor, `cursor=` of GET /api/v1/tasks, base64url JSON), a worker's lease token (LeaseToken,
// "<id>.<attempt>.<lease ms>.<worker base64url>", every /api/v1/leases call) and an access token (a JWT
// checked by credentials::verifyAccessToken against a fixed key: libjwt decodes the header and claims
// before the signature). Any of them may arrive as any text. A cursor decode() accepts is bound into SQL
// as typed parameters, so it must be one encode() would have produced: each accepted token is re-encoded
// and must decode to the same value; likewise a lease token.
#include "service/Credentials.h"
#include "service/LeaseService.h"
#include "wire/TaskFilter.h"

#include <QUrlQuery>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace taskmill;
using namespace Qt::StringLiterals;

namespace {
[[noreturn]] void violated(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_Cursor: %s: %s\n", what, qUtf8Printable(detail));
    std::abort();
}

void cursor(const QString &text)
{
    const auto c = TaskCursor::decode(text);
    if (!c)
        return;
    const auto again = TaskCursor::decode(c->encode());
    if (!again || !(*again == *c))
        violated("a decoded cursor does not survive encode()", text);
    // As the list endpoint reads it: with the sort and order it was made for, it must be accepted.
    QUrlQuery q;
    q.addQueryItem(u"cursor"_s, QString::fromLatin1(QUrl::toPercentEncoding(text)));
    q.addQueryItem(u"sort"_s, toString(c->sort));
    q.addQueryItem(u"order"_s, toString(c->order));
    if (const auto lq = TaskListQuery::fromQuery(q); !lq)
        violated("the list refuses a cursor decode() accepts", text + u": "_s + lq.error().message);
}

void leaseToken(const QString &text)
{
    const auto t = LeaseToken::parse(text);
    if (!t)
        return;
    const auto again = LeaseToken::parse(t->toString());
    if (!again || again->id != t->id || again->attempt != t->attempt || again->leaseMs != t->leaseMs
        || again->worker != t->worker)
        violated("a parsed lease token does not survive toString()", text);
}

// The corpus' signed tokens use this key (tests/fuzz/corpus/Cursor/jwt-*).
constexpr char AccessKey[] = "taskmill-fuzz-access-token-key-0123456789abcdef";

void accessToken(const QByteArray &token)
{
    const auto user = credentials::verifyAccessToken(token, QByteArray(AccessKey));
    if (user && *user <= 0)
        violated("an access token names no user", QString::fromLatin1(token.toBase64()));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    cursor(text);
    leaseToken(text);
    accessToken(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
