// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "observability/TraceContext.h"

#include <QList>
#include <QRandomGenerator>

#include <random>

namespace taskmill {

namespace {
thread_local const TraceContext *t_current = nullptr;

bool isLowerHex(const QByteArray &s, qsizetype size)
{
    if (s.size() != size)
        return false;
    bool nonZero = false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
        nonZero = nonZero || c != '0';
    }
    return nonZero;
}

QString randomHex(int words)
{
    // QRandomGenerator::global() takes a lock per call; a generator per thread does not, and ids need
    // uniqueness, not cryptographic strength.
    thread_local std::mt19937_64 engine(QRandomGenerator::system()->generate64());
    for (;;) {
        QByteArray raw(words * 8, Qt::Uninitialized);
        bool nonZero = false;
        for (int i = 0; i < words; ++i) {
            const quint64 v = engine();
            nonZero = nonZero || v != 0;
            memcpy(raw.data() + i * 8, &v, 8);
        }
        if (nonZero)
            return QString::fromLatin1(raw.toHex());
    }
}
} // namespace

std::optional<TraceContext> TraceContext::fromTraceparent(QByteArrayView header)
{
    const QList<QByteArray> parts = header.trimmed().toByteArray().toLower().split('-');
    // Later versions may append fields; version ff is forbidden; version 00 has exactly four.
    if (parts.size() < 4 || parts.at(0).size() != 2 || parts.at(0) == "ff" || (parts.at(0) == "00" && parts.size() != 4))
        return std::nullopt;
    if (!isLowerHex(parts.at(1), 32) || !isLowerHex(parts.at(2), 16) || parts.at(3).size() != 2)
        return std::nullopt;
    return TraceContext{QString::fromLatin1(parts.at(1)), QString::fromLatin1(parts.at(2))};
}

QByteArray TraceContext::toTraceparent() const
{
    return "00-" + traceId.toLatin1() + '-' + spanId.toLatin1() + "-01";
}

QString TraceContext::newTraceId()
{
    return randomHex(2);
}

QString TraceContext::newSpanId()
{
    return randomHex(1);
}

const TraceContext *TraceContext::current()
{
    return t_current;
}

TraceScope::TraceScope(TraceContext context) : m_context(std::move(context)), m_previous(t_current)
{
    t_current = &m_context;
}

TraceScope::~TraceScope()
{
    t_current = m_previous;
}

} // namespace taskmill
