// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>

namespace taskmill {

// Resolves a path from a payload (relative to handlers.files_dir) to the canonical path of an existing
// regular file inside files_dir. Refuses, with a message naming the path, an empty or absolute path, any
// ".." component, and a path that leaves files_dir through a symbolic link; also a missing file.
// Checked immediately before the file is read; a link swapped in between is not defended against.
struct FilesDirPath
{
    QString path;  // canonical, absolute; empty when refused
    QString error; // why it is refused; empty when allowed
};
FilesDirPath resolveInFilesDir(const QString &filesDir, const QString &relativePath);

} // namespace taskmill
