// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/DeadLetterPayload.h"

#include "validation/StorableText.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <tuple>

namespace taskmill {

DeadLetterPayload DeadLetterPayload::check(const QString &text)
{
    DeadLetterPayload result;
    if (text.trimmed().isEmpty()) {
        result.message = tr("The payload is empty: enter a JSON object, e.g. {}.");
        return result;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        // The offset is just past the token that broke parsing: point at that token's last character.
        std::tie(result.line, result.column) = position(text, qMax(0, error.offset - 1));
        result.message = tr("Line %1, column %2: %3").arg(result.line).arg(result.column).arg(error.errorString());
        return result;
    }
    if (!doc.isObject()) {
        // Point at the first non-blank character: the value that should have been an object.
        int offset = 0;
        const QByteArray utf8 = text.toUtf8();
        while (offset < utf8.size() && QChar::isSpace(uchar(utf8.at(offset))))
            ++offset;
        std::tie(result.line, result.column) = position(text, offset);
        result.message = tr("Line %1, column %2: the payload must be a JSON object ({…}), not an array or a value.")
                             .arg(result.line)
                             .arg(result.column);
        return result;
    }
    if (auto bad = findUnstorableText(doc.object(), QStringLiteral("payload"))) {
        // Such a character can only be written as an escape: point at the first one that could be it.
        static const QRegularExpression escape(QStringLiteral("\\\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})"));
        const QRegularExpressionMatch m = escape.match(text);
        std::tie(result.line, result.column) = position(text, m.hasMatch() ? int(text.left(m.capturedStart()).toUtf8().size()) : 0);
        result.message = tr("Line %1, column %2: %3 contains a character that cannot be stored: NUL (\\u0000) or an "
                            "unpaired surrogate such as \\ud800.")
                             .arg(result.line)
                             .arg(result.column)
                             .arg(*bad);
        return result;
    }
    result.valid = true;
    result.payload = doc.object();
    return result;
}

std::pair<int, int> DeadLetterPayload::position(const QString &text, int offset)
{
    // QJsonParseError::offset counts UTF-8 bytes; the editor counts characters.
    const QString before = QString::fromUtf8(text.toUtf8().left(qMax(0, offset)));
    const int line = int(before.count(u'\n')) + 1;
    const int column = int(before.size() - (before.lastIndexOf(u'\n') + 1)) + 1;
    return {line, column};
}

} // namespace taskmill
