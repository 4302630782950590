// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "validation/PayloadSchema.h"
#include "wire/HandlerTypes.h"
#include "wire/WireTypes.h"

#include <QHash>
#include <QSqlDatabase>

#include <memory>
#include <mutex>
#include <optional>

namespace taskmill {

// This process's copy of the handler registry, with each payload schema compiled once. Creates are checked
// against it on the HTTP thread, without a database round trip. It is reloaded at once after a change made
// through this process and otherwise whenever the table's fingerprint moves (refreshIfChanged(), every
// second), so another api's change is seen within a second. Thread-safe: readers take an immutable snapshot.
class HandlerCatalog final
{
public:
    struct Entry
    {
        HandlerSpec spec;
        std::shared_ptr<const PayloadSchema> schema; // null only if a stored schema no longer compiles
    };
    using Snapshot = QHash<QString, Entry>;

    std::shared_ptr<const Snapshot> snapshot() const;

    // Reads every handler (and the fingerprint) from PostgreSQL and swaps the snapshot.
    Result<Unit> reload(QSqlDatabase &db);
    // Reloads only when the table changed since the last reload.
    Result<Unit> refreshIfChanged(QSqlDatabase &db);

    // Checks one create against the registry and fills in what the request left to the handler: the type
    // must name a handler (422 on `type` saying how to register one); the payload must match its schema
    // (422 validation_failed on "<prefix>payload" listing every violation, paths relative to the payload);
    // default_priority, max_attempts and retry_policy apply where the request named none.
    std::optional<ApiError> admit(CreateTaskRequest &request, const QString &fieldPrefix = {}) const;
    // The stream lane of a type: its name when an external handler owns it or its handler has a concurrency
    // limit (so its tasks can be read as far as the limit allows), else empty (the built-in streams).
    QString laneOf(const QString &type) const;
    bool isExternal(const QString &type) const;
    // type -> concurrency, for the handlers among `types` that have a limit.
    QHash<QString, int> limitsOf(const QStringList &types) const;

    // The same check for a payload given on its own (a dead-letter requeue with an edited payload).
    std::optional<ApiError> checkPayload(const QString &type, const QJsonObject &payload, const QString &field) const;

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const Snapshot> m_snapshot = std::make_shared<const Snapshot>();
    QPair<qint64, qint64> m_fingerprint{-1, -1};
};

} // namespace taskmill
