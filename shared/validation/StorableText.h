// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"

#include <QJsonValue>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace taskmill {

// PostgreSQL can store neither U+0000 (in text or jsonb) nor an unpaired UTF-16 surrogate (a lone
// \ud800 in jsonb), and QPSQL cuts a statement short at a NUL. Such a value must be refused where it
// enters, naming the field, before it can reach a grouped write and fail other clients' work with it.
// Both sides use these rules: the backend on every body and query parameter, the app in its forms.
bool isStorableText(const QString &text);

// The path of the first string or object key in `value` that is not storable text, or nullopt.
// Paths read like the API's field names: "title", "payload.to", "payload.list[2]", "[3].payload.key"
// (`path` is the value's own path; empty for a document root). An offending key is named by its parent
// path plus the key with the character escaped ("payload.a\u0000").
std::optional<QString> findUnstorableText(const QJsonValue &value, const QString &path = {});

// The first query parameter (decoded) whose name or value is not storable text, or nullopt.
std::optional<QString> findUnstorableQueryItem(const QUrlQuery &query);

// Could this JSON text hold an escape for a character that cannot be stored (\u0000, \ud800–\udfff)?
// A raw NUL byte is not valid JSON and unpaired surrogates cannot be written as UTF-8, so only escapes
// can carry them. A byte scan, cheap enough for every request body; walk the parsed value only when true.
bool mayHoldUnstorableEscape(QByteArrayView json);

// The 422 for such a field.
ApiError unstorableTextError(const QString &field);

} // namespace taskmill
