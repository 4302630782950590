// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/ExportActions.h"

#include "models/TaskExporter.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QWidget>

#include <limits>

namespace taskmill {

ExportActions::ExportActions(BackendClient &client, std::function<TaskListQuery()> currentQuery, QWidget *window)
    : ExportActions(Kind::Tasks, [&client, currentQuery = std::move(currentQuery)] {
          return TaskExporter::taskPages(client, currentQuery());
      }, window)
{
}

ExportActions::ExportActions(Kind kind, std::function<TaskExporter::PageFetch()> currentSource, QWidget *window)
    : QObject(window), m_kind(kind), m_currentSource(std::move(currentSource)), m_window(window)
{
    m_export = new QAction(tr("&Export…"), this);
    m_export->setObjectName(kind == Kind::Tasks ? QStringLiteral("exportTasksAction") : QStringLiteral("exportDeadLettersAction"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setToolTip(kind == Kind::Tasks ? tr("Write every task the filter matches to a CSV or JSON Lines file")
                                             : tr("Write every dead letter the page lists to a CSV or JSON Lines file"));
    connect(m_export, &QAction::triggered, this, &ExportActions::chooseFile);
}

QString ExportActions::title() const
{
    return m_kind == Kind::Tasks ? tr("Export Tasks") : tr("Export Dead Letters");
}

void ExportActions::chooseFile()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(m_kind == Kind::Tasks ? QStringLiteral("tasks.csv") : QStringLiteral("dead-letters.csv"));
    const QString path = QFileDialog::getSaveFileName(m_window, title(), suggested,
                                                      tr("CSV (*.csv);;JSON Lines (*.jsonl)"));
    if (!path.isEmpty())
        exportTo(path);
}

void ExportActions::exportTo(const QString &path)
{
    if (m_exporter)
        return; // one at a time: the action is disabled meanwhile
    auto *exporter = new TaskExporter(m_currentSource(), path, TaskExporter::formatForPath(path), this);
    m_exporter = exporter;
    m_export->setEnabled(false);
    m_progress = new QProgressDialog(tr("Exporting tasks…"), tr("Stop"), 0, 0, m_window);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowTitle(title());
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, exporter, &TaskExporter::cancel);
    connect(exporter, &TaskExporter::progress, this, [this](qint64 written, qint64 total) {
        if (!m_progress)
            return;
        m_progress->setMaximum(int(qMin<qint64>(total, std::numeric_limits<int>::max())));
        m_progress->setValue(int(qMin<qint64>(written, std::numeric_limits<int>::max())));
        m_progress->setLabelText(tr("Exported %1 of %2 tasks…").arg(QLocale().toString(written), QLocale().toString(total)));
    });
    const auto done = [this, exporter](bool ok, const QString &message) {
        if (m_progress)
            m_progress->close();
        m_export->setEnabled(true);
        exporter->deleteLater();
        emit statusMessagePosted(message);
        emit exportFinished(ok);
    };
    connect(exporter, &TaskExporter::finished, this, [done, path](qint64 written) {
        done(true, tr("Exported %Ln task(s) to %1.", nullptr, int(qMin<qint64>(written, std::numeric_limits<int>::max())))
                       .arg(QDir::toNativeSeparators(path)));
    });
    connect(exporter, &TaskExporter::failed, this, [this, done](const QString &message) {
        if (m_progress && m_progress->wasCanceled()) { // the user's own Stop: a status line is enough
            done(false, message);
            return;
        }
        auto *box = new QMessageBox(QMessageBox::Warning, title(), message, QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("exportError"));
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
        done(false, message);
    });
    m_progress->show();
    exporter->start();
}

} // namespace taskmill
