// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QJsonObject>

namespace taskmill {

// A built-in handler's schema written as JSON text in its source file (readable beside the code that reads
// the payload). Aborts on a syntax error: that is a programming error caught by the first test that starts.
QJsonObject schemaFromText(const char *json);

} // namespace taskmill
