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

} // namespace taskmill
