// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/TaskIdSearch.h"

#include <algorithm>

namespace taskmill {

namespace {
// Where the 8-4-4-4-12 form has its dashes.
constexpr int DashPositions[] = {8, 13, 18, 23};
constexpr int DashedLength = 36;

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

bool isDashPosition(qsizetype i)
{
    for (int p : DashPositions)
        if (i == p)
            return true;
    return false;
}

QUuid fromDigits(const QString &digits)
{
    // QUuid parses only the dashed form.
    return QUuid::fromString(digits.left(8) + u'-' + digits.mid(8, 4) + u'-' + digits.mid(12, 4) + u'-'
                             + digits.mid(16, 4) + u'-' + digits.mid(20));
}
} // namespace

QString TaskIdSearch::shortForm(const QUuid &id)
{
    const QString hex = id.toString(QUuid::Id128);
    return hex.left(ShortHead) + QChar(0x2026) + hex.right(ShortTail);
}

std::optional<TaskIdSearch> TaskIdSearch::parse(const QString &text)
{
    // The short form: a start of at least MinDigits digits, an ellipsis, then up to 12 digits of the end
    // (they fall in the last group, which has no dash).
    for (const QString &ellipsis : {QString(QChar(0x2026)), QStringLiteral("...")}) {
        const qsizetype at = text.indexOf(ellipsis);
        if (at < 0)
            continue;
        const auto head = parse(text.left(at));
        const QString tail = text.mid(at + ellipsis.size()).toLower();
        constexpr int LastGroup = 12;
        if (!head || tail.isEmpty() || tail.size() > LastGroup || head->m_digits.size() + tail.size() > UuidDigits
            || !std::all_of(tail.cbegin(), tail.cend(), isHexDigit))
            return std::nullopt;
        return TaskIdSearch(head->m_digits, tail);
    }
    // A whole id in braces is what QUuid prints by default: accepted too.
    QString t = text.toLower();
    if (t.size() == DashedLength + 2 && t.startsWith(u'{') && t.endsWith(u'}'))
        t = t.mid(1, DashedLength);
    if (t.size() > DashedLength)
        return std::nullopt;
    const bool dashed = t.contains(u'-');
    QString digits;
    digits.reserve(UuidDigits);
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t.at(i);
        if (dashed && isDashPosition(i)) {
            if (c != u'-')
                return std::nullopt;
            continue;
        }
        if (!isHexDigit(c))
            return std::nullopt;
        digits += c;
    }
    if (digits.size() < MinDigits || digits.size() > UuidDigits)
        return std::nullopt;
    return TaskIdSearch(digits);
}

bool TaskIdSearch::matches(const QUuid &id) const
{
    const QString hex = id.toString(QUuid::Id128);
    return hex.startsWith(m_digits) && hex.endsWith(m_suffix);
}

QUuid TaskIdSearch::low() const
{
    return fromDigits(m_digits + QString(UuidDigits - m_digits.size(), u'0'));
}

QUuid TaskIdSearch::high() const
{
    return fromDigits(m_digits + QString(UuidDigits - m_digits.size(), u'f'));
}

} // namespace taskmill
