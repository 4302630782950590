// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/AuditModel.h"

#include "client/BackendClient.h"
#include "models/TimeFormat.h"

#include <QJsonDocument>
#include <QTextDocument>

namespace taskmill {

namespace {
constexpr int TaskIdsShown = 3; // more read as "N tasks"; the tooltip lists them all
}

AuditModel::AuditModel(BackendClient &client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{
}

void AuditModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    refresh();
}

void AuditModel::refresh()
{
    load(0);
}

void AuditModel::clear()
{
    ++m_generation;
    m_inFlight = false;
    m_next.reset();
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void AuditModel::loadMore()
{
    if (hasMore() && !m_inFlight)
        load(*m_next);
}

void AuditModel::load(qint64 before)
{
    const bool firstPage = before == 0;
    if (firstPage)
        ++m_generation; // a new first page wins over every load still in flight
    const quint64 generation = m_generation;
    m_inFlight = true;
    m_client.audit(m_filter, before, m_pageSize).then(this, [this, generation, firstPage](Result<AuditPage> result) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        if (!result) {
            emit loadFailed(result.error());
            return;
        }
        // A first page replaces the rows (the log only grows at the top, but the filter may have changed);
        // a further page is appended below them.
        if (firstPage) {
            beginResetModel();
            m_rows = result->items;
            endResetModel();
        } else if (!result->items.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + result->items.size() - 1));
            m_rows.append(result->items);
            endInsertRows();
        }
        m_next = result->next;
        emit loaded();
    });
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AuditModel::compactDetails(const QJsonObject &details)
{
    return details.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return formatTime(e.at);
        case Actor: return e.actor;
        case Action: return e.action;
        case Tasks:
            if (e.taskIds.size() <= TaskIdsShown)
                return e.taskIds.join(QStringLiteral(", "));
            return tr("%Ln task(s)", nullptr, int(e.taskIds.size()));
        case Details: {
            const QString text = compactDetails(e.details);
            return text.size() > DetailsDisplayMax ? text.left(DetailsDisplayMax) + QStringLiteral(" …") : text;
        }
        default: return {};
        }
    case Qt::ToolTipRole: {
        // Tooltips guess rich text: everything here may be text a client sent, so it goes in escaped.
        QString text;
        switch (index.column()) {
        case Actor: text = e.actor; break;
        case Tasks: text = e.taskIds.join(u'\n'); break;
        case Details: text = QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Indented)); break;
        default: break;
        }
        return text.isEmpty() ? QVariant() : QVariant(Qt::convertFromPlainText(text, Qt::WhiteSpacePre));
    }
    case RawValueRole:
        switch (index.column()) {
        case Time: return e.at;
        case Actor: return e.actor;
        case Action: return e.action;
        case Tasks: return e.taskIds;
        case Details: return e.details;
        default: return {};
        }
    case EntryIdRole:
        return e.id;
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time", "column");
    case Actor: return tr("Actor", "column: who acted");
    case Action: return tr("Action", "column");
    case Tasks: return tr("Tasks", "column");
    case Details: return tr("Details", "column");
    default: return {};
    }
}

} // namespace taskmill
