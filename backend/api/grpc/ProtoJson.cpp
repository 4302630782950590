// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/grpc/ProtoJson.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace taskmill::grpcapi {

namespace {
using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;

// The enums whose REST values are lower case ("fast", "builtin").
bool lowerCaseOnRest(const EnumDescriptor *e)
{
    return e->full_name() == "taskmill.v1.Durability" || e->full_name() == "taskmill.v1.HandlerKind";
}

// "HandlerKind" → "HANDLER_KIND_": the prefix every value of the enum carries (proto style).
QString enumPrefix(const EnumDescriptor *e)
{
    const QString name = QString::fromStdString(e->name());
    QString out;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (i > 0 && name.at(i).isUpper())
            out += u'_';
        out += name.at(i).toUpper();
    }
    return out + u'_';
}

bool isStruct(const FieldDescriptor *f)
{
    return f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && f->message_type()->full_name() == "google.protobuf.Struct";
}

bool isWellKnown(const Descriptor *d)
{
    return d->file()->package() == "google.protobuf";
}

bool is64Bit(const FieldDescriptor *f)
{
    return f->cpp_type() == FieldDescriptor::CPPTYPE_INT64 || f->cpp_type() == FieldDescriptor::CPPTYPE_UINT64;
}

QJsonValue enumToRest(const EnumDescriptor *e, const QJsonValue &v)
{
    const QString prefix = enumPrefix(e);
    QString s = v.toString();
    if (!s.startsWith(prefix) || s == prefix + u"UNSPECIFIED")
        return QJsonValue(QJsonValue::Undefined);
    s = s.mid(prefix.size());
    return lowerCaseOnRest(e) ? s.toLower() : s;
}

QJsonValue enumFromRest(const EnumDescriptor *e, const QJsonValue &v)
{
    if (!v.isString() || v.toString().isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    return QString(enumPrefix(e) + v.toString().toUpper());
}

QJsonObject toRest(const Descriptor *d, QJsonObject o);
QJsonObject fromRest(const Descriptor *d, QJsonObject o);

// One field's value, in either direction.
QJsonValue convert(const FieldDescriptor *f, const QJsonValue &v, bool toRestSide)
{
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM)
        return toRestSide ? enumToRest(f->enum_type(), v) : enumFromRest(f->enum_type(), v);
    if (toRestSide && is64Bit(f) && v.isString())
        return double(v.toString().toLongLong());
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !isWellKnown(f->message_type()) && v.isObject())
        return toRestSide ? toRest(f->message_type(), v.toObject()) : fromRest(f->message_type(), v.toObject());
    return v;
}

QJsonObject walk(const Descriptor *d, QJsonObject o, bool toRestSide)
{
    for (int i = 0; i < d->field_count(); ++i) {
        const FieldDescriptor *f = d->field(i);
        const QString key = QString::fromStdString(f->name());
        const auto it = o.find(key);
        if (it == o.end())
            continue;
        QJsonValue v = it.value();
        if (!toRestSide && v.isNull()) {
            o.erase(it);
            continue;
        }
        if (!toRestSide && isStruct(f) && !v.isObject()) {
            // A payload redacted for this caller arrives as a string: the message says so instead.
            o.erase(o.find(key));
            if (d->FindFieldByName(f->name() + "_redacted"))
                o.insert(key + u"_redacted", true);
            continue;
        }
        if (f->is_repeated() && v.isArray()) {
            QJsonArray out;
            for (const QJsonValue &item : v.toArray())
                if (QJsonValue c = convert(f, item, toRestSide); !c.isUndefined())
                    out.append(c);
            v = out;
        } else {
            v = convert(f, v, toRestSide);
        }
        if (v.isUndefined())
            o.erase(o.find(key));
        else
            o.insert(key, v);
    }
    return o;
}

QJsonObject toRest(const Descriptor *d, QJsonObject o)
{
    return walk(d, std::move(o), true);
}

QJsonObject fromRest(const Descriptor *d, QJsonObject o)
{
    return walk(d, std::move(o), false);
}
} // namespace

QJsonObject toRestJson(const google::protobuf::Message &message)
{
    std::string text;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    if (!google::protobuf::util::MessageToJsonString(message, &text, options).ok())
        return {};
    return toRest(message.GetDescriptor(), QJsonDocument::fromJson(QByteArray::fromStdString(text)).object());
}

std::optional<QString> fromRestJson(const QJsonObject &json, google::protobuf::Message *message)
{
    const QJsonObject mended = fromRest(message->GetDescriptor(), json);
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true; // REST answers carry keys the messages leave out (next_after)
    const std::string text = QJsonDocument(mended).toJson(QJsonDocument::Compact).toStdString();
    const auto status = google::protobuf::util::JsonStringToMessage(text, message, options);
    if (status.ok())
        return std::nullopt;
    return QString::fromStdString(std::string(status.message()));
}

} // namespace taskmill::grpcapi
