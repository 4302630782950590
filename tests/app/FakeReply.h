// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QNetworkReply>

namespace taskmill::test {

// What a fake reply answers: an HTTP status and body, or a transport error (status 0).
struct CannedResponse
{
    int status = 200;
    QByteArray body;
    QNetworkReply::NetworkError transportError = QNetworkReply::NoError;
    bool hang = false; // never answers; like QNetworkAccessManager, fails after the request's transfer timeout
    int delayMs = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // raw response headers besides the content type and length

    static CannedResponse json(int status, const QByteArray &body) { return {status, body, QNetworkReply::NoError, false, 0, {}}; }
    static CannedResponse refused() { return {0, {}, QNetworkReply::ConnectionRefusedError, false, 0, {}}; }
    static CannedResponse hanging() { return {0, {}, QNetworkReply::NoError, true, 0, {}}; }
};

// A QNetworkReply that delivers a CannedResponse from the event loop, signalling in the same order
// as Qt's HTTP replies (metaDataChanged, readyRead, finished; errorOccurred before finished).
class FakeReply final : public QNetworkReply
{
public:
    FakeReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
              const CannedResponse &response, QObject *parent);

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void deliver();
    void fail(QNetworkReply::NetworkError error, const QString &message);

    CannedResponse m_response;
    QByteArray m_data;
    qint64 m_offset = 0;
};

} // namespace taskmill::test
