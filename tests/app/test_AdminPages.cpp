// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The admin pages while the server is unreachable: every Users & Tokens action and the audit log's
// "Load more" are disabled as "Not connected", and come back with their own tooltips on reconnect.
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "views/AccountActions.h"
#include "views/AccountsPage.h"
#include "views/AdminPages.h"
#include "views/AuditLogPage.h"

#include <QAction>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

using namespace taskmill;
using namespace taskmill::test;

namespace {
const QByteArray Health = "{\"status\":\"ok\",\"postgres\":\"up\",\"redis\":\"up\",\"version\":\"0.1.0\",\"protocol\":1}";
} // namespace

class TestAdminPages final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_network->setFallback(CannedResponse::json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"x\"}}"));
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{QStringLiteral("test"), QUrl(QStringLiteral("http://127.0.0.1:1")),
                                          ConnectionProfile::Kind::Remote});
        m_client->setProbeInterval(50);
        m_client->setBackoff(50, 100);
        m_tabs = std::make_unique<QTabWidget>();
        m_access = std::make_unique<CallerAccess>(*m_client);
        m_pages = std::make_unique<AdminPages>(*m_client, *m_tabs);
        m_pages->setAccess(m_access.get());
        m_pages->setAdmin(true);
    }

    void cleanup()
    {
        m_client->abortAll();
        m_pages.reset();
        m_access.reset();
        m_tabs.reset();
        m_client.reset();
        m_network.reset();
    }

    void account_actions_are_disabled_while_offline()
    {
        AccountActions *actions = m_pages->accounts()->actions();
        const QList<QAction *> all{actions->addUserAction(), actions->newTokenAction(), actions->newInviteAction(),
                                   actions->reloadAction(), actions->editRoleAction(), actions->deleteUserAction()};
        QVERIFY(!m_access->isOnline());
        for (QAction *action : all) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
            QCOMPARE(action->toolTip(), QStringLiteral("Not connected"));
        }

        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, Health));
        m_client->connectToBackend();
        QTRY_VERIFY(m_access->isOnline());
        QVERIFY(actions->addUserAction()->isEnabled());
        QCOMPARE(actions->addUserAction()->toolTip(),
                 QStringLiteral("Create an account that logs in with an e-mail and a password"));
        QVERIFY(actions->reloadAction()->isEnabled());
        QVERIFY(!actions->deleteUserAction()->isEnabled()); // nothing selected
    }

    void audit_load_more_says_not_connected_while_offline()
    {
        QPushButton *loadMore = m_pages->audit()->loadMoreButton();
        QVERIFY(!loadMore->isEnabled());
        QCOMPARE(loadMore->toolTip(), QStringLiteral("Not connected"));

        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, Health));
        m_client->connectToBackend();
        QTRY_VERIFY(m_access->isOnline());
        QCOMPARE(loadMore->toolTip(), QStringLiteral("Append the next older entries"));
        QVERIFY(!loadMore->isEnabled()); // nothing loaded, nothing more to append
    }

private:
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<QTabWidget> m_tabs;
    std::unique_ptr<CallerAccess> m_access;
    std::unique_ptr<AdminPages> m_pages;
};

QTEST_MAIN(TestAdminPages)
#include "test_AdminPages.moc"
