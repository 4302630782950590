// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/BulkTypes.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace taskmill {

class BackendClient;

// One bulk operation by filter as the app follows it (docs/api.md, "Bulk operations by filter"): starts it with the
// count the user confirmed, then polls its progress every PollMs until it ends; stop() asks the server to stop it.
// A poll the server could not answer (unreachable) is retried at the next tick; the operation goes on server-side
// meanwhile. No widgets: views show what the signals say.
class BulkOperationRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkOperationRun)

public:
    static constexpr int PollMs = 500;

    explicit BulkOperationRun(BackendClient &client, QObject *parent = nullptr);

    // POST …/bulk/{action}. Ends in exactly one of: progressed() and later finished(); countChanged() (nothing
    // started: ask the user again); refused() (nothing started).
    void start(BulkAction action, const TaskFilter &filter, qint64 expected);
    // DELETE /api/v1/tasks/bulk/{id}; polling goes on until the server reports the final state.
    void stop();

    bool isRunning() const { return m_operation && !isFinal(m_operation->state) && !m_lost; }
    bool isStopRequested() const { return m_stopRequested; }
    BulkAction action() const { return m_action; }
    // The last state the server reported; nullopt before the start was answered.
    const std::optional<BulkOperation> &operation() const { return m_operation; }

signals:
    void progressed(const taskmill::BulkOperation &operation);
    void finished(const taskmill::BulkOperation &operation);
    // The tasks matching now are not the confirmed count: `total` is the real one.
    void countChanged(qint64 total);
    void refused(const taskmill::ApiError &error);
    // A progress request or the stop failed; the operation may still run on the server. `lost`: polling ended
    // (the server answered with something other than "unavailable": the operation is not ours to follow any more).
    void pollFailed(const taskmill::ApiError &error, bool lost);

private:
    void poll();
    void onAnswer(const BulkOperation &operation);

    BackendClient &m_client;
    QTimer m_timer;
    BulkAction m_action = BulkAction::Cancel;
    std::optional<BulkOperation> m_operation;
    bool m_polling = false;
    bool m_stopRequested = false;
    bool m_lost = false;
    int m_generation = 0; // answers for an earlier start() are dropped
};

} // namespace taskmill
