// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/HandlerSettings.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>

#include <curl/curl.h>

namespace taskmill {

// The server-side request forgery guard (OWASP API7) of the handlers that fetch URLs from payloads
// (http, download_files; docs/handlers.md "Network policy"). A task author must not be able to make the
// executor reach the cloud metadata service, the executor's own host or the internal network.

// What kind of destination an IP address is. Everything but Public is refused unless
// handlers.allow_private_networks is set.
enum class AddressClass {
    Public,
    Unspecified, // 0.0.0.0/8, ::
    Loopback,    // 127.0.0.0/8, ::1
    LinkLocal,   // 169.254.0.0/16 (cloud metadata at 169.254.169.254), fe80::/10
    Private,     // 10/8, 172.16/12, 192.168/16, fec0::/10 (old site-local)
    SharedCgnat, // 100.64.0.0/10, carrier-grade NAT: often the provider's internal network
    UniqueLocal, // fc00::/7
    Multicast,   // 224.0.0.0/4, ff00::/8
    Reserved,    // 240.0.0.0/4 including the broadcast address
};

// Classifies an IPv4 or IPv6 address. IPv6 forms that carry an IPv4 address (v4-mapped ::ffff:a.b.c.d,
// v4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d) are classified by the IPv4 address they reach.
// Anything that is neither IPv4 nor IPv6 counts as Reserved.
AddressClass classifyAddress(const QHostAddress &address);
// "loopback", "link-local", ...: for messages.
QString addressClassName(AddressClass c);

// Which addresses a handler may connect to.
struct NetworkPolicy
{
    bool allowPrivateNetworks = false;
    // Exact addresses permitted even when not Public. Not configurable: tests reach their own server on
    // loopback through it and still see every other loopback address (a redirect target) refused.
    QList<QHostAddress> trustedAddresses;

    static NetworkPolicy fromSettings(const HandlerSettings &settings);
    bool permits(const QHostAddress &address) const;
};

// Empty when `url` is a valid absolute http:// or https:// URL with a host, else why it is refused.
QString checkHttpUrl(const QUrl &url);

// Applies a NetworkPolicy to one easy handle: only http and https (also after redirects), no proxy from
// the environment (the guard must see the address the request really goes to), and a socket-open
// callback that inspects every address curl is about to connect to (after DNS, on every redirect and
// retry of another resolved address) and refuses those the policy does not permit before any packet is
// sent. The guard must outlive the transfers on that handle.
class ConnectGuard final
{
public:
    explicit ConnectGuard(NetworkPolicy policy);
    void install(CURL *easy);

    bool refused() const { return !m_refusedAddress.isEmpty(); }
    // The permanent-failure message for the first refused address.
    QString refusalMessage() const;

private:
    static curl_socket_t openSocket(void *self, curlsocktype purpose, struct curl_sockaddr *address);

    NetworkPolicy m_policy;
    QString m_refusedAddress;
    AddressClass m_refusedClass = AddressClass::Public;
};

} // namespace taskmill
