// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TaskDetailsPanel.h"
#include "models/TimeFormat.h"

#include "client/BackendClient.h"
#include "models/TaskModel.h"
#include "views/TaskTimeline.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace taskmill {

namespace {
QString formatTimeWithMs(const QDateTime &t)
{
    return formatTime(t, TimePrecision::Milliseconds);
}
} // namespace

namespace {
QString formatJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("null");
    // A scalar: wrap it so QJsonDocument formats it exactly as on the wire, then unwrap.
    QString text = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

QPlainTextEdit *jsonView(const QString &name, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}
} // namespace

TaskDetailsPanel::TaskDetailsPanel(BackendClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    m_placeholder = new QLabel(tr("Select a task to see its details."), this);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);

    auto *fieldsPage = new QWidget;
    auto *form = new QFormLayout(fieldsPage);
    // A narrow dock (or long Russian labels) puts a value under its label instead of cutting it off.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_form = form;
    const QList<QPair<QString, QString>> fields = {
        {QStringLiteral("id"), tr("ID")},
        {QStringLiteral("title"), tr("Title")},
        {QStringLiteral("description"), tr("Description")},
        {QStringLiteral("type"), tr("Type")},
        {QStringLiteral("priority"), tr("Priority")},
        {QStringLiteral("status"), tr("Status")},
        {QStringLiteral("attempts"), tr("Attempts")},
        {QStringLiteral("worker"), tr("Worker")},
        {QStringLiteral("created"), tr("Created")},
        {QStringLiteral("runAt"), tr("Run at")},
        {QStringLiteral("started"), tr("Started")},
        {QStringLiteral("completed"), tr("Finished")},
        {QStringLiteral("updated"), tr("Updated")},
        {QStringLiteral("deadLettered"), tr("Dead-lettered")},
        {QStringLiteral("error"), tr("Error")},
        {QStringLiteral("traceId"), tr("Trace ID")},
        {QStringLiteral("spanId"), tr("Span ID")},
    };
    for (const auto &[name, label] : fields) {
        auto *value = new QLabel(fieldsPage);
        value->setObjectName(name);
        // Titles, errors and worker names come from clients and workers: never let them render as markup.
        value->setTextFormat(Qt::PlainText);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(tr("%1:", "form label").arg(label), value);
        m_fields.insert(name, value);
        if (name == QLatin1String("worker"))
            addLeaseRows(form, fieldsPage);
    }
    m_copyTraceId = new QAction(tr("Copy Trace ID"), this);
    m_copyTraceId->setObjectName(QStringLiteral("copyTraceIdAction"));
    connect(m_copyTraceId, &QAction::triggered, this, &TaskDetailsPanel::copyTraceId);
    auto *copyButton = new QToolButton(fieldsPage);
    copyButton->setDefaultAction(m_copyTraceId);
    m_openTrace = new QAction(tr("Open Trace"), this);
    m_openTrace->setObjectName(QStringLiteral("openTraceAction"));
    connect(m_openTrace, &QAction::triggered, this, &TaskDetailsPanel::openTrace);
    auto *openButton = new QToolButton(fieldsPage);
    openButton->setDefaultAction(m_openTrace);
    auto *traceButtons = new QHBoxLayout;
    traceButtons->addWidget(copyButton);
    traceButtons->addWidget(openButton);
    traceButtons->addStretch();
    form->addRow(QString(), traceButtons);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(fieldsPage);

    m_payload = jsonView(QStringLiteral("payload"), this);
    m_result = jsonView(QStringLiteral("result"), this);

    auto *historyPage = new QWidget;
    auto *historyLayout = new QVBoxLayout(historyPage);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    m_history = new QTableWidget(0, 6, historyPage);
    m_history->setObjectName(QStringLiteral("history"));
    m_history->setHorizontalHeaderLabels({tr("Time"), tr("From", "status"), tr("To", "status"), tr("Worker"),
                                          tr("Attempt"), tr("Message")});
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_historyError = new QLabel(historyPage);
    m_historyError->setObjectName(QStringLiteral("historyError"));
    m_historyError->setWordWrap(true);
    m_historyError->hide();
    // Above the table rather than in a tab of its own: the scale and the rows explain each other.
    m_timeline = new TaskTimeline(historyPage);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    historyLayout->addWidget(m_timeline);
    historyLayout->addWidget(m_history);
    historyLayout->addWidget(m_historyError);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(scroll, tr("Fields"));
    m_tabs->addTab(m_payload, tr("Payload"));
    m_tabs->addTab(m_result, tr("Result"));
    m_tabs->addTab(historyPage, tr("History"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_tabs);
    clear();

    // The template is server configuration: ask again whenever a (possibly different) backend answers.
    connect(&m_client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected)
            loadServerInfo();
    });
    loadServerInfo();
}

void TaskDetailsPanel::addLeaseRows(QFormLayout *form, QWidget *page)
{
    m_progressRow = new QWidget(page);
    auto *rowLayout = new QVBoxLayout(m_progressRow);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 100);
    m_progress->setFormat(tr("%p%", "progress bar"));
    m_progressMessage = new QLabel(m_progressRow);
    m_progressMessage->setObjectName(QStringLiteral("progressMessage"));
    // The message is whatever the worker sent with its heartbeat.
    m_progressMessage->setTextFormat(Qt::PlainText);
    m_progressMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progressMessage->setWordWrap(true);
    rowLayout->addWidget(m_progress);
    rowLayout->addWidget(m_progressMessage);
    form->addRow(tr("%1:", "form label").arg(tr("Progress")), m_progressRow);

    m_lease = new QLabel(page);
    m_lease->setObjectName(QStringLiteral("lease"));
    m_lease->setTextFormat(Qt::PlainText);
    m_lease->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // No label of its own: the text reads on as part of the worker's row above.
    form->addRow(QString(), m_lease);
}

void TaskDetailsPanel::fillLease()
{
    const Task &t = m_task;
    const bool hasProgress = t.progress >= 0 || !t.progressMessage.isEmpty();
    // A worker may send a message without a percentage: then only the message shows.
    if (t.progress >= 0)
        m_progress->setValue(t.progress);
    m_progress->setVisible(t.progress >= 0);
    m_progressMessage->setText(t.progressMessage);
    m_progressMessage->setVisible(!t.progressMessage.isEmpty());
    m_form->setRowVisible(m_progressRow, hasProgress);

    m_lease->setText(t.leaseExpiresAt.isValid() ? tr("Lease until %1").arg(formatTimeWithMs(t.leaseExpiresAt))
                                                : QString());
    m_form->setRowVisible(m_lease, t.leaseExpiresAt.isValid());
}

void TaskDetailsPanel::showTask(const Task &task)
{
    const bool other = task.id != m_task.id;
    m_task = task;
    fillFields();
    if (other) {
        m_history->setRowCount(0);
        m_timeline->setHistory({});
        loadHistory();
    }
}

void TaskDetailsPanel::clear()
{
    m_task = Task{};
    ++m_historyGeneration;
    m_history->setRowCount(0);
    m_timeline->setHistory({});
    m_placeholder->show();
    m_tabs->hide();
    updateTraceActions();
}

void TaskDetailsPanel::updateTasks(const QList<Task> &tasks)
{
    for (const Task &task : tasks)
        if (!m_task.id.isNull() && task.id == m_task.id)
            showTask(task);
}

void TaskDetailsPanel::onEventsApplied(const QList<TaskEvent> &events)
{
    if (m_task.id.isNull())
        return;
    for (const TaskEvent &event : events) {
        if (event.taskId == m_task.id) {
            loadHistory();
            return;
        }
    }
}

void TaskDetailsPanel::fillFields()
{
    m_placeholder->hide();
    m_tabs->show();
    const Task &t = m_task;
    m_fields.value(QStringLiteral("id"))->setText(t.id.toString(QUuid::WithoutBraces));
    m_fields.value(QStringLiteral("title"))->setText(t.title);
    m_fields.value(QStringLiteral("description"))->setText(t.description);
    m_fields.value(QStringLiteral("type"))->setText(t.type);
    m_fields.value(QStringLiteral("priority"))->setText(TaskModel::displayName(t.priority));
    m_fields.value(QStringLiteral("status"))->setText(TaskModel::displayName(t.status));
    m_fields.value(QStringLiteral("attempts"))->setText(tr("%1 of %2", "attempts").arg(t.attempts).arg(t.maxAttempts));
    m_fields.value(QStringLiteral("worker"))->setText(t.worker);
    m_fields.value(QStringLiteral("created"))->setText(formatTimeWithMs(t.createdAt));
    m_fields.value(QStringLiteral("runAt"))->setText(formatTimeWithMs(t.runAt));
    m_fields.value(QStringLiteral("started"))->setText(formatTimeWithMs(t.startedAt));
    m_fields.value(QStringLiteral("completed"))->setText(formatTimeWithMs(t.completedAt));
    m_fields.value(QStringLiteral("updated"))->setText(formatTimeWithMs(t.updatedAt));
    m_fields.value(QStringLiteral("deadLettered"))->setText(formatTimeWithMs(t.deadLetteredAt));
    m_fields.value(QStringLiteral("error"))->setText(t.error);
    m_fields.value(QStringLiteral("traceId"))->setText(t.traceId);
    m_fields.value(QStringLiteral("spanId"))->setText(t.spanId);
    fillLease();
    m_payload->setPlainText(t.payloadRedacted ? tr("Withheld: your role may not see payloads, results and errors.")
                                              : formatJson(t.payload));
    m_result->setPlainText(resultText(t));
    updateTraceActions();
}

QString TaskDetailsPanel::resultText(const Task &t)
{
    if (t.payloadRedacted)
        return tr("Withheld: your role may not see payloads, results and errors.");
    if (!t.result.isNull() && !t.result.isUndefined())
        return formatJson(t.result);
    switch (t.status) {
    case Status::Completed: return tr("The handler returned no result.");
    case Status::Failed: return tr("No result: the task failed (its error is on the Fields tab).");
    case Status::Cancelled: return tr("No result: the task was cancelled.");
    default: return tr("No result yet: the task has not finished.");
    }
}

void TaskDetailsPanel::loadHistory()
{
    const quint64 generation = ++m_historyGeneration;
    m_client.taskHistory(m_task.id).then(this, [this, generation](Result<QList<TaskHistoryEntry>> result) {
        if (generation != m_historyGeneration)
            return;
        if (!result) {
            m_historyError->setText(tr("Loading the history failed: %1").arg(result.error().message));
            m_historyError->show();
            return;
        }
        m_historyError->hide();
        fillHistory(*result);
    });
}

void TaskDetailsPanel::fillHistory(const QList<TaskHistoryEntry> &history)
{
    m_timeline->setHistory(history);
    m_history->setRowCount(int(history.size()));
    for (int row = 0; row < int(history.size()); ++row) {
        const TaskHistoryEntry &e = history.at(row);
        const QStringList cells = {formatTimeWithMs(e.at),
                                   e.fromStatus ? TaskModel::displayName(*e.fromStatus) : QString(),
                                   TaskModel::displayName(e.toStatus),
                                   e.worker,
                                   e.attempt > 0 ? QString::number(e.attempt) : QString(),
                                   e.message};
        for (int column = 0; column < int(cells.size()); ++column)
            m_history->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_history->resizeColumnsToContents();
}

void TaskDetailsPanel::copyTraceId()
{
    if (m_task.traceId.isEmpty())
        return;
    QApplication::clipboard()->setText(m_task.traceId);
    emit statusMessagePosted(tr("Copied the trace ID %1.").arg(m_task.traceId));
}

bool TaskDetailsPanel::isOpenableLink(const QUrl &url)
{
    // The template is the server's text: only web links leave the app (no file:, no custom schemes).
    return url.isValid() && (url.scheme() == u"https" || url.scheme() == u"http") && !url.host().isEmpty();
}

void TaskDetailsPanel::openTrace()
{
    const QString link = m_serverInfo.traceLink(m_task.traceId, m_task.spanId);
    if (link.isEmpty())
        return;
    const QUrl url(link, QUrl::TolerantMode);
    QString problem;
    if (!isOpenableLink(url))
        problem = tr("The backend's trace link is not an http(s) address, so it was not opened:");
    else if (!QDesktopServices::openUrl(url))
        problem = tr("No web browser could open the trace. Its address:");
    if (problem.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Open Trace"), problem + u'\n' + link, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("openTraceError"));
    box->setTextFormat(Qt::PlainText);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse); // the address can be copied by hand
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void TaskDetailsPanel::loadServerInfo()
{
    m_client.serverInfo().then(this, [this](Result<ServerInfo> info) {
        // A failed request keeps what is known: a backend that is briefly away still has its template.
        if (!info)
            return;
        m_serverInfo = *info;
        updateTraceActions();
    });
}

void TaskDetailsPanel::updateTraceActions()
{
    const bool hasTrace = !m_task.traceId.isEmpty();
    m_copyTraceId->setEnabled(hasTrace);
    m_openTrace->setEnabled(hasTrace && !m_serverInfo.traceLinkTemplate.isEmpty());
    if (m_serverInfo.traceLinkTemplate.isEmpty())
        m_openTrace->setToolTip(tr("The backend names no trace viewer (its tracing.link_template setting is empty)."));
    else if (!hasTrace)
        m_openTrace->setToolTip(tr("This task has no trace ID."));
    else
        m_openTrace->setToolTip(tr("Open this task's trace in the trace viewer: %1")
                                    .arg(m_serverInfo.traceLink(m_task.traceId, m_task.spanId)));
}

} // namespace taskmill
