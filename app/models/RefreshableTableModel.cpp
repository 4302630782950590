// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/RefreshableTableModel.h"

#include <utility>

namespace taskmill {

RefreshableTableModel::RefreshableTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RefreshableTableModel::refresh()
{
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    startLoad();
}

void RefreshableTableModel::finishLoad(const ApiError *error)
{
    // Not loading while the signals run: a receiver may ask for another refresh, which then starts at once.
    m_inFlight = false;
    if (error)
        emit loadFailed(*error);
    else
        emit loaded();
    if (std::exchange(m_again, false))
        refresh();
}

} // namespace taskmill
