// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"
#include "service/LoginThrottle.h"
#include "wire/ApiError.h"

#include <QJsonValue>
#include <QObject>

#include <optional>

namespace taskmill {

// Accounts and tokens over HTTP (docs/security.md): seed 003's /api/register (closed, open, or by an invite
// from InviteHandler, per auth.registration) and /api/login, their /api/v1/auth/… forms (login, refresh,
// logout, me), and the admins' /api/v1/users and /api/v1/tokens.
class AuthHandler final : public QObject
{
public:
    AuthHandler(ApiContext &context, QObject *parent);
    void registerRoutes(RouteRegistry &server);

    static constexpr int PasswordMin = 8;
    static constexpr int PasswordMax = 1024;
    static constexpr int EmailMax = 254;

    // Validation errors naming "email" or "role" (shared with InviteHandler); checkRole sets *role when valid.
    static std::optional<ApiError> checkEmail(const QString &email);
    static std::optional<ApiError> checkRole(const QJsonValue &value, QString *role);

private:
    void login(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void registerUser(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void refresh(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void logout(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void createUser(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void updateUser(const QString &id, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void deleteUser(const QString &id, QHttpServerResponder &&responder);
    void createToken(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void revokeToken(const QString &id, QHttpServerResponder &&responder);

    ApiContext &m_ctx;
    LoginThrottle m_throttle;
};

} // namespace taskmill
