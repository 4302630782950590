// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Task JSON bodies, as both sides read them. Server side, the steps TasksHandler and Request.cpp take for
// POST /api/v1/tasks and /api/v1/tasks/batch (storable-text scan, parseJsonBody, parseCreateTask per element
// with its "[i]." prefix, the payload checked against a built-in handler's schema), plus the other task
// bodies: {"ids": [...]} (cancel/retry) and a dead-letter filter (requeue/purge). Client side, the decoders
// the app runs on server answers (taskFromJson, history entries, pages, events). Whatever parses is then
// used as the product uses it (written back, a retry policy's delays computed), so a value that passed
// validation but breaks a later step shows up here too.
#include "codec/TaskJson.h"
#include "handlers/BuiltinCatalog.h"
#include "model/TaskEvent.h"
#include "validation/PayloadSchema.h"
#include "validation/StorableText.h"
#include "validation/TaskValidation.h"
#include "wire/DeadLetterFilter.h"
#include "wire/TaskQueryTypes.h"
#include "wire/WireTypes.h"

#include <QHash>

#include <cstdint>

using namespace taskmill;

namespace {
// Compiled once, as HandlerCatalog keeps them: schemas come from the registry, not from the request.
const QHash<QString, std::shared_ptr<const PayloadSchema>> &builtinSchemas()
{
    static const auto schemas = [] {
        QHash<QString, std::shared_ptr<const PayloadSchema>> out;
        for (const BuiltinHandler &h : builtinHandlers())
            if (auto s = PayloadSchema::compile(h.schema))
                out.insert(h.name, *s);
        return out;
    }();
    return schemas;
}

void useCreate(const CreateTaskRequest &r)
{
    // HandlerCatalog::checkPayload for the built-in types; other types would be refused by the registry.
    if (const auto schema = builtinSchemas().value(r.type); schema && !schema->acceptsEveryObject())
        (void)schema->violations(r.payload, QStringLiteral("/payload"));
    (void)r.toJson();
    (void)formatTimestamp(r.runAt);
    if (r.retryPolicy)
        for (int attempt : {1, 2, 10, 100, 1000000})
            (void)r.retryPolicy->delayMs(attempt, 0.5);
}

void serverSide(const QByteArray &bytes, const QJsonDocument &doc)
{
    // request::checkStorableText: a byte scan, then a walk only when an escape could carry a NUL or a surrogate.
    if (mayHoldUnstorableEscape(bytes))
        (void)findUnstorableText(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        if (auto r = parseCreateTask(o))
            useCreate(*r);
        (void)TaskIdsRequest::fromJson(o);
        (void)DeadLetterFilter::fromJson(o);
    } else if (doc.isArray()) {
        const QJsonArray items = doc.array();
        for (qsizetype i = 0; i < items.size() && i < limits::BatchMax; ++i)
            if (items.at(i).isObject())
                if (auto r = parseCreateTask(items.at(i).toObject(), QStringLiteral("[%1].").arg(i)))
                    useCreate(*r);
    }
}

void clientSide(const QJsonDocument &doc)
{
    const QJsonObject o = doc.object();
    if (auto t = taskFromJson(o)) {
        // What the app does with a task: show it, and send it back (edits, requeues).
        (void)toJson(*t);
        if (t->retryPolicy)
            (void)t->retryPolicy->delayMs(t->attempts, 0.25);
    }
    if (auto h = historyEntryFromJson(o))
        (void)toJson(*h);
    if (auto p = TaskPage::fromJson(o))
        (void)p->toJson();
    if (auto e = TaskEvent::fromJson(o))
        (void)e->toJson();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto doc = parseJsonBody(bytes);
    if (!doc)
        return 0;
    serverSide(bytes, *doc);
    clientSide(*doc);
    return 0;
}
