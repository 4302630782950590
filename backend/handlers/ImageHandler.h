// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/BuiltinCatalog.h"

namespace taskmill {

// process_image: reads payload.path (relative to handlers.files_dir), applies the requested libvips operations
// in a fixed order and writes the result to a new file beside the input, never over it (docs/handlers.md
// section process_image). Result {"path", "width", "height", "bytes"}; bad paths, missing and unreadable
// files fail permanently.
BuiltinHandler imageHandler();

} // namespace taskmill
