// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace taskmill {

class LocalBackend;

// Read-only view of the output of the taskmilld this app started (the last LocalBackend::MaxLogLines).
class BackendLogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackendLogPanel)

public:
    explicit BackendLogPanel(LocalBackend &backend, QWidget *parent = nullptr);

    QString text() const;

private:
    QPlainTextEdit *m_text = nullptr;
};

} // namespace taskmill
