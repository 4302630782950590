// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>

namespace taskmill {

// [handlers.send_email]: the SMTP server send_email delivers through (docs/handlers.md).
struct SmtpSettings
{
    QString url;            // smtp://host:587 (STARTTLS when offered), smtps://host:465 (TLS); empty: not configured
    QString username;       // empty: no login
    QString password;
    QString from;           // envelope and From: address
    bool requireTls = false; // refuse to send when STARTTLS is not available (smtp://)
    QString caFile;          // PEM bundle the server's certificate must chain to; empty: the system's CAs
    int timeoutMs = 30'000;
};

// [handlers]: settings of the built-in handlers, read by the executor role only.
struct HandlerSettings
{
    // Root of every file a handler reads or writes (process_image, send_email attachments,
    // download_files under downloads/<task id>/). Paths in payloads are relative to it and may not escape it.
    QString filesDir;
    // handlers.allow_private_networks: let http and download_files reach loopback, link-local, private,
    // unique-local and unspecified addresses (server-side request forgery guard, docs/handlers.md).
    bool allowPrivateNetworks = false;
    SmtpSettings smtp;
    qint64 httpMaxBodyBytes = 1024 * 1024;          // handlers.http.max_body_bytes: response body kept in the result
    qint64 downloadMaxFileBytes = 100 * 1024 * 1024; // handlers.download_files.max_file_bytes
    int downloadMaxTaskMs = 300'000;                // handlers.download_files.max_task_ms
    int downloadParallel = 8;                       // handlers.download_files.parallel
    // handlers.refresh_ms: how often an executor re-reads the registry (enabled, timeout_ms) before a claim;
    // 0 re-reads before every claim (tests; one more query per claim).
    int refreshMs = 1000;
};

} // namespace taskmill
