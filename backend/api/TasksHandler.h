// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/HttpReply.h"
#include "api/WireTypes.h"
#include "model/Task.h"

#include <QJsonDocument>
#include <QObject>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// /api/v1/tasks and the seed-000 routes (/tasks, /tasks/{id}/complete): the task resource.
class TasksHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TasksHandler)
public:
    TasksHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(QHttpServer &server);

    // Checks size and JSON syntax of a request body; shared with other handlers.
    static Result<QJsonDocument> readBody(const QHttpServerRequest &request, qint64 maxBytes);
    // A path id: 404 (not 400) when it is not a UUID, since no such resource can exist.
    static Result<QUuid> parseId(const QString &text);

private:
    // POST /api/v1/tasks — body: CreateTaskRequest; 201 + task once committed.
    void create(const QHttpServerRequest &request, QHttpServerResponder &&responder, bool seed000);
    // POST /api/v1/tasks/batch — body: array of CreateTaskRequest (1..10,000); 201 {ids, count}.
    void createBatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // GET /api/v1/tasks — query: TaskListQuery; 200 TaskPage.
    void list(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // GET /api/v1/tasks/{id}[/status|/history]
    void get(const QString &id, QHttpServerResponder &&responder, const QString &view);
    // DELETE /api/v1/tasks/{id} (cancel) and POST /tasks/{id}/complete (seed 000, by hand).
    void finish(const QString &id, QHttpServerResponder &&responder, Status to);

    Task newTask(const CreateTaskRequest &request, const QHttpServerRequest &http) const;
    // Persists and acknowledges `tasks` at the given durability (docs/semantics.md, "Durability"), then
    // answers with `success(status the client sees)`.
    void submit(QHttpServerResponder &&responder, QList<Task> tasks, const QString &durability,
                std::function<HttpReply(Status)> success);

    ApiContext &m_ctx;
};

} // namespace taskmill
