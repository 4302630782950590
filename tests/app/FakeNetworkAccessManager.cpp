// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

namespace taskmill::test {

namespace {
QByteArray verbOf(QNetworkAccessManager::Operation op, const QNetworkRequest &request)
{
    switch (op) {
    case QNetworkAccessManager::HeadOperation: return QByteArrayLiteral("HEAD");
    case QNetworkAccessManager::GetOperation: return QByteArrayLiteral("GET");
    case QNetworkAccessManager::PutOperation: return QByteArrayLiteral("PUT");
    case QNetworkAccessManager::PostOperation: return QByteArrayLiteral("POST");
    case QNetworkAccessManager::DeleteOperation: return QByteArrayLiteral("DELETE");
    case QNetworkAccessManager::CustomOperation:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    case QNetworkAccessManager::UnknownOperation: break;
    }
    return QByteArrayLiteral("UNKNOWN");
}
} // namespace

FakeNetworkAccessManager::FakeNetworkAccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{
}

void FakeNetworkAccessManager::route(const QByteArray &verb, const QString &path, const CannedResponse &response)
{
    m_routes.insert(QString::fromLatin1(verb) + u' ' + path, response);
}

namespace {
qsizetype countOf(const QList<FakeNetworkAccessManager::SentRequest> &requests, const QByteArray &verb,
                  const QString &path)
{
    return std::count_if(requests.cbegin(), requests.cend(), [&](const FakeNetworkAccessManager::SentRequest &r) {
        return r.verb == verb && (path.isEmpty() || r.url.path() == path);
    });
}
} // namespace

qsizetype FakeNetworkAccessManager::countSent(const QByteArray &verb, const QString &path) const
{
    return countOf(sent, verb, path);
}

qsizetype FakeNetworkAccessManager::countAnswered(const QByteArray &verb, const QString &path) const
{
    return countOf(answered, verb, path);
}

void FakeNetworkAccessManager::routeOnce(const QByteArray &verb, const QString &path, const CannedResponse &response)
{
    m_once[QString::fromLatin1(verb) + u' ' + path].append(response);
}

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation op, const QNetworkRequest &request,
                                                       QIODevice *outgoingData)
{
    SentRequest r{verbOf(op, request), request.url(), outgoingData ? outgoingData->readAll() : QByteArray(), request};
    sent.append(r);
    const QString key = QString::fromLatin1(r.verb) + u' ' + request.url().path();
    QList<CannedResponse> &once = m_once[key];
    const CannedResponse response = once.isEmpty() ? m_routes.value(key, m_fallback) : once.takeFirst();
    auto *reply = new FakeReply(op, request, response, this);
    // The caller's handlers run in the same emission: once a test sees the answer here, it has been handled.
    connect(reply, &QNetworkReply::finished, this, [this, r] { answered.append(r); });
    return reply;
}

} // namespace taskmill::test
