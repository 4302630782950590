// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/TaskExporter.h"
#include "wire/TaskFilter.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

#include <functional>

class QAction;
class QWidget;

namespace taskmill {

class BackendClient;

// Tasks → Export… (Ctrl+E): every task the current filter matches, in the table's order, to a CSV or JSON
// Lines file chosen in a save dialog; a progress dialog counts the rows and can stop it (then no file is
// written). The query comes from `currentQuery` at the moment the export starts. The Dead Letters page uses
// the same with its own list (`DeadLetters`: the page's search, group and order).
class ExportActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportActions)

public:
    enum class Kind { Tasks, DeadLetters };
    ExportActions(BackendClient &client, std::function<TaskListQuery()> currentQuery, QWidget *window);
    // `currentSource` gives the pages to write, read when the export starts.
    ExportActions(Kind kind, std::function<TaskExporter::PageFetch()> currentSource, QWidget *window);

    QAction *exportAction() const { return m_export; }
    void exportTo(const QString &path); // what the save dialog's answer starts; tests call it directly
    QProgressDialog *progressDialog() const { return m_progress; }

signals:
    void statusMessagePosted(const QString &message);
    void exportFinished(bool ok); // after the summary is posted

private:
    void chooseFile();
    QString title() const;

    Kind m_kind;
    std::function<TaskExporter::PageFetch()> m_currentSource;
    QWidget *m_window;
    QAction *m_export = nullptr;
    QPointer<TaskExporter> m_exporter;
    QPointer<QProgressDialog> m_progress;
};

} // namespace taskmill
