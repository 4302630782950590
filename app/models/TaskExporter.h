// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/TaskFilter.h"

#include "wire/DeadLetterFilter.h"
#include "wire/Result.h"
#include "wire/WireTypes.h"

#include <QFuture>
#include <QObject>
#include <QSaveFile>
#include <QString>

#include <functional>
#include <memory>

namespace taskmill {

struct ApiError;
struct Task;
class BackendClient;

// Writes every task matching a list query to a file, CSV or JSON Lines, page by page (keyset cursor, 1,000
// rows a request) so a million rows cost a thousand requests and the memory of one page, never the whole
// set. The file is written through QSaveFile: it appears complete or not at all (a failure or cancel() leaves
// any older file of that name as it was). Progress after each page; one finished() or failed() at the end.
class TaskExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskExporter)

public:
    enum class Format { Csv, JsonLines };
    static constexpr int PageSize = TaskListQuery::MaxLimit;

    // The next page after `previous` (null: the first): the export does not care which list it reads.
    using PageFetch = std::function<QFuture<Result<TaskPage>>(const TaskPage *previous)>;
    static PageFetch taskPages(BackendClient &client, TaskListQuery query); // GET /api/v1/tasks, its cursor
    static PageFetch deadLetterPages(BackendClient &client, const DeadLetterFilter &filter,
                                     const DeadLetterOrder &order); // GET /api/v1/dlq, by `after`

    TaskExporter(BackendClient &client, TaskListQuery query, const QString &path, Format format, QObject *parent = nullptr);
    TaskExporter(PageFetch fetch, const QString &path, Format format, QObject *parent = nullptr);
    ~TaskExporter() override;

    static Format formatForPath(const QString &path); // ".jsonl"/".ndjson" → JSON Lines, else CSV
    static QByteArray csvHeader();
    static QByteArray csvLine(const Task &task); // RFC 4180 quoting; one line, CRLF-terminated
    static QByteArray jsonLine(const Task &task); // the task's API JSON, compact, LF-terminated

    void start();
    void cancel(); // stops after the request in flight; nothing is written
    qint64 written() const { return m_written; }

signals:
    void progress(qint64 written, qint64 total); // total: the server's count (maybe an estimate)
    void finished(qint64 written);
    void failed(const QString &message);

private:
    void fetchNext(const TaskPage *previous);
    void fail(const QString &message);

    PageFetch m_fetch;
    Format m_format;
    std::unique_ptr<QSaveFile> m_file;
    qint64 m_written = 0;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace taskmill
