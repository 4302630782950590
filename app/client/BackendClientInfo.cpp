// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The server-info endpoint of BackendClient (docs/api.md, docs/tracing.md).
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

namespace taskmill {

QFuture<Result<ServerInfo>> BackendClient::serverInfo()
{
    return call<ServerInfo>(Verb::Get, QStringLiteral("/api/v1/info"), {}, {},
                            objectDecoder<ServerInfo>(&ServerInfo::fromJson));
}

} // namespace taskmill
