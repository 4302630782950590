// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/QueryParams.h"

namespace taskmill {

QString queryValue(const QUrlQuery &query, const QString &key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

Result<qint64> queryInt(const QUrlQuery &query, const QString &key, qint64 fallback, qint64 min, qint64 max)
{
    const QString text = queryValue(query, key).trimmed();
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return ApiError::validation(key, QStringLiteral("%1 must be an integer from %2 to %3").arg(key).arg(min).arg(max));
    return v;
}

bool hasNonCharacter(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            // Two statements: in one call's arguments `text.at(i)` and `text.at(++i)` are unsequenced (gcc
            // read the low surrogate twice, so U+1FFFE and its kin passed as storable).
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
        }
        if (QChar::isNonCharacter(c))
            return true;
    }
    return false;
}

} // namespace taskmill
