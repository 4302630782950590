// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/FilesDirPath.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace taskmill {

FilesDirPath resolveInFilesDir(const QString &filesDir, const QString &relativePath)
{
    if (relativePath.isEmpty())
        return {{}, u"an empty path"_s};
    // Backslashes are ordinary file name characters on Linux but separators to anyone reading the payload
    // on Windows; a path with one is refused rather than guessed at.
    if (QDir::isAbsolutePath(relativePath) || relativePath.contains(u'\\'))
        return {{}, u"'%1' is not a path relative to handlers.files_dir"_s.arg(relativePath)};
    if (relativePath.split(u'/').contains(u".."_s))
        return {{}, u"'%1' leaves handlers.files_dir (\"..\")"_s.arg(relativePath)};

    const QString root = QFileInfo(filesDir).canonicalFilePath();
    if (root.isEmpty())
        return {{}, u"handlers.files_dir (%1) does not exist"_s.arg(filesDir)};
    const QFileInfo file(QDir(root).filePath(relativePath));
    const QString canonical = file.canonicalFilePath(); // every symbolic link resolved
    if (canonical.isEmpty())
        return {{}, u"'%1' does not exist in handlers.files_dir"_s.arg(relativePath)};
    if (!canonical.startsWith(root + u'/'))
        return {{}, u"'%1' leaves handlers.files_dir through a symbolic link"_s.arg(relativePath)};
    if (!QFileInfo(canonical).isFile())
        return {{}, u"'%1' is not a regular file"_s.arg(relativePath)};
    return {canonical, {}};
}

} // namespace taskmill
