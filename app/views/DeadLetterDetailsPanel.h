// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/DeadLetterTypes.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace taskmill {

class BackendClient;

// One dead-lettered task (GET /api/v1/dlq/{id}): its fields, every attempt reconstructed from the history
// (run, attempt, start, end, worker, error) and its payload in an editor. The editor is checked as the
// user types: a parse error shows its line and column, and "Requeue with This Payload" stays disabled
// until the text is a JSON object. A refresh of the same task never overwrites an edited payload; the
// server's validation error is shown under the editor.
class DeadLetterDetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterDetailsPanel)

public:
    explicit DeadLetterDetailsPanel(BackendClient &client, QWidget *parent = nullptr);

    QUuid taskId() const { return m_taskId; } // null while nothing is shown
    const DeadLetterDetails &details() const { return m_details; } // as last loaded
    bool isPayloadEdited() const;
    QPlainTextEdit *payloadEditor() const { return m_payload; }
    QPushButton *requeueButton() const { return m_requeue; }
    QString payloadError() const; // shown under the editor; empty when none
    QString actionError() const;  // a failed load or requeue that concerns no field

    void showTask(const QUuid &id); // loads it; the same id keeps an edited payload
    void reload();
    void clear();
    void requeueWithEditedPayload(); // POST /api/v1/dlq/{id}/requeue {"payload": …}

signals:
    void loaded(const taskmill::DeadLetterDetails &details);
    void requeued(const taskmill::Task &task);

private:
    void fill();
    void fillAttempts();
    void onPayloadChanged();
    void resetPayload();
    void setActionError(const QString &text);

    BackendClient &m_client;
    QUuid m_taskId;
    DeadLetterDetails m_details;
    QString m_loadedPayloadText; // what the editor showed before the user typed
    quint64 m_generation = 0;    // answers for a task no longer shown are dropped
    bool m_requeueing = false;
    bool m_payloadValid = false;
    QLabel *m_placeholder = nullptr;
    QWidget *m_content = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_attempts = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QLabel *m_payloadError = nullptr;
    QLabel *m_actionError = nullptr;
    QPushButton *m_reset = nullptr;
    QPushButton *m_requeue = nullptr;
};

} // namespace taskmill
