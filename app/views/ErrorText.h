// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QCoreApplication>
#include <QString>

namespace taskmill {

struct ApiError;

// A server error in the user's language: a translated sentence for its code, the field it names, then the
// server's own words (English, plain text) for the details. Dialogs and status messages use this instead of
// showing error.message alone, so a Russian user reads Russian first.
class ErrorText final
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    static QString summary(const ApiError &error); // "The task is not in a state that allows this."
    static QString full(const ApiError &error);    // summary, "Field: …", "Server: …" on one line each
};

} // namespace taskmill
