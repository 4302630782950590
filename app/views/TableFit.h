// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QHash>

#include <QStyledItemDelegate>

class QAbstractItemView;
class QTableView;

namespace taskmill {

// Column widths that follow the data, for tables without a saved layout: each column is as wide as its
// header and its widest visible value (at most MaxAutoColumnPx), refitted when rows arrive, until the user
// drags that column — from then on it keeps the user's width. Stretched sections are left alone. Without
// this every column starts at 100 px and dates, types and Russian headers are cut off.
class TableFit final
{
public:
    static constexpr int MaxAutoColumnPx = 360;

    // `caps`: a narrower limit for some columns (logical index → px), e.g. a long title beside short columns.
    static void fitColumns(QTableView *view, const QHash<int, int> &caps = {});
    // Cells whose text is cut short show it whole in a tooltip, as plain text (server text is never markup).
    // Installs an ElidedTextDelegate on a view that has the default delegate.
    static void showElidedInTooltips(QAbstractItemView *view);
};

// The delegate behind showElidedInTooltips(): paints as QStyledItemDelegate does; its tooltip is the model's
// ToolTipRole when given, else the display text when the cell is too narrow for it.
class ElidedTextDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
};

} // namespace taskmill
