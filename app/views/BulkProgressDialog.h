// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/BulkTypes.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;

namespace taskmill {

// The progress of one bulk operation by filter, non-modal: done and failed of total, a bar, Stop (asks the server to
// stop; what was changed stays changed) and Hide (the operation goes on; choosing the action again shows this
// again). Shows what it is given; BulkTaskActions feeds it from a BulkOperationRun. Server text is plain text.
class BulkProgressDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkProgressDialog)

public:
    explicit BulkProgressDialog(QWidget *parent = nullptr);

    // A new operation starts: the title for `action`, nothing counted yet, Stop enabled.
    void begin(BulkAction action);
    void showOperation(const BulkOperation &operation);
    // A progress request failed (the operation may go on): shown under the counts until the next answer.
    void showProblem(const QString &text);

    QString progressText() const; // what the counts line says, for tests
    QPushButton *stopButton() const { return m_stop; }

signals:
    void stopRequested();

private:
    BulkAction m_action = BulkAction::Cancel;
    QLabel *m_counts = nullptr;
    QLabel *m_detail = nullptr;
    QProgressBar *m_bar = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_hide = nullptr;
};

} // namespace taskmill
