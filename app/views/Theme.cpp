// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/Theme.h"

#include "settings/AppSettings.h"

#include <QActionGroup>
#include <QApplication>
#include <QStyle>
#include <QProxyStyle>
#include <QStyleOption>
#include <QStyleFactory>

namespace taskmill {

namespace {
// What the app started with: "system" goes back to it after Light or Dark were tried.
struct Original
{
    QString style;
    QPalette palette;
};

const Original &original()
{
    static const Original o{QApplication::style() ? QApplication::style()->name() : QString(), QApplication::palette()};
    return o;
}

constexpr int DarkThreshold = 128; // window lightness below this reads as a dark theme
} // namespace

QPalette Theme::darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48);
    const QColor base(30, 30, 32);
    const QColor text(230, 230, 230);
    const QColor disabledText(130, 130, 130);
    const QColor highlight(42, 130, 218);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, highlight.lighter(130));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

namespace {
// Table headers as the app wants them in every base style: sort arrows that point the way the values go, and a
// label too wide for its section elided at its end (the base styles centre it and cut both ends off, "le
// подтвержден" for "Не подтверждено"); the views give such headers their full text as a tooltip.
class HeaderStyle final : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
                     const QWidget *widget = nullptr) const override
    {
        if (element == CE_HeaderLabel)
            if (const auto *header = qstyleoption_cast<const QStyleOptionHeader *>(option);
                header && !header->text.isEmpty()) {
                QStyleOptionHeader elided(*header);
                // The label's rect is what the section leaves beside the arrow; an icon takes its share of it.
                const int icon = header->icon.isNull() ? 0 : pixelMetric(PM_SmallIconSize, header, widget) + 2;
                elided.text = header->fontMetrics.elidedText(header->text, Qt::ElideRight, header->rect.width() - icon);
                QProxyStyle::drawControl(element, &elided, painter, widget);
                return;
            }
        QProxyStyle::drawControl(element, option, painter, widget);
    }

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override
    {
        if (element == PE_IndicatorHeaderArrow)
            if (const auto *header = qstyleoption_cast<const QStyleOptionHeader *>(option);
                header && header->sortIndicator != QStyleOptionHeader::None) {
                QStyleOptionHeader flipped(*header);
                // QHeaderView sets SortDown for ascending; draw what the order means instead.
                flipped.sortIndicator = header->sortIndicator == QStyleOptionHeader::SortDown ? QStyleOptionHeader::SortUp
                                                                                              : QStyleOptionHeader::SortDown;
                QProxyStyle::drawPrimitive(element, &flipped, painter, widget);
                return;
            }
        QProxyStyle::drawPrimitive(element, option, painter, widget);
    }
};

void setStyleNamed(const QString &name)
{
    if (QStyle *base = QStyleFactory::create(name))
        QApplication::setStyle(new HeaderStyle(base)); // takes ownership of base
}
} // namespace

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < DarkThreshold;
}

void Theme::apply(const QString &choice)
{
    const Original &o = original(); // remembered before the first change
    if (choice == QLatin1String(Dark) || choice == QLatin1String(Light)) {
        setStyleNamed(QStringLiteral("Fusion"));
        QApplication::setPalette(choice == QLatin1String(Dark) ? darkPalette() : QApplication::style()->standardPalette());
        return;
    }
    setStyleNamed(o.style.isEmpty() ? QApplication::style()->name() : o.style);
    QApplication::setPalette(o.palette);
}

ThemeMenu::ThemeMenu(AppSettings &settings, QWidget *parent)
    : QMenu(tr("&Appearance"), parent), m_settings(settings)
{
    setObjectName(QStringLiteral("themeMenu"));
    auto *group = new QActionGroup(this);
    const QList<QPair<QString, QString>> choices{{QLatin1String(Theme::System), tr("&System")},
                                                 {QLatin1String(Theme::Light), tr("&Light")},
                                                 {QLatin1String(Theme::Dark), tr("&Dark")}};
    const QString current = settings.theme();
    for (const auto &[code, label] : choices) {
        QAction *action = addAction(label);
        action->setObjectName(QStringLiteral("theme_") + code);
        action->setCheckable(true);
        action->setChecked(code == current || (current.isEmpty() && code == QLatin1String(Theme::System)));
        action->setData(code);
        group->addAction(action);
    }
    connect(group, &QActionGroup::triggered, this, [this](QAction *action) {
        m_settings.setTheme(action->data().toString());
        Theme::apply(action->data().toString());
    });
}

} // namespace taskmill
