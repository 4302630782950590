// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/DeadLetterDetailsPanel.h"
#include "models/TimeFormat.h"

#include "client/BackendClient.h"
#include "models/DeadLetterPayload.h"
#include "models/TaskModel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QVBoxLayout>

namespace taskmill {

namespace {
QString formatTimeWithMs(const QDateTime &t)
{
    return formatTime(t, TimePrecision::Milliseconds);
}
} // namespace

namespace {
const QString ErrorStyle = QStringLiteral("color: #c62828;");

QLabel *valueLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QLabel *errorLabel(const QString &name, QWidget *parent)
{
    QLabel *label = valueLabel(name, parent);
    label->setStyleSheet(ErrorStyle);
    label->hide();
    return label;
}
} // namespace

DeadLetterDetailsPanel::DeadLetterDetailsPanel(BackendClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    m_placeholder = new QLabel(tr("Select a dead-lettered task to see its attempts and payload."), this);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);

    m_content = new QWidget(this);
    m_heading = valueLabel(QStringLiteral("heading"), m_content);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_summary = valueLabel(QStringLiteral("summary"), m_content);
    m_error = valueLabel(QStringLiteral("finalError"), m_content);
    m_error->setStyleSheet(ErrorStyle);

    m_attempts = new QTableWidget(0, 6, m_content);
    m_attempts->setObjectName(QStringLiteral("attempts"));
    m_attempts->setHorizontalHeaderLabels({tr("Run", "requeue cycle"), tr("Attempt"), tr("Started"), tr("Finished"),
                                           tr("Worker"), tr("Error")});
    m_attempts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attempts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attempts->verticalHeader()->hide();
    m_attempts->horizontalHeader()->setStretchLastSection(true);

    auto *payloadPage = new QWidget(m_content);
    m_payload = new QPlainTextEdit(payloadPage);
    m_payload->setObjectName(QStringLiteral("payloadEditor"));
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setTabChangesFocus(true);
    m_payloadError = errorLabel(QStringLiteral("payloadError"), payloadPage);
    m_reset = new QPushButton(tr("Re&set"), payloadPage);
    m_reset->setObjectName(QStringLiteral("resetPayloadButton"));
    m_reset->setToolTip(tr("Discard the edits and show the payload the task failed with"));
    m_requeue = new QPushButton(tr("Requeue with This &Payload"), payloadPage);
    m_requeue->setObjectName(QStringLiteral("requeueEditedButton"));
    m_requeue->setToolTip(tr("Run the task again from attempt 1 with the payload as edited here"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_reset);
    buttons->addWidget(m_requeue);
    auto *payloadLayout = new QVBoxLayout(payloadPage);
    payloadLayout->setContentsMargins(0, 0, 0, 0);
    payloadLayout->addWidget(m_payload, 1);
    payloadLayout->addWidget(m_payloadError);
    payloadLayout->addLayout(buttons);

    m_tabs = new QTabWidget(m_content);
    m_tabs->addTab(m_attempts, tr("Attempts"));
    m_tabs->addTab(payloadPage, tr("Payload"));
    m_actionError = errorLabel(QStringLiteral("actionError"), m_content);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_heading);
    contentLayout->addWidget(m_summary);
    contentLayout->addWidget(m_error);
    contentLayout->addWidget(m_tabs, 1);
    contentLayout->addWidget(m_actionError);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_content);

    connect(m_payload, &QPlainTextEdit::textChanged, this, &DeadLetterDetailsPanel::onPayloadChanged);
    connect(m_reset, &QPushButton::clicked, this, &DeadLetterDetailsPanel::resetPayload);
    connect(m_requeue, &QPushButton::clicked, this, &DeadLetterDetailsPanel::requeueWithEditedPayload);
    clear();
}

bool DeadLetterDetailsPanel::isPayloadEdited() const
{
    return !m_taskId.isNull() && m_payload->toPlainText() != m_loadedPayloadText;
}

QString DeadLetterDetailsPanel::payloadError() const
{
    return m_payloadError->isHidden() ? QString() : m_payloadError->text();
}

QString DeadLetterDetailsPanel::actionError() const
{
    return m_actionError->isHidden() ? QString() : m_actionError->text();
}

void DeadLetterDetailsPanel::showTask(const QUuid &id)
{
    if (id.isNull()) {
        clear();
        return;
    }
    if (id != m_taskId) {
        m_taskId = id;
        m_details = {};
        m_loadedPayloadText.clear();
        m_requeueing = false;
        m_payload->clear();
        m_attempts->setRowCount(0);
        m_heading->setText(tr("Loading…"));
        m_summary->clear();
        m_error->clear();
    }
    m_placeholder->hide();
    m_content->show();
    reload();
}

void DeadLetterDetailsPanel::reload()
{
    if (m_taskId.isNull())
        return;
    const quint64 generation = ++m_generation;
    m_client.deadLetter(m_taskId).then(this, [this, generation](Result<DeadLetterDetails> result) {
        if (generation != m_generation)
            return;
        if (!result) {
            setActionError(result.error().code == ErrorCode::NotFound
                               ? tr("This task is no longer in the dead-letter queue.")
                               : tr("Loading the task failed: %1").arg(result.error().message));
            return;
        }
        setActionError({});
        m_details = *result;
        fill();
        emit loaded(m_details);
    });
}

void DeadLetterDetailsPanel::clear()
{
    m_taskId = {};
    m_details = {};
    ++m_generation;
    m_loadedPayloadText.clear();
    m_requeueing = false;
    m_payload->clear();
    m_attempts->setRowCount(0);
    setActionError({});
    m_content->hide();
    m_placeholder->show();
}

void DeadLetterDetailsPanel::fill()
{
    const Task &t = m_details.task;
    m_heading->setText(t.title.isEmpty() ? t.id.toString(QUuid::WithoutBraces)
                                         : tr("%1 (%2)", "title (id)").arg(t.title, t.id.toString(QUuid::WithoutBraces)));
    m_summary->setText(tr("Type %1 · %2 priority · %3 of %4 attempts · dead-lettered %5")
                           .arg(t.type, TaskModel::displayName(t.priority))
                           .arg(t.attempts)
                           .arg(t.maxAttempts)
                           .arg(formatTimeWithMs(t.deadLetteredAt)));
    m_error->setText(t.error);
    fillAttempts();
    // A withheld payload cannot be edited: requeueing "{}" would replace the real one.
    m_payload->setReadOnly(t.payloadRedacted);
    if (t.payloadRedacted) {
        m_loadedPayloadText.clear();
        m_payload->setPlainText(tr("Withheld: your role may not see payloads, results and errors."));
        m_requeue->setEnabled(false);
        m_reset->setEnabled(false);
        return;
    }
    // An edited payload survives a refresh of the same task: the user's text wins.
    const QString text = QString::fromUtf8(QJsonDocument(t.payload).toJson(QJsonDocument::Indented)).trimmed();
    const bool edited = isPayloadEdited() && !m_loadedPayloadText.isEmpty();
    m_loadedPayloadText = text;
    if (!edited)
        m_payload->setPlainText(text);
    onPayloadChanged();
}

void DeadLetterDetailsPanel::fillAttempts()
{
    const QList<DeadLetterAttempt> attempts = deadLetterAttempts(m_details.history);
    m_attempts->setRowCount(int(attempts.size()));
    for (int row = 0; row < int(attempts.size()); ++row) {
        const DeadLetterAttempt &a = attempts.at(row);
        const QStringList cells = {QString::number(a.run), QString::number(a.attempt), formatTimeWithMs(a.started),
                                   a.finished.isValid() ? formatTimeWithMs(a.finished) : tr("(did not finish)"),
                                   a.worker, a.error};
        for (int column = 0; column < int(cells.size()); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 5)
                item->setToolTip(a.error);
            m_attempts->setItem(row, column, item);
        }
    }
    m_attempts->resizeColumnsToContents();
}

void DeadLetterDetailsPanel::onPayloadChanged()
{
    if (m_details.task.payloadRedacted) {
        m_payloadError->hide();
        m_requeue->setEnabled(false);
        m_reset->setEnabled(false);
        return;
    }
    const DeadLetterPayload check = DeadLetterPayload::check(m_payload->toPlainText());
    m_payloadValid = check.valid;
    QList<QTextEdit::ExtraSelection> marks;
    if (check.valid || m_taskId.isNull()) {
        m_payloadError->hide();
    } else {
        m_payloadError->setText(check.message);
        m_payloadError->show();
        if (check.line > 0) {
            // Underline where parsing stopped, so the spot is visible without counting lines.
            QTextEdit::ExtraSelection mark;
            const QTextBlock block = m_payload->document()->findBlockByNumber(check.line - 1);
            mark.cursor = QTextCursor(block);
            mark.cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, qMax(0, check.column - 1));
            mark.cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor);
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(QColor(0xc6, 0x28, 0x28));
            marks.append(mark);
        }
    }
    m_payload->setExtraSelections(marks);
    m_requeue->setEnabled(m_payloadValid && !m_requeueing && !m_details.task.id.isNull());
    m_reset->setEnabled(isPayloadEdited());
}

void DeadLetterDetailsPanel::resetPayload()
{
    m_payload->setPlainText(m_loadedPayloadText);
}

void DeadLetterDetailsPanel::requeueWithEditedPayload()
{
    const DeadLetterPayload check = DeadLetterPayload::check(m_payload->toPlainText());
    if (!check.valid || m_requeueing || m_details.task.id.isNull() || m_details.task.payloadRedacted)
        return;
    m_requeueing = true;
    m_requeue->setEnabled(false);
    setActionError({});
    const QUuid id = m_taskId;
    m_client.requeueDeadLetter(id, check.payload).then(this, [this, id](Result<Task> result) {
        if (id != m_taskId)
            return; // another task is shown by now; the page refreshes either way
        m_requeueing = false;
        if (!result) {
            const ApiError &error = result.error();
            if (error.field.section(u'.', 0, 0) == u"payload") {
                m_payloadError->setText(error.message);
                m_payloadError->show();
                m_tabs->setCurrentIndex(1);
                m_payload->setFocus();
            } else {
                setActionError(tr("The task was not requeued: %1").arg(error.message));
            }
            m_requeue->setEnabled(m_payloadValid);
            return;
        }
        emit requeued(*result);
    });
}

void DeadLetterDetailsPanel::setActionError(const QString &text)
{
    m_actionError->setText(text);
    m_actionError->setVisible(!text.isEmpty());
}

} // namespace taskmill
