// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QSslConfiguration>
#include <QString>

namespace taskmill {

// The api's TLS (docs/security.md, "Transport"): the certificate chain and key read from PEM files, TLS 1.2
// or later. A failure names the file and what was wrong with it, so a bad reload keeps the old configuration.
Result<QSslConfiguration> loadTlsConfiguration(const QString &certPath, const QString &keyPath);

// Whether a listen address only ever reaches this machine (no TLS or credentials needed on it by default).
bool isLoopbackListen(const QString &host);

} // namespace taskmill
