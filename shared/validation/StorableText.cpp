// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "validation/StorableText.h"

#include <QJsonArray>
#include <QJsonObject>

namespace taskmill {

namespace {
// A key as it appears in a field path: what cannot be stored is written as a \uXXXX escape, so the
// path itself is storable and printable.
QString printable(const QString &text)
{
    QString out;
    for (QChar c : text) {
        if (c.unicode() == 0 || c.isSurrogate())
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString member(const QString &path, const QString &key)
{
    return path.isEmpty() ? printable(key) : path + u'.' + printable(key);
}
} // namespace

bool isStorableText(const QString &text)
{
    const qsizetype n = text.size();
    const QChar *d = text.constData();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = d[i].unicode();
        if (c == 0)
            return false;
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= n || !QChar::isLowSurrogate(d[i + 1].unicode()))
                return false;
            ++i; // a proper pair
        } else if (QChar::isLowSurrogate(c)) {
            return false;
        }
    }
    return true;
}

std::optional<QString> findUnstorableText(const QJsonValue &value, const QString &path)
{
    switch (value.type()) {
    case QJsonValue::String:
        if (!isStorableText(value.toString()))
            return path;
        return std::nullopt;
    case QJsonValue::Array: {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (auto bad = findUnstorableText(a.at(i), path + QStringLiteral("[%1]").arg(i)))
                return bad;
        return std::nullopt;
    }
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!isStorableText(it.key()))
                return member(path, it.key());
            if (auto bad = findUnstorableText(it.value(), member(path, it.key())))
                return bad;
        }
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

bool mayHoldUnstorableEscape(QByteArrayView body)
{
    for (qsizetype i = body.indexOf("\\u"); i >= 0 && i + 5 < body.size(); i = body.indexOf("\\u", i + 2)) {
        const char a = body.at(i + 2), b = body.at(i + 3);
        if (a == '0' && b == '0' && body.at(i + 4) == '0' && body.at(i + 5) == '0')
            return true;
        if ((a == 'd' || a == 'D') && QByteArrayView("89abcdefABCDEF").contains(b))
            return true;
    }
    return false;
}

std::optional<QString> findUnstorableQueryItem(const QUrlQuery &query)
{
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        if (!isStorableText(key) || !isStorableText(value))
            return printable(key);
    return std::nullopt;
}

ApiError unstorableTextError(const QString &field)
{
    return ApiError::validation(field, QStringLiteral("%1 contains a character that cannot be stored: U+0000 (NUL) or "
                                                      "an unpaired UTF-16 surrogate such as \\ud800")
                                           .arg(field.isEmpty() ? QStringLiteral("the request") : field));
}

} // namespace taskmill
