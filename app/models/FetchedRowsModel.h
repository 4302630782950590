// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/DeadLetterRowsModel.h"
#include "models/RefreshableTableModel.h"
#include "wire/Result.h"

#include <QFuture>
#include <QList>

namespace taskmill {

// A table of `Row`s keyed by `Key` that one request lists whole (GET /api/v1/users, …/tokens, …/invites):
// refresh() (RefreshableTableModel: one load at a time, re-run once if asked meanwhile) calls fetchRows()
// and applies the answer in place (DeadLetterRowsModel), so selection and scroll position survive. A failed
// load keeps the rows shown and reports loadFailed().
template<typename Row, typename Key>
class FetchedRowsModel : public DeadLetterRowsModel<Row, Key, RefreshableTableModel>
{
public:
    using DeadLetterRowsModel<Row, Key, RefreshableTableModel>::DeadLetterRowsModel;

protected:
    // The request for every row; continued on this model's thread.
    virtual QFuture<Result<QList<Row>>> fetchRows() = 0;

private:
    void startLoad() final
    {
        fetchRows().then(this, [this](Result<QList<Row>> result) {
            if (!result) {
                this->finishLoad(&result.error());
                return;
            }
            this->applyRows(*result);
            this->finishLoad(nullptr);
        });
    }
};

} // namespace taskmill
