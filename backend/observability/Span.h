// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

namespace taskmill {

// OTLP span kinds and status codes, numbered as in opentelemetry/proto/trace/v1/trace.proto.
enum class SpanKind { Internal = 1, Server = 2, Client = 3, Producer = 4, Consumer = 5 };
enum class SpanStatus { Unset = 0, Ok = 1, Error = 2 };

// One finished span, as handed to the Tracer. Times are Unix epoch nanoseconds. Attribute values are
// QString, bool, integral or double QVariants (anything else is exported as its string form).
struct SpanData
{
    QString traceId;
    QString spanId;
    QString parentSpanId; // empty for a root span
    QString name;
    SpanKind kind = SpanKind::Internal;
    qint64 startNs = 0;
    qint64 endNs = 0;
    QList<QPair<QString, QVariant>> attributes;
    SpanStatus status = SpanStatus::Unset;
    QString statusMessage;

    void setAttribute(const QString &key, const QVariant &value) { attributes.append({key, value}); }
    QVariant attribute(const QString &key) const;
};

qint64 unixNanosNow();

// The body of an OTLP/HTTP JSON export request (ExportTraceServiceRequest): one resource with
// service.name/service.version, one scope "taskmill", the spans. Ids stay hex, as the JSON mapping of
// OTLP requires; 64-bit integers are strings. Compact UTF-8 JSON.
QByteArray otlpTraceRequest(const QList<SpanData> &spans, const QString &serviceName, const QString &serviceVersion);

// One human-readable line for console span logging:
// `task sleep 12.345 ms trace=… span=… parent=… status=error "message" task.id=… task.attempt=2 …`.
QString consoleLine(const SpanData &span);

} // namespace taskmill
