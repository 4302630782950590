// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace google::protobuf {
class Message;
}

namespace taskmill::grpcapi {

// The gRPC messages (proto/taskmill/v1) and the REST JSON bodies name every field alike, so a request is
// turned into the very JSON a REST client would send and goes through the same parsing and validation, and a
// REST answer becomes the reply message. What proto3 JSON spells differently is mended here, driven by the
// message descriptors, in both directions:
// - enums: proto "PRIORITY_HIGH", "DURABILITY_FAST" ⇄ REST "HIGH", "fast" (the value after the enum's prefix,
//   lower case for the enums REST spells in lower case); *_UNSPECIFIED ⇄ absent;
// - 64-bit integers: proto3 JSON strings ⇄ REST numbers;
// - a google.protobuf.Struct field the REST answer holds as a string (a payload redacted for this caller) ⇄
//   absent, with the sibling "<field>_redacted" set;
// - REST nulls ⇄ absent fields.
QJsonObject toRestJson(const google::protobuf::Message &message);
// nullopt on success, else what did not fit (a bug: the REST answers are the server's own).
std::optional<QString> fromRestJson(const QJsonObject &json, google::protobuf::Message *message);

} // namespace taskmill::grpcapi
