// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/PauseIndicator.h"

#include "models/PauseState.h"
#include "models/TaskModel.h"
#include "models/TimeFormat.h"

#include <QTextDocument>

namespace taskmill {

namespace {
QString pausedName(const Pause &pause)
{
    if (pause.scope == PauseScope::Type)
        return PauseIndicator::tr("type %1", "a paused task type").arg(pause.name);
    const std::optional<Priority> priority = priorityFromString(pause.name);
    return PauseIndicator::tr("%1 queue", "a paused priority").arg(priority ? TaskModel::displayName(*priority) : pause.name);
}
} // namespace

PauseIndicator::PauseIndicator(const PauseState &state, QWidget *parent)
    : QLabel(parent)
    , m_state(state)
{
    setObjectName(QStringLiteral("pauseIndicator"));
    setTextFormat(Qt::PlainText);
    QFont bold = font();
    bold.setBold(true);
    setFont(bold);
    connect(&m_state, &PauseState::changed, this, &PauseIndicator::showPauses);
    showPauses();
}

void PauseIndicator::showPauses()
{
    const QList<Pause> &items = m_state.pauses().items;
    setVisible(!items.isEmpty());
    if (items.isEmpty())
        return;
    QStringList names;
    QStringList lines;
    for (const Pause &pause : items) {
        names << pausedName(pause);
        lines << tr("%1: paused by %2 at %3").arg(pausedName(pause), pause.pausedBy, formatTime(pause.pausedAt));
    }
    setText(items.size() <= MaxNamed ? tr("Paused: %1").arg(names.join(QStringLiteral(", ")))
                                     : tr("%Ln paused", "queues and task types", int(items.size())));
    setToolTip(Qt::convertFromPlainText(lines.join(u'\n'), Qt::WhiteSpaceNormal));
}

} // namespace taskmill
