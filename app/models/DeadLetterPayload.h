// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <utility>

namespace taskmill {

// Judges the text of the payload editor before a requeue with an edited payload: the server takes only
// a JSON object. A failure carries a 1-based line and column (of the character where parsing stopped)
// and a message in the UI language, so the editor can point at the spot.
struct DeadLetterPayload
{
    Q_DECLARE_TR_FUNCTIONS(taskmill::DeadLetterPayload)

public:
    bool valid = false;
    QJsonObject payload; // when valid
    int line = 0;        // when not valid; 0 if no position applies
    int column = 0;
    QString message;

    static DeadLetterPayload check(const QString &text);
    // 1-based line and column of the character at UTF-8 byte `offset` of `text`.
    static std::pair<int, int> position(const QString &text, int offset);
};

} // namespace taskmill
