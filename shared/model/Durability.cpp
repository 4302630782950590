// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "model/Durability.h"

namespace taskmill {

QString toString(Durability d)
{
    switch (d) {
    case Durability::Fast: return QStringLiteral("fast");
    case Durability::Durable: return QStringLiteral("durable");
    case Durability::Replicated: return QStringLiteral("replicated");
    }
    return QStringLiteral("durable");
}

std::optional<Durability> durabilityFromString(const QString &s)
{
    for (Durability d : {Durability::Fast, Durability::Durable, Durability::Replicated})
        if (s == toString(d))
            return d;
    return std::nullopt;
}

} // namespace taskmill
