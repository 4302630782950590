// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/Theme.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QList>
#include <QStandardItemModel>
#include <QTest>

using namespace taskmill;

// The header's sort arrow points the way the values go: ▼ for newest first (descending), ▲ for ascending, in
// every theme Theme::apply installs. Read from the pixels: a ▼ has most of its ink in its upper half.
class TestSortArrow final : public QObject
{
    Q_OBJECT

private:
    static constexpr int ArrowZonePx = 40;
    // The width of the arrow's top row minus that of its bottom row.
    static int inkTopMinusBottom(Qt::SortOrder order)
    {
        QStandardItemModel model(1, 2);
        model.setHorizontalHeaderLabels({QStringLiteral("Created"), QStringLiteral("Title")});
        QHeaderView header(Qt::Horizontal);
        header.setModel(&model);
        header.setSortIndicatorShown(true);
        header.setSortIndicator(0, order);
        header.resize(400, 30);
        header.resizeSection(0, 200);
        // Fusion and the other styles draw the arrow at the section's right end, clear of the centred label.
        const QImage image = header.grab().toImage();
        const QRect arrow(header.sectionSize(0) - ArrowZonePx, 2, ArrowZonePx - 4, header.height() - 4); // no borders
        const int background = qGray(image.pixel(arrow.left(), arrow.top()));
        QList<int> inkPerRow;
        for (int y = arrow.top(); y <= arrow.bottom(); ++y) {
            int ink = 0;
            for (int x = arrow.left(); x <= arrow.right(); ++x)
                ink += qAbs(qGray(image.pixel(x, y)) - background) > 60;
            if (ink > 0)
                inkPerRow.append(ink);
        }
        // A ▼ is widest in its first row, a ▲ in its last.
        const int balance = inkPerRow.isEmpty() ? 0 : inkPerRow.first() - inkPerRow.last();
        return balance;
    }

private slots:
    void arrows_point_the_way_the_values_go_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << QString::fromLatin1(Theme::Light);
        QTest::newRow("dark") << QString::fromLatin1(Theme::Dark);
        QTest::newRow("system") << QString::fromLatin1(Theme::System);
    }

    void arrows_point_the_way_the_values_go()
    {
        QFETCH(QString, theme);
        Theme::apply(theme);
        const int descending = inkTopMinusBottom(Qt::DescendingOrder);
        const int ascending = inkTopMinusBottom(Qt::AscendingOrder);
        QVERIFY2(descending > 0, qPrintable(QStringLiteral("newest first must draw ▼ (ink balance %1)").arg(descending)));
        QVERIFY2(ascending < 0, qPrintable(QStringLiteral("ascending must draw ▲ (ink balance %1)").arg(ascending)));
    }
};

QTEST_MAIN(TestSortArrow)
#include "test_SortArrow.moc"
