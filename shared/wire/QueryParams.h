// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QUrlQuery>

namespace taskmill {

// The one way query parameters are read, on both sides: fully decoded (so "%2C" is a comma inside a
// value, not a separator), and integers checked against their range with an error naming the key.
QString queryValue(const QUrlQuery &query, const QString &key);
// Absent or empty → fallback; otherwise an integer within [min, max], else Validation on `key`.
Result<qint64> queryInt(const QUrlQuery &query, const QString &key, qint64 fallback, qint64 min, qint64 max);
// Whether `text` holds a Unicode non-character (U+FDD0…U+FDEF, U+xFFFE, U+xFFFF). QUrl leaves those
// percent-encoded when it decodes, so such text sent in a query reaches the server as other text
// (found by fuzz_TaskQuery): filters refuse it rather than match on something else.
bool hasNonCharacter(const QString &text);

} // namespace taskmill
