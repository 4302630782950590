// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TableFit.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QHelpEvent>
#include <QSet>
#include <QTableView>
#include <QTextDocument>
#include <QTimer>
#include <QToolTip>

#include <algorithm>

namespace taskmill {

namespace {
// Lives as the view's child: refits after model changes (coalesced into one pass per event-loop turn) and
// remembers the columns the user sized by hand.
class ColumnFitter final : public QObject
{
public:
    ColumnFitter(QTableView *view, QHash<int, int> caps) : QObject(view), m_view(view), m_caps(std::move(caps))
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(0);
        connect(&m_timer, &QTimer::timeout, this, &ColumnFitter::fit);
        QHeaderView *header = view->horizontalHeader();
        connect(header, &QHeaderView::sectionResized, this, [this](int logical) {
            if (!m_fitting)
                m_userSized.insert(logical);
        });
        if (QAbstractItemModel *model = view->model()) {
            connect(model, &QAbstractItemModel::modelReset, &m_timer, qOverload<>(&QTimer::start));
            connect(model, &QAbstractItemModel::rowsInserted, &m_timer, qOverload<>(&QTimer::start));
            connect(model, &QAbstractItemModel::layoutChanged, &m_timer, qOverload<>(&QTimer::start));
            connect(model, &QAbstractItemModel::dataChanged, &m_timer, qOverload<>(&QTimer::start));
            connect(model, &QAbstractItemModel::headerDataChanged, &m_timer, qOverload<>(&QTimer::start));
        }
        m_timer.start();
    }

private:
    void fit()
    {
        QHeaderView *header = m_view->horizontalHeader();
        int last = -1;
        for (int visual = header->count() - 1; visual >= 0 && last < 0; --visual)
            if (!header->isSectionHidden(header->logicalIndex(visual)))
                last = header->logicalIndex(visual);
        m_fitting = true;
        for (int logical = 0; logical < header->count(); ++logical) {
            if (header->isSectionHidden(logical) || m_userSized.contains(logical)
                || header->sectionResizeMode(logical) != QHeaderView::Interactive
                || (logical == last && header->stretchLastSection()))
                continue;
            const int wanted = std::max(header->sectionSizeHint(logical), static_cast<const QAbstractItemView *>(m_view)->sizeHintForColumn(logical));
            header->resizeSection(logical, std::min(wanted, m_caps.value(logical, TableFit::MaxAutoColumnPx)));
        }
        m_fitting = false;
    }

    QTableView *m_view;
    QHash<int, int> m_caps;
    QTimer m_timer;
    QSet<int> m_userSized;
    bool m_fitting = false;
};
} // namespace

void TableFit::fitColumns(QTableView *view, const QHash<int, int> &caps)
{
    new ColumnFitter(view, caps);
}

void TableFit::showElidedInTooltips(QAbstractItemView *view)
{
    if (qstrcmp(view->itemDelegate()->metaObject()->className(), "QStyledItemDelegate") == 0)
        view->setItemDelegate(new ElidedTextDelegate(view));
}

bool ElidedTextDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                   const QModelIndex &index)
{
    if (!event || event->type() != QEvent::ToolTip || !index.isValid()
        || !index.data(Qt::ToolTipRole).toString().isEmpty())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString text = index.data(Qt::DisplayRole).toString();
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // The text needs its width plus the cell's margins; anything less is elided by the style.
    const int margins = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, &opt, view) + 1);
    const int iconWidth = opt.features.testFlag(QStyleOptionViewItem::HasDecoration) ? opt.decorationSize.width() + margins : 0;
    if (text.isEmpty() || opt.fontMetrics.horizontalAdvance(text) + margins + iconWidth <= option.rect.width()) {
        QToolTip::hideText();
        return true;
    }
    QToolTip::showText(event->globalPos(), Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal), view, option.rect);
    return true;
}

} // namespace taskmill
