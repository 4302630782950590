// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "model/Task.h"

#include <QRandomGenerator>

namespace taskmill {

QString toString(Priority p)
{
    switch (p) {
    case Priority::Low: return QStringLiteral("LOW");
    case Priority::Medium: return QStringLiteral("MEDIUM");
    case Priority::High: return QStringLiteral("HIGH");
    }
    return {};
}

QUuid newTaskId()
{
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    const quint64 random = QRandomGenerator::system()->generate64();
    const quint32 randomA = QRandomGenerator::system()->generate();
    QByteArray b(16, Qt::Uninitialized);
    for (int i = 0; i < 6; ++i)
        b[i] = char((ms >> (40 - 8 * i)) & 0xff);
    b[6] = char(0x70 | (randomA & 0x0f));         // version 7
    b[7] = char((randomA >> 8) & 0xff);
    b[8] = char(0x80 | (random & 0x3f));          // RFC 9562 variant (10xx)
    for (int i = 9; i < 16; ++i)
        b[i] = char((random >> (8 * (i - 8))) & 0xff);
    return QUuid::fromRfc4122(b);
}

QString toString(Status s)
{
    switch (s) {
    case Status::New: return QStringLiteral("NEW");
    case Status::Pending: return QStringLiteral("PENDING");
    case Status::InProgress: return QStringLiteral("IN_PROGRESS");
    case Status::Completed: return QStringLiteral("COMPLETED");
    case Status::Failed: return QStringLiteral("FAILED");
    case Status::Cancelled: return QStringLiteral("CANCELLED");
    case Status::Postponed: return QStringLiteral("POSTPONED");
    case Status::RetryWaiting: return QStringLiteral("RETRY_WAITING");
    }
    return {};
}

std::optional<Priority> priorityFromString(const QString &s)
{
    for (Priority p : allPriorities())
        if (s.compare(toString(p), Qt::CaseInsensitive) == 0)
            return p;
    return std::nullopt;
}

std::optional<Status> statusFromString(const QString &s)
{
    for (Status st : allStatuses())
        if (s.compare(toString(st), Qt::CaseInsensitive) == 0)
            return st;
    return std::nullopt;
}

QList<Priority> allPriorities()
{
    return {Priority::High, Priority::Medium, Priority::Low};
}

QList<Status> allStatuses()
{
    return {Status::New,       Status::Pending,   Status::InProgress, Status::Completed,
            Status::Failed,    Status::Cancelled, Status::Postponed,  Status::RetryWaiting};
}

bool isTerminal(Status s)
{
    return s == Status::Completed || s == Status::Failed || s == Status::Cancelled;
}

static QString randomHex(int bytes)
{
    QString out;
    do {
        out.clear();
        bool allZero = true;
        for (int i = 0; i < bytes; ++i) {
            const quint32 b = QRandomGenerator::global()->bounded(256);
            allZero = allZero && b == 0;
            out += QString::number(b, 16).rightJustified(2, u'0');
        }
        if (!allZero)
            break;
    } while (true);
    return out;
}

QString newTraceId() { return randomHex(16); }
QString newSpanId() { return randomHex(8); }

} // namespace taskmill
