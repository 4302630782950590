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
    : QObject(window), m_client(client), m_currentQuery(std::move(currentQuery)), m_window(window)
{
    m_export = new QAction(tr("&Export…"), this);
    m_export->setObjectName(QStringLiteral("exportTasksAction"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setToolTip(tr("Write every task the filter matches to a CSV or JSON Lines file"));
    connect(m_export, &QAction::triggered, this, &ExportActions::chooseFile);
}

void ExportActions::chooseFile()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(QStringLiteral("tasks.csv"));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export Tasks"), suggested,
                                                      tr("CSV (*.csv);;JSON Lines (*.jsonl)"));
    if (!path.isEmpty())
        exportTo(path);
}

void ExportActions::exportTo(const QString &path)
{
    if (m_exporter)
        return; // one at a time: the action is disabled meanwhile
    auto *exporter = new TaskExporter(m_client, m_currentQuery(), path, TaskExporter::formatForPath(path), this);
    m_exporter = exporter;
    m_export->setEnabled(false);
    m_progress = new QProgressDialog(tr("Exporting tasks…"), tr("Stop"), 0, 0, m_window);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowTitle(tr("Export Tasks"));
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
        done(true, tr("Exported %n task(s) to %1.", nullptr, int(qMin<qint64>(written, std::numeric_limits<int>::max())))
                       .arg(QDir::toNativeSeparators(path)));
    });
    connect(exporter, &TaskExporter::failed, this, [this, done](const QString &message) {
        if (m_progress && m_progress->wasCanceled()) { // the user's own Stop: a status line is enough
            done(false, message);
            return;
        }
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export Tasks"), message, QMessageBox::Ok, m_window);
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
