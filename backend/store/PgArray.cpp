// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/PgArray.h"

namespace taskmill {

QString pgTextArray(const QStringList &values)
{
    QString out;
    out.reserve(values.size() * 16 + 2);
    out += u'{';
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += u',';
        const QString &v = values.at(i);
        if (v.isNull()) {
            out += QLatin1String("NULL");
            continue;
        }
        out += u'"';
        for (QChar c : v) {
            if (c == u'"' || c == u'\\')
                out += u'\\';
            out += c;
        }
        out += u'"';
    }
    out += u'}';
    return out;
}

QString pgUuidArray(const QList<QUuid> &ids)
{
    QString out;
    out.reserve(ids.size() * 37 + 2);
    out += u'{';
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            out += u',';
        out += ids.at(i).toString(QUuid::WithoutBraces);
    }
    out += u'}';
    return out;
}

QString pgIntArray(const QList<int> &values)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i)
            out += u',';
        out += QString::number(values.at(i));
    }
    out += u'}';
    return out;
}

} // namespace taskmill
