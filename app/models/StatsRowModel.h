// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>

namespace taskmill {

// Base of the dashboard's keyed tables (workers, pending entries): setRows() diffs a fresh server list
// against the rows shown by key, so a refresh every few seconds keeps selection and scroll position.
// Rows that left are removed in contiguous spans (highest first), kept rows are updated in place with
// one dataChanged per span of changed rows, new rows are appended in one insert. Row order is arrival
// order; views sort through a proxy on RawValueRole.
template<typename Row>
class StatsRowModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    const QList<Row> &rows() const { return m_rows; }

    void setRows(const QList<Row> &fresh)
    {
        QHash<QString, qsizetype> freshIndex;
        for (qsizetype i = 0; i < fresh.size(); ++i)
            freshIndex.insert(keyOf(fresh.at(i)), i);

        for (qsizetype last = m_rows.size() - 1; last >= 0;) {
            if (freshIndex.contains(keyOf(m_rows.at(last)))) {
                --last;
                continue;
            }
            qsizetype first = last;
            while (first > 0 && !freshIndex.contains(keyOf(m_rows.at(first - 1))))
                --first;
            beginRemoveRows({}, int(first), int(last));
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            last = first - 1;
        }

        QHash<QString, qsizetype> shown;
        qsizetype spanStart = -1;
        for (qsizetype row = 0; row <= m_rows.size(); ++row) {
            bool changed = false;
            if (row < m_rows.size()) {
                const Row &next = fresh.at(freshIndex.value(keyOf(m_rows.at(row))));
                shown.insert(keyOf(next), row);
                changed = !(m_rows.at(row) == next);
                if (changed)
                    m_rows[row] = next;
            }
            if (changed && spanStart < 0)
                spanStart = row;
            if (!changed && spanStart >= 0) {
                emit dataChanged(index(int(spanStart), 0), index(int(row - 1), columnCount() - 1));
                spanStart = -1;
            }
        }

        QList<Row> added;
        for (const Row &r : fresh) {
            if (shown.contains(keyOf(r)))
                continue;
            shown.insert(keyOf(r), -1); // a key the server repeated is shown once
            added.append(r);
        }
        if (!added.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
            m_rows.append(added);
            endInsertRows();
        }
    }

protected:
    virtual QString keyOf(const Row &row) const = 0;

    QList<Row> m_rows;
};

} // namespace taskmill
