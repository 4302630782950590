// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
//
// TLS options and public key pinning of every request (docs/app.md, "Connections"). A pinned profile's
// requests are checked when QNetworkReply::encrypted arrives: it is delivered from the network thread by a
// blocking call right after the handshake, and the request line and headers are written only after it has
// been handled, so aborting there sends nothing — no Authorization header, no password, no body.
// `encrypted` comes only with a new connection; a kept-alive one is reused without a handshake. A pinned
// client therefore sends through a network manager of its own (see the constructor), so every connection
// it uses is one whose handshake it checked itself, never one another client opened with other pins or none.
#include "client/BackendClient.h"

#include "client/PublicKeyPin.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>
#include <QSslSocket>
#include <QTimer>

#include <memory>

namespace taskmill {

namespace {
// Set on a reply aborted by the pins, so its `finished` says why instead of "cancelled".
constexpr char PinFailureProperty[] = "taskmill.pinFailure";
} // namespace

void BackendClient::applyTls(QNetworkRequest &request) const
{
    if (!m_profile.isTls())
        return;
    request.setSslConfiguration(m_ssl);
}

void BackendClient::enforcePins(QNetworkReply *reply)
{
    if (m_pins.isEmpty())
        return;
    connect(reply, &QNetworkReply::encrypted, this, [this, reply] {
        const QString failure = PublicKeyPin::mismatch(PublicKeyPin::peerChain(reply->sslConfiguration()), m_pins);
        if (failure.isEmpty())
            return;
        reply->setProperty(PinFailureProperty, failure);
        reply->abort();
    });
}

QString BackendClient::pinFailure(const QNetworkReply &reply) const
{
    if (m_pins.isEmpty())
        return {};
    if (const QVariant refused = reply.property(PinFailureProperty); refused.isValid())
        return refused.toString();
    if (reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 0)
        return {}; // no answer: the transport error says why
    // An answer over a connection whose handshake another client checked against other pins.
    return PublicKeyPin::mismatch(PublicKeyPin::peerChain(reply.sslConfiguration()), m_pins);
}

QFuture<Result<QString>> BackendClient::serverKeyPin()
{
    auto promise = std::make_shared<QPromise<Result<QString>>>();
    promise->start();
    QFuture<Result<QString>> future = promise->future();
    const QString where = m_profile.baseUrl.toDisplayString();
    if (!m_profile.isTls()) {
        promise->addResult(ApiError::badRequest(tr("%1 is not an https:// URL: there is no certificate to pin.").arg(where)));
        promise->finish();
        return future;
    }
    // A socket of its own: a fresh handshake even while the manager keeps a connection to the server alive.
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_ssl);
    const auto finish = [socket, promise](const Result<QString> &result) {
        if (promise->future().isFinished())
            return; // the first outcome counts; the abort below may report more
        socket->disconnect();
        socket->abort();
        socket->deleteLater();
        promise->addResult(result);
        promise->finish();
    };
    connect(socket, &QSslSocket::encrypted, socket, [socket, finish] { finish(PublicKeyPin::of(socket->peerCertificate())); });
    connect(socket, &QSslSocket::sslErrors, socket, [where, finish](const QList<QSslError> &errors) {
        finish(ApiError::unavailable(tr("Cannot reach %1: %2").arg(where, errors.constFirst().errorString())));
    });
    connect(socket, &QAbstractSocket::errorOccurred, socket, [socket, where, finish] {
        finish(ApiError::unavailable(tr("Cannot reach %1: %2").arg(where, socket->errorString())));
    });
    QTimer::singleShot(m_timeoutMs, socket, [this, where, finish] {
        finish(ApiError::unavailable(tr("%1 did not answer within %2 s.").arg(where).arg(m_timeoutMs / 1000.0, 0, 'g', 3)));
    });
    socket->connectToHostEncrypted(m_profile.baseUrl.host(), quint16(m_profile.baseUrl.port(443)));
    return future;
}

} // namespace taskmill
