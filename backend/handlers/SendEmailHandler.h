// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/BuiltinCatalog.h"

namespace taskmill {

// send_email: {to, subject, body, attached_files} (to plus at least one of the others) sent through the
// SMTP server of [handlers.send_email]; attachments are paths relative to handlers.files_dir. Completes with
// {accepted: [addresses], message_id}. The message id is made from the task id, so a retry after a reply
// lost in transit carries the same id and receivers can drop the duplicate (docs/handlers.md "send_email").
BuiltinHandler sendEmailHandler();

} // namespace taskmill
