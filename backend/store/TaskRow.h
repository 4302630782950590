// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"

#include <QSqlQuery>

namespace taskmill {

// The column list every task SELECT/RETURNING uses, in the order taskFromRow() reads it.
QString taskColumns(const QString &alias = {});
Task taskFromRow(const QSqlQuery &q, int firstColumn = 0);

int priorityToDb(Priority p);
Priority priorityFromDb(int v);

} // namespace taskmill
