// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "config/ConfigLoader.h"
#include "daemon/Daemon.h"
#include "process/LocalTimeZone.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <cstdio>

int main(int argc, char **argv)
{
    taskmill::pinLocalTimeZone();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("taskmilld"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TASKMILL_VERSION));
    auto cl = taskmill::ConfigLoader::fromArguments(QCoreApplication::arguments(),
                                                     QProcessEnvironment::systemEnvironment().toStringList());
    if (!cl) {
        std::fprintf(stderr, "taskmilld: %s\n", qPrintable(cl.error().message));
        return 2;
    }
    if (cl->exitNow)
        return 0;
    taskmill::Daemon daemon(cl->config);
    if (cl->command == QLatin1String("user-add"))
        return daemon.addUser(cl->userEmail, cl->userRole, cl->userPayloads);
    return daemon.run(cl->command);
}
