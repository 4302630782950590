// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/DeadLetterRowsModel.h"
#include "wire/ApiError.h"
#include "wire/HandlerTypes.h"
#include "wire/PauseTypes.h"

#include <QTimer>

namespace taskmill {

class BackendClient;

// What a refresh compares to decide whether a row changed: every field the server sends.
bool operator==(const HandlerSpec &a, const HandlerSpec &b);

// The handler registry (GET /api/v1/handlers), one row per handler in server order (by name), keyed by
// name, with its queued / running / failed task counts. Loads only while active (its page is shown):
// at once on activation and on reconnect, then every PollMs, because counts change with every task and
// the registry has no events. A refresh asked for while one is in flight runs once more when it ends,
// so the table always ends on an answer sent after the last change. The State column also says whether the
// type is paused (setPauses(), from PauseState), with who paused it and when in its tooltip.
class HandlerModel final : public DeadLetterRowsModel<HandlerSpec, QString>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HandlerModel)

public:
    enum Column { Name, Kind, Enabled, Queued, Running, Failed, Workers, Limit, Description, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 }; // sortable value: QString, bool, qint64

    static constexpr int PollMs = 5'000; // counts at most 5 s old while someone looks at them

    explicit HandlerModel(BackendClient &client, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    bool isActive() const { return m_active; }
    bool isPolling() const { return m_timer.isActive(); }
    void setActive(bool active);
    void setPollInterval(int ms) { m_timer.setInterval(ms); }
    void refresh();
    void setPauses(const PauseSet &pauses);
    bool isPaused(const QString &type) const { return m_pauses.typePaused(type); }

    static QString kindName(HandlerKind kind); // "Built-in" / "External", in the UI language

signals:
    void loaded();
    void loadFailed(const taskmill::ApiError &error);

protected:
    QString keyOf(const HandlerSpec &handler) const override { return handler.name; }

private:
    QVariant displayData(const HandlerSpec &handler, int column) const;
    QVariant rawData(const HandlerSpec &handler, int column) const;

    BackendClient &m_client;
    QTimer m_timer;
    bool m_active = false;
    bool m_inFlight = false;
    bool m_again = false;
    PauseSet m_pauses;
};

} // namespace taskmill
