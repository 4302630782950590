// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/LocalLogging.h"

namespace taskmill {

Q_LOGGING_CATEGORY(lcLocal, "taskmill.backend.local")

} // namespace taskmill
