// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "wire/WireTypes.h"

#include <QByteArray>
#include <QJsonDocument>

namespace taskmill {

namespace limits {
inline constexpr int TitleMax = 256;
inline constexpr int DescriptionMax = 10'000;
inline constexpr int TypeMax = 64;
inline constexpr int MaxAttemptsMax = 100;
inline constexpr int BatchMax = 10'000;
} // namespace limits

// Validates one create request. Unknown keys are ignored (forward compatibility); a known key with the
// wrong JSON type, an out-of-range value or an unknown enum is a Validation error naming the field.
// `max_retries` (seed 003) is accepted as the number of retries: max_attempts = max_retries + 1.
// `fieldPrefix` lets batch errors name the element, e.g. "[12].priority".
Result<CreateTaskRequest> parseCreateTask(const QJsonObject &body, const QString &fieldPrefix = {});

// Parses a request body into a JSON document: BadRequest for malformed JSON.
// Refuses (400) JSON nested deeper than maxDepth arrays and objects before parsing it: deep nesting costs
// every recursive walk after it (schema checks, redaction) and proves nothing a task needs.
inline constexpr int JsonDepthDefault = 64;
Result<QJsonDocument> parseJsonBody(const QByteArray &body, int maxDepth = JsonDepthDefault);
// The deepest nesting of arrays and objects in a JSON text (brackets inside strings do not count).
int jsonNestingDepth(const QByteArray &json);

bool isValidTaskType(const QString &type); // [A-Za-z0-9_.:-]{1,64}
bool isValidTraceId(const QString &id);    // 32 lower-case hex, not all zero

} // namespace taskmill
