// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/BuiltinCatalog.h"

namespace taskmill {

// noop: completes at once with {"ok": true}.
BuiltinHandler noopHandler();
// sleep: {"ms": N} waits N ms (0..86,400,000), stops early when cancelled.
BuiltinHandler sleepHandler();
// fail: {"message": "...", "times": N} fails with that message; with `times`, only the first N attempts
// fail and later ones complete (retries and the dead-letter queue can be tried without a broken service).
BuiltinHandler failHandler();

} // namespace taskmill
