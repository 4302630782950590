// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "observability/Span.h"

#include <chrono>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// The export body is written by hand: building it as QJsonObjects cost several times more CPU per span,
// and tracing runs once per task attempt.
void appendString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (uchar(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(uchar(c) >> 4) & 0xf];
                out += hex[uchar(c) & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendAnyValue(QByteArray &out, const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Bool:
        out += v.toBool() ? "{\"boolValue\":true}" : "{\"boolValue\":false}";
        return;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        // int64 values are strings in OTLP JSON
        out += "{\"intValue\":\"" + QByteArray::number(v.toLongLong()) + "\"}";
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        out += "{\"doubleValue\":" + QByteArray::number(v.toDouble(), 'g', 17) + '}';
        return;
    default:
        out += "{\"stringValue\":";
        appendString(out, v.toString());
        out += '}';
    }
}

void appendAttributes(QByteArray &out, const QList<QPair<QString, QVariant>> &attributes)
{
    out += '[';
    for (qsizetype i = 0; i < attributes.size(); ++i) {
        if (i > 0)
            out += ',';
        out += "{\"key\":";
        appendString(out, attributes.at(i).first);
        out += ",\"value\":";
        appendAnyValue(out, attributes.at(i).second);
        out += '}';
    }
    out += ']';
}

void appendSpan(QByteArray &out, const SpanData &s)
{
    out += "{\"traceId\":\"" + s.traceId.toLatin1() + "\",\"spanId\":\"" + s.spanId.toLatin1() + '"';
    if (!s.parentSpanId.isEmpty())
        out += ",\"parentSpanId\":\"" + s.parentSpanId.toLatin1() + '"';
    out += ",\"name\":";
    appendString(out, s.name);
    out += ",\"kind\":" + QByteArray::number(int(s.kind));
    out += ",\"startTimeUnixNano\":\"" + QByteArray::number(s.startNs) + "\",\"endTimeUnixNano\":\""
        + QByteArray::number(s.endNs) + "\",\"attributes\":";
    appendAttributes(out, s.attributes);
    out += ",\"status\":{\"code\":" + QByteArray::number(int(s.status));
    if (!s.statusMessage.isEmpty()) {
        out += ",\"message\":";
        appendString(out, s.statusMessage);
    }
    out += "}}";
}
} // namespace

QVariant SpanData::attribute(const QString &key) const
{
    for (const auto &[k, v] : attributes)
        if (k == key)
            return v;
    return {};
}

qint64 unixNanosNow()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QByteArray otlpTraceRequest(const QList<SpanData> &spans, const QString &serviceName, const QString &serviceVersion)
{
    QByteArray out;
    out.reserve(200 + spans.size() * 700);
    out += "{\"resourceSpans\":[{\"resource\":{\"attributes\":";
    appendAttributes(out, {{u"service.name"_s, serviceName}, {u"service.version"_s, serviceVersion}});
    out += "},\"scopeSpans\":[{\"scope\":{\"name\":\"taskmill\",\"version\":";
    appendString(out, serviceVersion);
    out += "},\"spans\":[";
    for (qsizetype i = 0; i < spans.size(); ++i) {
        if (i > 0)
            out += ',';
        appendSpan(out, spans.at(i));
    }
    out += "]}]}]}";
    return out;
}

QString consoleLine(const SpanData &s)
{
    QString line = s.name + u' ' + QString::number(double(s.endNs - s.startNs) / 1e6, 'f', 3) + u" ms trace="_s
        + s.traceId + u" span="_s + s.spanId;
    if (!s.parentSpanId.isEmpty())
        line += u" parent="_s + s.parentSpanId;
    if (s.status == SpanStatus::Error)
        line += u" status=error"_s;
    if (!s.statusMessage.isEmpty())
        line += u" \""_s + s.statusMessage + u'"';
    for (const auto &[key, value] : s.attributes) {
        const QString text = value.toString();
        line += u' ' + key + u'=' + (text.contains(u' ') ? u'"' + text + u'"' : text);
    }
    return line;
}

} // namespace taskmill
