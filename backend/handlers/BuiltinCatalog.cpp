// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/BuiltinCatalog.h"

#include "handlers/BasicHandlers.h"
#include "handlers/DownloadFilesHandler.h"
#include "handlers/HttpHandler.h"
#include "handlers/ImageHandler.h"
#include "handlers/SendEmailHandler.h"

namespace taskmill {

const QList<BuiltinHandler> &builtinHandlers()
{
    // Built once, on first use (thread-safe static): the schemas are parsed from text.
    static const QList<BuiltinHandler> all = {
        noopHandler(),
        sleepHandler(),
        failHandler(),
        imageHandler(),
        httpHandler(),
        downloadFilesHandler(),
        sendEmailHandler(),
    };
    return all;
}

} // namespace taskmill
