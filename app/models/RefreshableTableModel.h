// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"

#include <QAbstractTableModel>

namespace taskmill {

// Base of table models loaded whole on refresh() (users, tokens, invites): one load at a time, and a refresh
// asked for while one is in flight runs once more when it ends, so the table ends on an answer sent after the
// last change made meanwhile. Non-template so it can declare the signals: FetchedRowsModel, the template that
// loads rows, sits on top of it.
class RefreshableTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshableTableModel)

public:
    explicit RefreshableTableModel(QObject *parent = nullptr);

    void refresh();
    bool isLoading() const { return m_inFlight; }

signals:
    void loaded();
    void loadFailed(const taskmill::ApiError &error);

protected:
    // Starts one load, which must end in exactly one call of finishLoad().
    virtual void startLoad() = 0;
    // `error`: null when the rows were applied.
    void finishLoad(const ApiError *error);

private:
    bool m_inFlight = false;
    bool m_again = false;
};

} // namespace taskmill
