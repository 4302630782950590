// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "process/LocalTimeZone.h"

#include <QByteArray>
#include <QtGlobal>

namespace taskmill {

namespace {
// The zone glibc reads when TZ is unset; the leading ':' names a file rather than a POSIX rule.
constexpr char SystemZoneFile[] = ":/etc/localtime";
} // namespace

void pinLocalTimeZone()
{
    if (!qEnvironmentVariableIsSet("TZ"))
        qputenv("TZ", QByteArray(SystemZoneFile));
}

} // namespace taskmill
