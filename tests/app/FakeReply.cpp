// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeReply.h"

#include <QTimer>

namespace taskmill::test {

FakeReply::FakeReply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                     const CannedResponse &response, QObject *parent)
    : QNetworkReply(parent)
    , m_response(response)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(operation);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    if (m_response.hang) {
        if (request.transferTimeout() > 0)
            QTimer::singleShot(request.transferTimeout(), this,
                               [this] { fail(OperationCanceledError, QStringLiteral("Operation canceled")); });
        return;
    }
    QTimer::singleShot(m_response.delayMs, this, &FakeReply::deliver);
}

void FakeReply::abort()
{
    if (!isFinished())
        fail(OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 FakeReply::bytesAvailable() const
{
    return m_data.size() - m_offset + QNetworkReply::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin(maxSize, qint64(m_data.size()) - m_offset);
    if (n <= 0)
        return isFinished() ? -1 : 0;
    memcpy(data, m_data.constData() + m_offset, size_t(n));
    m_offset += n;
    return n;
}

void FakeReply::deliver()
{
    if (isFinished())
        return;
    if (m_response.transportError != NoError) {
        fail(m_response.transportError, QStringLiteral("Connection refused"));
        return;
    }
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
    setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    setHeader(QNetworkRequest::ContentLengthHeader, m_response.body.size());
    for (const auto &[name, value] : std::as_const(m_response.headers))
        setRawHeader(name, value);
    m_data = m_response.body;
    emit metaDataChanged();
    emit readyRead();
    if (m_response.status >= 400) {
        // Qt flags HTTP error statuses as reply errors too; the client must still read the body.
        const NetworkError error = m_response.status == 404 ? ContentNotFoundError
            : m_response.status == 409                      ? ContentConflictError
            : m_response.status >= 500                      ? InternalServerError
                                                            : UnknownContentError;
        setError(error, QStringLiteral("HTTP %1").arg(m_response.status));
        emit errorOccurred(error);
    }
    setFinished(true);
    emit finished();
}

void FakeReply::fail(NetworkError error, const QString &message)
{
    setError(error, message);
    emit errorOccurred(error);
    setFinished(true);
    emit finished();
}

} // namespace taskmill::test
