// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "taskmill/v1/taskmill.pb.h"

#include <grpcpp/client_context.h>

#include <QString>

namespace taskmill::test {

// The taskmill-error-* trailers of a failed call (docs/api.md, "gRPC").
struct ErrorTrailers
{
    QString code;
    QString field;
    taskmill::v1::ErrorDetail detail;
};

inline QString trailer(const grpc::ClientContext &context, const char *key)
{
    const auto &md = context.GetServerTrailingMetadata();
    const auto it = md.find(key);
    return it == md.end() ? QString() : QString::fromStdString(std::string(it->second.data(), it->second.size()));
}

inline ErrorTrailers trailersOf(const grpc::ClientContext &context)
{
    ErrorTrailers t;
    t.code = trailer(context, "taskmill-error-code");
    t.field = trailer(context, "taskmill-error-field");
    const auto &md = context.GetServerTrailingMetadata();
    if (const auto it = md.find("taskmill-error-bin"); it != md.end())
        t.detail.ParseFromString(std::string(it->second.data(), it->second.size()));
    return t;
}

} // namespace taskmill::test
