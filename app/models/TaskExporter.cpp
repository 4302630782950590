// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/TaskExporter.h"

#include "client/BackendClient.h"
#include "codec/TaskJson.h"
#include "model/Task.h"

#include <QJsonDocument>
#include <QStringList>
#include <QUuid>

namespace taskmill {

namespace {
QByteArray csvField(const QString &value)
{
    // RFC 4180: quote when the value holds a separator, a quote or a line break; double the quotes. A value
    // starting with = + - @ would be a formula in a spreadsheet: a leading apostrophe keeps it text.
    QString v = value;
    if (!v.isEmpty() && QStringLiteral("=+-@").contains(v.front()))
        v.prepend(u'\'');
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r')) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        v = u'"' + v + u'"';
    }
    return v.toUtf8();
}

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}
} // namespace

TaskExporter::PageFetch TaskExporter::taskPages(BackendClient &client, TaskListQuery query)
{
    query.limit = PageSize;
    query.skip = 0;
    query.after = {};
    query.cursor.clear();
    return [&client, query](const TaskPage *previous) mutable {
        query.cursor = previous ? previous->nextCursor : QString();
        return client.listTasks(query);
    };
}

TaskExporter::PageFetch TaskExporter::deadLetterPages(BackendClient &client, const DeadLetterFilter &filter,
                                                      const DeadLetterOrder &order)
{
    return [&client, filter, order](const TaskPage *previous) {
        return client.listDeadLetters(filter, PageSize, previous ? previous->nextAfter : QUuid(), order);
    };
}

TaskExporter::TaskExporter(BackendClient &client, TaskListQuery query, const QString &path, Format format, QObject *parent)
    : TaskExporter(taskPages(client, std::move(query)), path, format, parent)
{
}

TaskExporter::TaskExporter(PageFetch fetch, const QString &path, Format format, QObject *parent)
    : QObject(parent), m_fetch(std::move(fetch)), m_format(format), m_file(std::make_unique<QSaveFile>(path))
{
}

TaskExporter::~TaskExporter() = default;

TaskExporter::Format TaskExporter::formatForPath(const QString &path)
{
    return path.endsWith(QStringLiteral(".jsonl"), Qt::CaseInsensitive) || path.endsWith(QStringLiteral(".ndjson"), Qt::CaseInsensitive)
               ? Format::JsonLines
               : Format::Csv;
}

QByteArray TaskExporter::csvHeader()
{
    return "id,type,title,priority,status,attempts,max_attempts,worker,created_at,run_at,started_at,completed_at,error\r\n";
}

QByteArray TaskExporter::csvLine(const Task &t)
{
    const QStringList fields{t.id.toString(QUuid::WithoutBraces), t.type, t.title, toString(t.priority), toString(t.status),
                             QString::number(t.attempts), QString::number(t.maxAttempts), t.worker, time(t.createdAt),
                             time(t.runAt), time(t.startedAt), time(t.completedAt), t.error};
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += ',';
        line += csvField(fields.at(i));
    }
    return line + "\r\n";
}

QByteArray TaskExporter::jsonLine(const Task &task)
{
    return QJsonDocument(toJson(task)).toJson(QJsonDocument::Compact) + '\n';
}

void TaskExporter::start()
{
    if (!m_file->open(QIODevice::WriteOnly)) {
        fail(tr("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
        return;
    }
    if (m_format == Format::Csv)
        m_file->write(csvHeader());
    fetchNext(nullptr);
}

void TaskExporter::cancel()
{
    m_cancelled = true;
}

void TaskExporter::fetchNext(const TaskPage *previous)
{
    m_fetch(previous).then(this, [this](Result<TaskPage> page) {
        if (m_done)
            return;
        if (m_cancelled) {
            m_file->cancelWriting();
            m_done = true;
            emit failed(tr("The export was stopped; no file was written."));
            return;
        }
        if (!page) {
            fail(tr("The export failed after %Ln task(s): %1", nullptr, int(m_written)).arg(page.error().message));
            return;
        }
        for (const Task &task : page->items)
            m_file->write(m_format == Format::Csv ? csvLine(task) : jsonLine(task));
        m_written += page->items.size();
        emit progress(m_written, qMax(page->total, m_written));
        if ((page->nextCursor.isEmpty() && page->nextAfter.isNull()) || page->items.isEmpty()) {
            m_done = true;
            if (!m_file->commit()) {
                emit failed(tr("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
                return;
            }
            emit finished(m_written);
            return;
        }
        fetchNext(&*page);
    });
}

void TaskExporter::fail(const QString &message)
{
    m_done = true;
    m_file->cancelWriting();
    emit failed(message);
}

} // namespace taskmill
