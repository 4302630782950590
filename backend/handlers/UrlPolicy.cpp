// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/UrlPolicy.h"

#include <sys/socket.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr char AllowedProtocols[] = "http,https";

// True when `ip` lies in prefix/len (host byte order).
constexpr bool inV4(quint32 ip, quint32 prefix, int len)
{
    const quint32 mask = len == 0 ? 0 : ~quint32(0) << (32 - len);
    return (ip & mask) == (prefix & mask);
}

constexpr quint32 v4(quint8 a, quint8 b, quint8 c, quint8 d)
{
    return quint32(a) << 24 | quint32(b) << 16 | quint32(c) << 8 | d;
}

AddressClass classifyV4(quint32 ip)
{
    if (inV4(ip, v4(0, 0, 0, 0), 8))
        return AddressClass::Unspecified; // "this network": Linux connects 0.x to the local host
    if (inV4(ip, v4(127, 0, 0, 0), 8))
        return AddressClass::Loopback;
    if (inV4(ip, v4(169, 254, 0, 0), 16))
        return AddressClass::LinkLocal;
    if (inV4(ip, v4(10, 0, 0, 0), 8) || inV4(ip, v4(172, 16, 0, 0), 12) || inV4(ip, v4(192, 168, 0, 0), 16))
        return AddressClass::Private;
    if (inV4(ip, v4(100, 64, 0, 0), 10))
        return AddressClass::SharedCgnat;
    if (inV4(ip, v4(224, 0, 0, 0), 4))
        return AddressClass::Multicast;
    if (inV4(ip, v4(240, 0, 0, 0), 4))
        return AddressClass::Reserved;
    return AddressClass::Public;
}

quint32 embeddedV4(const Q_IPV6ADDR &a)
{
    return quint32(a[12]) << 24 | quint32(a[13]) << 16 | quint32(a[14]) << 8 | a[15];
}

bool zeroBytes(const Q_IPV6ADDR &a, int from, int to)
{
    return std::all_of(a.c + from, a.c + to, [](quint8 b) { return b == 0; });
}

AddressClass classifyV6(const Q_IPV6ADDR &a)
{
    const bool first10Zero = zeroBytes(a, 0, 10);
    if (first10Zero && a[10] == 0 && a[11] == 0) {
        // ::/96: the unspecified address, loopback, or the deprecated IPv4-compatible form.
        const quint32 low = embeddedV4(a);
        if (low == 0)
            return AddressClass::Unspecified;
        if (low == 1)
            return AddressClass::Loopback;
        return classifyV4(low);
    }
    if (first10Zero && a[10] == 0xff && a[11] == 0xff) // ::ffff:a.b.c.d, v4-mapped
        return classifyV4(embeddedV4(a));
    if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && zeroBytes(a, 4, 12)) // 64:ff9b::/96, NAT64
        return classifyV4(embeddedV4(a));
    if (a[0] == 0xff)
        return AddressClass::Multicast;
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
        return AddressClass::LinkLocal;
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
        return AddressClass::Private;
    if ((a[0] & 0xfe) == 0xfc)
        return AddressClass::UniqueLocal;
    return AddressClass::Public;
}
} // namespace

AddressClass classifyAddress(const QHostAddress &address)
{
    switch (address.protocol()) {
    case QAbstractSocket::IPv4Protocol:
        return classifyV4(address.toIPv4Address());
    case QAbstractSocket::IPv6Protocol:
        return classifyV6(address.toIPv6Address());
    default:
        return AddressClass::Reserved;
    }
}

QString addressClassName(AddressClass c)
{
    switch (c) {
    case AddressClass::Public: return u"public"_s;
    case AddressClass::Unspecified: return u"unspecified"_s;
    case AddressClass::Loopback: return u"loopback"_s;
    case AddressClass::LinkLocal: return u"link-local"_s;
    case AddressClass::Private: return u"private"_s;
    case AddressClass::SharedCgnat: return u"shared (carrier-grade NAT)"_s;
    case AddressClass::UniqueLocal: return u"unique-local"_s;
    case AddressClass::Multicast: return u"multicast"_s;
    case AddressClass::Reserved: return u"reserved"_s;
    }
    return u"unknown"_s;
}

NetworkPolicy NetworkPolicy::fromSettings(const HandlerSettings &settings)
{
    return {settings.allowPrivateNetworks, {}};
}

bool NetworkPolicy::permits(const QHostAddress &address) const
{
    return allowPrivateNetworks || classifyAddress(address) == AddressClass::Public
        || trustedAddresses.contains(address);
}

QString checkHttpUrl(const QUrl &url)
{
    if (!url.isValid() || url.isRelative())
        return u"'%1' is not an absolute URL"_s.arg(url.toString());
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http"_s && scheme != u"https"_s)
        return u"scheme '%1' is not allowed in '%2' (only http and https)"_s.arg(scheme, url.toString());
    if (url.host().isEmpty())
        return u"'%1' has no host"_s.arg(url.toString());
    return {};
}

ConnectGuard::ConnectGuard(NetworkPolicy policy)
    : m_policy(std::move(policy))
{
}

void ConnectGuard::install(CURL *easy)
{
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, AllowedProtocols);
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, AllowedProtocols);
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &ConnectGuard::openSocket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
}

QString ConnectGuard::refusalMessage() const
{
    return u"network policy refused to connect to %1 (%2 address); set handlers.allow_private_networks = true "
           "to let handlers reach private networks"_s.arg(m_refusedAddress, addressClassName(m_refusedClass));
}

curl_socket_t ConnectGuard::openSocket(void *self, curlsocktype purpose, struct curl_sockaddr *address)
{
    auto *guard = static_cast<ConnectGuard *>(self);
    const bool ip = address->family == AF_INET || address->family == AF_INET6;
    const QHostAddress host = ip ? QHostAddress(&address->addr) : QHostAddress();
    if (purpose != CURLSOCKTYPE_IPCXN || !ip || !guard->m_policy.permits(host)) {
        // Keep the first refusal: with several resolved addresses curl tries each, and the first is what
        // the URL's host pointed to.
        if (!guard->refused()) {
            guard->m_refusedAddress = ip ? host.toString() : u"a non-IP socket"_s;
            guard->m_refusedClass = ip ? classifyAddress(host) : AddressClass::Reserved;
        }
        return CURL_SOCKET_BAD;
    }
    return ::socket(address->family, address->socktype, address->protocol);
}

} // namespace taskmill
