// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"
#include "wire/AuditTypes.h"

#include <QAbstractTableModel>

#include <optional>

namespace taskmill {

class BackendClient;

// The audit log (GET /api/v1/audit) under one filter, newest first, grown page by page: setFilter() and
// refresh() load the first page again, loadMore() appends the next older one (keyset: the last answer's
// `next`). Answers to a load that a newer filter or refresh has overtaken are dropped. Actors and details
// are client-supplied text: DisplayRole and tooltips give them as plain text only.
class AuditModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditModel)

public:
    enum Column { Time, Actor, Action, Tasks, Details, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, EntryIdRole }; // RawValueRole: QDateTime, QString, QStringList, QJsonObject

    static constexpr int DetailsDisplayMax = 300; // characters of compact JSON in a cell; the whole in the tooltip

    explicit AuditModel(BackendClient &client, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const AuditFilter &filter() const { return m_filter; }
    void setFilter(const AuditFilter &filter); // first page of the new filter
    void refresh();                            // first page of the same filter
    void clear();                              // no rows; answers in flight are dropped
    bool hasMore() const { return m_next.has_value(); }
    // Appends the next older page. Not canFetchMore/fetchMore: views would page on every scroll to the
    // bottom, and the log may be long; the page has a Load more button instead.
    void loadMore();
    bool isLoading() const { return m_inFlight; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = rows; }
    const AuditEntry &entryAt(int row) const { return m_rows.at(row); }

    static QString compactDetails(const QJsonObject &details); // one line of JSON

signals:
    void loaded();
    void loadFailed(const taskmill::ApiError &error);

private:
    void load(qint64 before);

    BackendClient &m_client;
    AuditFilter m_filter;
    QList<AuditEntry> m_rows;
    std::optional<qint64> m_next;
    int m_pageSize = limits::AuditPageDefault;
    quint64 m_generation = 0; // bumped by every first-page load: older answers are stale
    bool m_inFlight = false;
};

} // namespace taskmill
