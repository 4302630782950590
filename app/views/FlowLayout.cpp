// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/FlowLayout.h"

#include <QStyle>
#include <QWidget>
#include <QWidgetItem>

#include <algorithm>

namespace taskmill {

FlowLayout::FlowLayout(QWidget *parent, int hSpacing, int vSpacing)
    : QLayout(parent), m_hSpacing(hSpacing), m_vSpacing(vSpacing)
{
}

FlowLayout::~FlowLayout()
{
    for (const Entry &e : std::as_const(m_items))
        delete e.item;
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items.append({item, false});
    invalidate();
}

void FlowLayout::addWidget(QWidget *widget, bool stretch)
{
    addChildWidget(widget);
    m_items.append({new QWidgetItem(widget), stretch});
    invalidate();
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= m_items.size())
        return nullptr;
    QLayoutItem *item = m_items.takeAt(index).item;
    invalidate();
    return item;
}

int FlowLayout::spacing(int explicitValue, QStyle::PixelMetric metric) const
{
    if (explicitValue >= 0)
        return explicitValue;
    const QWidget *owner = parentWidget();
    return owner ? owner->style()->pixelMetric(metric, nullptr, owner) : 6;
}

int FlowLayout::horizontalSpacing() const
{
    return spacing(m_hSpacing, QStyle::PM_LayoutHorizontalSpacing);
}

int FlowLayout::verticalSpacing() const
{
    return spacing(m_vSpacing, QStyle::PM_LayoutVerticalSpacing);
}

QSize FlowLayout::minimumSize() const
{
    QSize size;
    for (const Entry &e : m_items)
        if (!e.item->isEmpty())
            size = size.expandedTo(e.item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    // Everything on one line: what the layout would like when there is room.
    int width = 0;
    int height = 0;
    int visible = 0;
    for (const Entry &e : m_items) {
        if (e.item->isEmpty())
            continue;
        const QSize hint = e.item->sizeHint();
        width += hint.width();
        height = std::max(height, hint.height());
        ++visible;
    }
    width += std::max(0, visible - 1) * horizontalSpacing();
    const QMargins m = contentsMargins();
    return {width + m.left() + m.right(), height + m.top() + m.bottom()};
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect &rect, bool apply) const
{
    const QMargins m = contentsMargins();
    const QRect area = rect.marginsRemoved(m);
    const int hSpace = horizontalSpacing();
    const int vSpace = verticalSpacing();

    // Break the visible items into lines first, then place each line: a stretching item needs to know the
    // width left on its line, and every item of a line is centred on the line's height.
    struct Line
    {
        qsizetype first = 0;
        qsizetype last = -1; // inclusive
        int width = 0;
        int height = 0;
    };
    QList<Line> lines;
    Line line;
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const QLayoutItem *item = m_items.at(i).item;
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint().boundedTo(QSize(area.width(), QWIDGETSIZE_MAX)).expandedTo(item->minimumSize());
        const int extra = line.last >= line.first ? hSpace : 0;
        if (line.last >= line.first && line.width + extra + hint.width() > area.width()) {
            lines.append(line);
            line = Line{i, i - 1, 0, 0};
        } else if (line.last < line.first) {
            line.first = i;
        }
        line.width += (line.last >= line.first ? hSpace : 0) + hint.width();
        line.height = std::max(line.height, hint.height());
        line.last = i;
    }
    if (line.last >= line.first)
        lines.append(line);

    int y = area.y();
    for (const Line &l : std::as_const(lines)) {
        if (apply) {
            const int spare = std::max(0, area.width() - l.width);
            bool spareUsed = false;
            int x = area.x();
            for (qsizetype i = l.first; i <= l.last; ++i) {
                const Entry &e = m_items.at(i);
                if (e.item->isEmpty())
                    continue;
                QSize size = e.item->sizeHint().boundedTo(QSize(area.width(), QWIDGETSIZE_MAX)).expandedTo(e.item->minimumSize());
                if (e.stretch && !spareUsed) {
                    size.rwidth() += spare;
                    spareUsed = true;
                }
                const int top = y + (l.height - size.height()) / 2;
                e.item->setGeometry(QRect(QPoint(x, top), size));
                x += size.width() + hSpace;
            }
        }
        y += l.height + vSpace;
    }
    if (!lines.isEmpty())
        y -= vSpace;
    return y - area.y() + m.top() + m.bottom();
}

} // namespace taskmill
