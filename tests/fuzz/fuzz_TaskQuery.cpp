// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Query strings of the list endpoints, read through QUrlQuery as QHttpServerRequest::query() hands them over:
// the task list (TaskListQuery, TaskFilter, PageParams, its cursor), the dead-letter list (DeadLetterFilter),
// the plain integer parameters of the other routes (queryInt), the storable-text gate, and the filter's SQL
// (TaskFilterSql, inlineBinds). The same bytes, when they are a JSON object, are a WebSocket subscribe
// message (TaskFilter::fromSubscription). Properties are checked, not just "no crash": a filter the app
// writes back into a URL (toQuery, addToQuery) or JSON reads back as the same filter, and a value written
// into SQL as a dollar-quoted literal ends exactly where the value ends.
#include "store/TaskFilterSql.h"
#include "validation/StorableText.h"
#include "wire/DeadLetterFilter.h"
#include "wire/QueryParams.h"
#include "wire/TaskFilter.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

using namespace taskmill;
using namespace Qt::StringLiterals;

namespace {
[[noreturn]] void violated(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_TaskQuery: %s: %s\n", what, qUtf8Printable(detail));
    std::abort();
}

// A task with text in every searched field, so matches() walks title, description and the payload's jsonb text.
const Task &sampleTask()
{
    static const Task task = [] {
        Task t;
        t.id = QUuid::fromString(QStringLiteral("0190c3a2-7b1e-7c3d-9f00-123456789abc"));
        t.type = QStringLiteral("email.send");
        t.title = QStringLiteral("Résumé for İstanbul");
        t.description = QStringLiteral("ΣΊΣΥΦΟΣ 𝐀 a%b_c\\d");
        t.payload = QJsonDocument::fromJson(R"({"to":["ops@example.com"],"n":1e-7,"big":1e20,"nested":{"k":"Ω"}})")
                        .object();
        t.priority = Priority::High;
        t.status = Status::Failed;
        t.createdAt = QDateTime::fromMSecsSinceEpoch(1'790'000'000'000, Qt::UTC);
        return t;
    }();
    return task;
}

const TaskEvent &sampleEvent()
{
    static const TaskEvent event = [] {
        TaskEvent e;
        e.taskId = sampleTask().id;
        e.type = sampleTask().type;
        e.status = Status::InProgress;
        return e;
    }();
    return event;
}

void checkSql(const TaskFilter &filter)
{
    const TaskFilterSql sql = TaskFilterSql::of(filter);
    (void)sql.where();
    (void)sql.withoutText().where();
    (void)inlineBinds(u"SELECT 1 FROM tasks"_s + sql.where(), sql.binds);
    // Each bind alone: the literal must close right after the value, whatever the value holds.
    for (const QVariant &bind : sql.binds) {
        if (bind.typeId() == QMetaType::Int || bind.typeId() == QMetaType::LongLong)
            continue;
        const QString text = bind.toString();
        const QString literal = inlineBinds(QStringLiteral("?"), {bind});
        const qsizetype tagEnd = literal.indexOf(u'$', 1);
        const QString tag = literal.left(tagEnd + 1);
        if (tagEnd < 1 || literal.indexOf(tag, tag.size()) != tag.size() + text.size())
            violated("dollar-quoted literal ends before its value", literal);
    }
}

void taskList(const QUrlQuery &q)
{
    const auto lq = TaskListQuery::fromQuery(q);
    if (!lq)
        return;
    checkSql(lq->filter);
    (void)lq->filter.matches(sampleTask());
    (void)lq->filter.matchesEvent(sampleEvent());
    // The app builds its request URL with toQuery(); the server must read back the same request.
    const QUrlQuery written(lq->toQuery().toString(QUrl::FullyEncoded));
    const auto reread = TaskListQuery::fromQuery(written);
    if (!reread)
        violated("toQuery() is refused by fromQuery()", written.toString() + u" → "_s + reread.error().message);
    if (!(*reread == *lq))
        violated("toQuery() reads back as another query", q.toString() + u" → "_s + written.toString());
}

void deadLetters(const QUrlQuery &q)
{
    const auto f = DeadLetterFilter::fromQuery(q);
    if (!f)
        return;
    (void)f->matches(sampleTask());
    // Bulk requeue/purge carry the filter as JSON: the same filter must come back.
    const auto fromJson = DeadLetterFilter::fromJson(f->toJson(), QString());
    if (!fromJson || !(*fromJson == *f))
        violated("DeadLetterFilter toJson() reads back as another filter", q.toString());
    // The app's dead-letter page sends it as a query (addToQuery): the server must read the same filter.
    QUrlQuery written;
    f->addToQuery(written);
    const auto reread = DeadLetterFilter::fromQuery(QUrlQuery(written.toString(QUrl::FullyEncoded)));
    if (!reread || !(*reread == *f))
        violated("DeadLetterFilter addToQuery() reads back as another filter", q.toString() + u" → "_s + written.toString());
}

void otherParameters(const QUrlQuery &q)
{
    (void)findUnstorableQueryItem(q);
    (void)TaskFilter::fromQuery(q);
    (void)PageParams::fromQuery(q, TaskListQuery::DefaultLimit, TaskListQuery::MaxLimit);
    (void)queryInt(q, QStringLiteral("since"), 0, 0, std::numeric_limits<qint64>::max());
    (void)queryInt(q, QStringLiteral("min_idle_ms"), 0, 0, std::numeric_limits<int>::max());
    (void)queryInt(q, QStringLiteral("limit"), 100, 1, 1000);
    (void)queryValue(q, QStringLiteral("consumer"));
}

void subscription(const QByteArray &bytes)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return;
    if (const auto f = TaskFilter::fromSubscription(doc.object()))
        (void)f->matchesEvent(sampleEvent());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QUrlQuery q(QString::fromUtf8(bytes));
    otherParameters(q);
    taskList(q);
    deadLetters(q);
    subscription(bytes);
    return 0;
}
