// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/PauseGate.h"

#include "observability/Logging.h"
#include "store/PauseRepository.h"

#include <QStringList>

namespace taskmill {

namespace {
QString describe(const PauseSet &pauses)
{
    if (pauses.isEmpty())
        return QStringLiteral("none");
    QStringList names;
    for (const Pause &p : pauses.items)
        names << toString(p.scope) + u' ' + p.name;
    return names.join(QStringLiteral(", "));
}
} // namespace

void PauseGate::refresh(QSqlDatabase &db)
{
    if (m_sinceRead.isValid() && m_sinceRead.elapsed() < RefreshMs)
        return;
    m_sinceRead.start();
    auto read = PauseRepository(db).list();
    if (!read) {
        qCWarning(lcService).noquote() << "reading the pauses failed (the last view stays in use):" << read.error().message;
        return;
    }
    if (m_read && *read != m_pauses)
        qCInfo(lcService).noquote() << "paused now:" << describe(*read);
    m_pauses = *read;
    m_read = true;
}

} // namespace taskmill
