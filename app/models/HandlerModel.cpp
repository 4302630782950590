// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/HandlerModel.h"

#include "client/BackendClient.h"
#include "models/TimeFormat.h"

#include <QLocale>
#include <QTextDocument>

#include <optional>
#include <utility>

namespace taskmill {

namespace {
// Descriptions may run to 2,000 characters over several lines; the table shows the first line.
QString firstLine(const QString &text)
{
    const qsizetype end = text.indexOf(u'\n');
    return end < 0 ? text : text.left(end) + QStringLiteral(" …");
}

std::optional<Pause> typePause(const PauseSet &pauses, const QString &type)
{
    for (const Pause &p : pauses.items)
        if (p.scope == PauseScope::Type && p.name == type)
            return p;
    return std::nullopt;
}
} // namespace

bool operator==(const HandlerSpec &a, const HandlerSpec &b)
{
    return a.toJson() == b.toJson();
}

HandlerModel::HandlerModel(BackendClient &client, QObject *parent)
    : DeadLetterRowsModel(parent)
    , m_client(client)
{
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, &HandlerModel::refresh);
    connect(&m_client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        if (m_active && state == BackendClient::ConnectionState::Connected)
            refresh();
    });
}

void HandlerModel::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (active) {
        m_timer.start();
        refresh();
    } else {
        m_timer.stop();
    }
}

void HandlerModel::refresh()
{
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    m_client.listHandlers().then(this, [this](Result<QList<HandlerSpec>> result) {
        m_inFlight = false;
        if (result) {
            applyRows(*result);
            emit loaded();
        } else {
            emit loadFailed(result.error());
        }
        if (std::exchange(m_again, false))
            refresh();
    });
}

void HandlerModel::setPauses(const PauseSet &pauses)
{
    const PauseSet old = std::exchange(m_pauses, pauses);
    int spanStart = -1; // one dataChanged per run of changed rows
    for (int row = 0; row <= rowCount(); ++row) {
        const bool changed = row < rowCount() && typePause(old, rowAt(row).name) != typePause(pauses, rowAt(row).name);
        if (changed && spanStart < 0)
            spanStart = row;
        if (!changed && spanStart >= 0) {
            emit dataChanged(index(spanStart, Enabled), index(row - 1, Enabled));
            spanStart = -1;
        }
    }
}

int HandlerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HandlerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HandlerSpec &handler = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(handler, index.column());
    case Qt::ToolTipRole:
        // Tooltips guess rich text: the server's description goes in escaped, so it shows as typed.
        if (index.column() == Enabled) {
            const std::optional<Pause> pause = typePause(m_pauses, handler.name);
            if (!pause)
                return {};
            const QString by = tr("Paused by %1 at %2").arg(pause->pausedBy, formatTime(pause->pausedAt));
            return Qt::convertFromPlainText(by, Qt::WhiteSpaceNormal);
        }
        return index.column() == Description && !handler.description.isEmpty()
                   ? QVariant(Qt::convertFromPlainText(handler.description, Qt::WhiteSpaceNormal))
                   : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= Queued && index.column() <= Limit ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                                   : QVariant();
    case RawValueRole:
        return rawData(handler, index.column());
    default:
        return {};
    }
}

QVariant HandlerModel::displayData(const HandlerSpec &handler, int column) const
{
    const QLocale locale;
    switch (column) {
    case Name: return handler.name;
    case Kind: return kindName(handler.kind);
    case Enabled:
        if (m_pauses.typePaused(handler.name))
            return handler.enabled ? tr("Paused", "handler state") : tr("Disabled, paused", "handler state");
        return handler.enabled ? tr("Enabled", "handler state") : tr("Disabled", "handler state");
    case Queued: return locale.toString(handler.queued);
    case Running: return locale.toString(handler.running);
    case Failed: return locale.toString(handler.failed);
    case Workers: return locale.toString(handler.workers);
    // No limit is the common case: a dash reads faster than a zero that means "unlimited".
    case Limit: return handler.concurrency > 0 ? locale.toString(handler.concurrency) : QStringLiteral("—");
    case Description: return firstLine(handler.description);
    default: return {};
    }
}

QVariant HandlerModel::rawData(const HandlerSpec &handler, int column) const
{
    switch (column) {
    case Name: return handler.name;
    case Kind: return toString(handler.kind);
    case Enabled: return handler.enabled;
    case Queued: return handler.queued;
    case Running: return handler.running;
    case Failed: return handler.failed;
    case Workers: return handler.workers;
    case Limit: return handler.concurrency;
    case Description: return handler.description;
    default: return {};
    }
}

QVariant HandlerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name", "column");
    case Kind: return tr("Kind", "column");
    case Enabled: return tr("State", "column");
    case Queued: return tr("Queued", "column");
    case Running: return tr("Running", "column");
    case Failed: return tr("Failed", "column");
    case Workers: return tr("Workers", "column: processes serving the handler");
    case Limit: return tr("Limit", "column: most tasks running at once");
    case Description: return tr("Description", "column");
    default: return {};
    }
}

QString HandlerModel::kindName(HandlerKind kind)
{
    return kind == HandlerKind::Builtin ? tr("Built-in", "handler kind") : tr("External", "handler kind");
}

} // namespace taskmill
