// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/BuiltinCatalog.h"
#include "handlers/UrlPolicy.h"

#include <QSet>
#include <QUrl>

namespace taskmill {

// download_files: fetches payload.urls (1..100 http(s) URLs) in parallel into
// <files_dir>/downloads/<task id>/ and completes with {files: [{url, path, bytes, sha256}]}, paths relative
// to files_dir. Each attempt starts from an empty task folder; a failed or cancelled attempt leaves none of
// its files behind (docs/handlers.md "download_files").
BuiltinHandler downloadFilesHandler();

// The handler with an explicit network policy (the built-in passes NetworkPolicy::fromSettings).
HandlerOutcome runDownloadFiles(const Task &task, CancellationToken &token, const HandlerSettings &settings,
                                const NetworkPolicy &policy);

// A safe file name for what `url` points at: the last segment of its decoded path with everything but
// letters, digits, '.', '-' and '_' replaced, no leading dots, at most 100 characters, "download" when
// nothing is left; made unique against `taken` (compared case-insensitively), which it is added to.
// Never contains a path separator, so it cannot leave the folder it is joined to.
QString downloadFileName(const QUrl &url, QSet<QString> &taken);

} // namespace taskmill
