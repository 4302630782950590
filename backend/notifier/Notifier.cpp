// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "notifier/Notifier.h"

#include "observability/Logging.h"
#include "queue/TaskEventStream.h"
#include "store/Database.h"
#include "store/EventRepository.h"

namespace taskmill {

Notifier::Notifier(const BackendConfig &config, DbParams db, RedisEndpoint redis)
    : m_config(config), m_db(std::move(db)), m_redis(std::move(redis))
{
}

Notifier::~Notifier() { stop(); }

void Notifier::start()
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("notifier"));
    m_thread->start();
}

void Notifier::stop()
{
    m_stopping = true;
    if (m_thread)
        m_thread->wait();
    m_thread.reset();
}

void Notifier::run()
{
    Database database(m_db, QStringLiteral("notifier"));
    RedisConnection redis(m_redis, RedisTimeoutMs, "taskmill-notifier");
    TaskEventStream stream(redis, m_config.streamPrefix.toUtf8());
    bool leader = false;
    std::optional<EventCursor> cursor;
    while (!m_stopping) {
        auto db = database.connection();
        if (!db) {
            leader = false;
            cursor.reset();
            QThread::msleep(RetryPauseMs);
            continue;
        }
        EventRepository repo(*db);
        if (!leader) {
            auto lead = repo.tryLead();
            leader = lead && *lead;
            if (!leader) {
                if (!lead)
                    database.closeThreadConnection();
                QThread::msleep(FollowerPollMs);
                continue;
            }
            qCInfo(lcNotifier) << "publishing task events";
        }
        if (!cursor) {
            auto saved = repo.cursor();
            auto bounds = stream.bounds();
            if (!saved || !bounds) {
                QThread::msleep(RetryPauseMs);
                continue;
            }
            cursor = *saved;
            // A previous publisher may have written to Redis and died before saving its cursor:
            // continue after what the stream already holds.
            if (bounds->newest > cursor->revision && !bounds->newestCursor.isEmpty()) {
                const QList<QByteArray> parts = bounds->newestCursor.split(':');
                cursor = EventCursor{QString::fromLatin1(parts.value(0)), parts.value(1).toLongLong(), bounds->newest};
            }
        }
        auto rows = repo.nextRows(*cursor, BatchMax);
        if (!rows) {
            database.closeThreadConnection();
            leader = false; // the lock went with the connection
            cursor.reset();
            continue;
        }
        if (rows->isEmpty()) {
            QThread::msleep(quint32(m_config.notifierIntervalMs));
            continue;
        }
        QList<TaskEvent> events;
        QList<QByteArray> cursors;
        EventCursor next = *cursor;
        for (OutboxRow &r : *rows) {
            r.event.revision = ++next.revision;
            next.xid = r.xid;
            next.id = r.id;
            events.append(r.event);
            cursors.append(r.xid.toLatin1() + ':' + QByteArray::number(r.id));
        }
        auto published = stream.publish(events, cursors, m_config.eventsRetain);
        if (!published) {
            qCWarning(lcNotifier).noquote() << "publishing events failed:" << published.error().message;
            cursor.reset(); // re-read where the stream stands
            QThread::msleep(RetryPauseMs);
            continue;
        }
        cursor = next;
        if (!repo.saveCursor(next))
            database.closeThreadConnection(); // the stream holds the cursor too
    }
    database.closeThreadConnection();
}

} // namespace taskmill
