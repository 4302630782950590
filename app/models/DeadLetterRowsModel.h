// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

#include <algorithm>

namespace taskmill {

// Base of the dead-letter table models: rows of `Row` keyed by `Key`, replaced by whole server answers.
// applyRows() turns a fresh answer into removes, inserts, moves and in-place updates, so selection and
// scroll position survive a refresh, and reports updates as one dataChanged per contiguous span of rows.
// `Base` is QAbstractTableModel or a QObject class derived from it that declares signals a template cannot.
template<typename Row, typename Key, typename Base = QAbstractTableModel>
class DeadLetterRowsModel : public Base
{
public:
    using Base::Base;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

    const QList<Row> &rows() const { return m_rows; }
    const Row &rowAt(int row) const { return m_rows.at(row); }
    int rowOf(const Key &key) const { return m_rowByKey.value(key, -1); }

    // Replaces the rows with `next` (server order); a duplicate key keeps its first row.
    void applyRows(const QList<Row> &next)
    {
        QList<Row> wanted;
        QSet<Key> wantedKeys;
        wanted.reserve(next.size());
        for (const Row &row : next)
            if (!wantedKeys.contains(keyOf(row))) {
                wantedKeys.insert(keyOf(row));
                wanted.append(row);
            }
        removeAllBut(wantedKeys);

        // Every remaining row is in `wanted`. Walk it in order: a row in place is updated, unknown keys
        // start a span of inserts, a known key further down moves up. Rows before `i` never move again.
        QSet<Key> shown;
        for (const Row &row : std::as_const(m_rows))
            shown.insert(keyOf(row));
        QList<int> changed;
        for (int i = 0; i < int(wanted.size()); ++i) {
            const Row &target = wanted.at(i);
            if (!shown.contains(keyOf(target))) {
                int last = i;
                while (last + 1 < int(wanted.size()) && !shown.contains(keyOf(wanted.at(last + 1))))
                    ++last;
                this->beginInsertRows({}, i, last);
                for (int k = i; k <= last; ++k)
                    m_rows.insert(k, wanted.at(k));
                this->endInsertRows();
                i = last;
                continue;
            }
            if (keyOf(m_rows.at(i)) != keyOf(target)) {
                int from = i + 1;
                while (keyOf(m_rows.at(from)) != keyOf(target))
                    ++from;
                this->beginMoveRows({}, from, from, {}, i);
                m_rows.move(from, i);
                this->endMoveRows();
            }
            if (!(m_rows.at(i) == target)) {
                m_rows[i] = target;
                changed.append(i);
            }
        }
        reindex();
        emitChangedSpans(changed);
    }

    // Drops the rows with these keys at once (an action succeeded; the next refresh confirms it).
    void removeKeys(const QSet<Key> &keys)
    {
        QSet<Key> keep;
        for (const Row &row : std::as_const(m_rows))
            if (!keys.contains(keyOf(row)))
                keep.insert(keyOf(row));
        removeAllBut(keep);
        reindex();
    }

    void clear()
    {
        if (m_rows.isEmpty())
            return;
        this->beginResetModel();
        m_rows.clear();
        m_rowByKey.clear();
        this->endResetModel();
    }

protected:
    virtual Key keyOf(const Row &row) const = 0;

private:
    void removeAllBut(const QSet<Key> &keep)
    {
        // Bottom-up, so the rows of spans not yet removed keep their numbers.
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            if (keep.contains(keyOf(m_rows.at(row))))
                continue;
            const int last = row;
            while (row > 0 && !keep.contains(keyOf(m_rows.at(row - 1))))
                --row;
            this->beginRemoveRows({}, row, last);
            m_rows.remove(row, last - row + 1);
            this->endRemoveRows();
        }
    }

    void emitChangedSpans(const QList<int> &rows)
    {
        const int lastColumn = this->columnCount() - 1;
        for (qsizetype i = 0; i < rows.size();) {
            qsizetype j = i;
            while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
                ++j;
            emit this->dataChanged(this->index(rows.at(i), 0), this->index(rows.at(j), lastColumn));
            i = j + 1;
        }
    }

    void reindex()
    {
        m_rowByKey.clear();
        for (int row = 0; row < int(m_rows.size()); ++row)
            m_rowByKey.insert(keyOf(m_rows.at(row)), row);
    }

    QList<Row> m_rows;
    QHash<Key, int> m_rowByKey;
};

} // namespace taskmill
