// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QLayout>
#include <QStyle>
#include <QList>

namespace taskmill {

// Lays its items out left to right and starts a new line when the next one does not fit, so a bar of
// controls never forces its window wider than the screen (Russian labels are ~30 % longer than English).
// Its minimum width is that of its widest item; its height follows the width (heightForWidth). Items keep
// their size hints; an item added with stretch takes the width left on its line (one per line is enough:
// the search field).
class FlowLayout final : public QLayout
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowLayout)

public:
    explicit FlowLayout(QWidget *parent = nullptr, int hSpacing = -1, int vSpacing = -1);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    using QLayout::addWidget;                       // adds without stretch
    void addWidget(QWidget *widget, bool stretch);
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const override { return m_items.value(index).item; }
    QLayoutItem *takeAt(int index) override;

    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

    int horizontalSpacing() const;
    int verticalSpacing() const;

private:
    struct Entry
    {
        QLayoutItem *item = nullptr;
        bool stretch = false;
    };
    // Places the items in `rect` (only measures when !apply); returns the height used.
    int arrange(const QRect &rect, bool apply) const;
    int spacing(int explicitValue, QStyle::PixelMetric metric) const;

    QList<Entry> m_items;
    int m_hSpacing;
    int m_vSpacing;
};

} // namespace taskmill
