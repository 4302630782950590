// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace taskmill {

// Checks a profile before it is saved or used, so the profile dialog can show each problem at its
// field and the command line can refuse a bad --connect URL with the same words.
struct ProfileValidator
{
    Q_DECLARE_TR_FUNCTIONS(taskmill::ProfileValidator)

public:
    enum class Field { Name, Url, User, CaCertificate, PinnedKeys };
    struct Problem
    {
        Field field;
        QString message;
    };

    // `otherNames`: the names of the other stored profiles (names must be unique).
    static QList<Problem> validate(const ConnectionProfile &profile, const QStringList &otherNames);
    // Empty when `url` can address a backend (http or https with a host), else why not.
    static QString checkUrl(const QUrl &url);
};

} // namespace taskmill
