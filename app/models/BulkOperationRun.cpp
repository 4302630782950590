// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/BulkOperationRun.h"

#include "client/BackendClient.h"

namespace taskmill {

BulkOperationRun::BulkOperationRun(BackendClient &client, QObject *parent) : QObject(parent), m_client(client)
{
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, &BulkOperationRun::poll);
}

void BulkOperationRun::start(BulkAction action, const TaskFilter &filter, qint64 expected)
{
    const int generation = ++m_generation;
    m_action = action;
    m_operation.reset();
    m_stopRequested = false;
    m_lost = false;
    m_timer.stop();
    m_client.startBulkAction(action, filter, expected).then(this, [this, generation](Result<BulkOperation> started) {
        if (generation != m_generation)
            return;
        if (!started) {
            if (const auto total = bulkCountChangedTotal(started.error()))
                emit countChanged(*total);
            else
                emit refused(started.error());
            return;
        }
        m_timer.start();
        onAnswer(*started);
    });
}

void BulkOperationRun::stop()
{
    if (!isRunning() || m_stopRequested)
        return;
    m_stopRequested = true;
    const int generation = m_generation;
    m_client.stopBulkOperation(m_operation->id).then(this, [this, generation](Result<BulkOperation> stopped) {
        if (generation != m_generation)
            return;
        if (!stopped) {
            // Not stopped as far as we know: the user may try again.
            m_stopRequested = false;
            emit pollFailed(stopped.error(), false);
            return;
        }
        onAnswer(*stopped);
    });
}

void BulkOperationRun::poll()
{
    // One request at a time: a slow server must not collect a queue of polls.
    if (m_polling || !isRunning())
        return;
    m_polling = true;
    const int generation = m_generation;
    m_client.bulkOperation(m_operation->id).then(this, [this, generation](Result<BulkOperation> read) {
        m_polling = false;
        if (generation != m_generation)
            return;
        if (!read) {
            // Unreachable or slow: the next tick asks again. Anything else will not get better by asking.
            const ErrorCode code = read.error().code;
            m_lost = code != ErrorCode::Unavailable && code != ErrorCode::Timeout && code != ErrorCode::TooManyRequests;
            if (m_lost)
                m_timer.stop();
            emit pollFailed(read.error(), m_lost);
            return;
        }
        onAnswer(*read);
    });
}

void BulkOperationRun::onAnswer(const BulkOperation &operation)
{
    // A late answer (a poll sent before the stop's answer) must not take a final state back.
    if (m_operation && isFinal(m_operation->state))
        return;
    m_operation = operation;
    if (m_stopRequested && operation.state == BulkState::Running)
        m_operation->state = BulkState::Stopping; // a poll that crossed the stop
    emit progressed(*m_operation);
    if (isFinal(operation.state)) {
        m_timer.stop();
        emit finished(operation);
    }
}

} // namespace taskmill
