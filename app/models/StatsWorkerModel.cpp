// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/StatsWorkerModel.h"
#include "models/RelativeTime.h"
#include "models/TimeFormat.h"

#include <QLocale>
#include <QTextDocument>

namespace taskmill {

StatsWorkerModel::StatsWorkerModel(QObject *parent)
    : StatsRowModel<WorkerInfo>(parent)
{
    new RelativeTimeRefresh(this, {Heartbeat, Started});
}

int StatsWorkerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatsWorkerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WorkerInfo &w = m_rows.at(index.row());
    QStringList titles;
    for (const RunningTask &t : w.running)
        titles << (t.title.isEmpty() ? tr("%1 (%2)", "task type (short id)").arg(t.type, t.id.toString(QUuid::WithoutBraces).left(8))
                                     : tr("%1 (%2)", "task title (type)").arg(t.title, t.type));
    const bool external = w.kind == QLatin1String("external");
    // An executor runs every built-in handler of its build; a worker the types it leases.
    const QString types = external ? w.types.join(QStringLiteral(", ")) : tr("built-in handlers");
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Consumer: return w.consumer;
        case Kind: return external ? tr("Worker", "external worker leasing over the API") : tr("Executor", "taskmilld executor process");
        case Host: return w.pid > 0 ? tr("%1 (pid %2)").arg(w.host).arg(w.pid) : w.host; // workers report no pid
        case Types: return types;
        case Busy: return tr("%1/%2", "running tasks of worker threads").arg(w.running.size()).arg(w.threads);
        case Running: return titles.join(QStringLiteral(", "));
        case Heartbeat: return formatRelativeTime(w.heartbeatAt, QDateTime::currentDateTimeUtc());
        case Started: return formatRelativeTime(w.startedAt, QDateTime::currentDateTimeUtc());
        default: return {};
        }
    case RawValueRole:
        switch (index.column()) {
        case Consumer: return w.consumer;
        case Kind: return w.kind;
        case Host: return w.host;
        case Types: return types;
        case Busy: return int(w.running.size());
        case Running: return titles.join(QStringLiteral(", "));
        case Heartbeat: return w.heartbeatAt;
        case Started: return w.startedAt;
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Heartbeat)
            return formatTime(w.heartbeatAt);
        if (index.column() == Started)
            return formatTime(w.startedAt);
        // Tooltips guess rich text: task titles and type names are the server's, shown as typed.
        if (index.column() == Running && !titles.isEmpty())
            return Qt::convertFromPlainText(titles.join(u'\n'), Qt::WhiteSpaceNormal);
        if (index.column() == Types && external && !types.isEmpty())
            return Qt::convertFromPlainText(w.types.join(u'\n'), Qt::WhiteSpaceNormal);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Busy ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant StatsWorkerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Consumer: return tr("Consumer");
    case Kind: return tr("Kind", "executor or worker");
    case Host: return tr("Host");
    case Types: return tr("Types", "handler types served");
    case Busy: return tr("Busy", "running/threads");
    case Running: return tr("Running tasks");
    case Heartbeat: return tr("Heartbeat");
    case Started: return tr("Started", "worker start time");
    default: return {};
    }
}

} // namespace taskmill
