// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

namespace taskmill {

// Array literals for binding whole columns as one parameter ("?::uuid[]"): grouping rows into one
// statement is what makes PostgreSQL writes fast (see docs/architecture.md). Elements are quoted and
// escaped, so any text (JSON, user input) is safe; a null QString becomes NULL.
QString pgTextArray(const QStringList &values);
QString pgUuidArray(const QList<QUuid> &ids);
QString pgIntArray(const QList<int> &values);

} // namespace taskmill
