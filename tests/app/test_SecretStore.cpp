// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/KeychainSecretStore.h"
#include "client/MemorySecretStore.h"
#include "client/ProfileSecrets.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace taskmill;
using Status = SecretResult::Status;

namespace {
SecretResult await(QFuture<SecretResult> future, int timeoutMs = 10'000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (!future.isFinished())
        return {Status::Unavailable, {}, QStringLiteral("test: the future did not finish")};
    return future.result();
}

ConnectionProfile profile(const QString &name)
{
    ConnectionProfile p{name, QUrl(QStringLiteral("https://jobs.example")), ConnectionProfile::Kind::Remote};
    p.id = QUuid::createUuid();
    p.auth = ConnectionProfile::Auth::Password;
    return p;
}

// TASKMILL_TEST_KEYCHAIN=available: run inside tests/app/with-keyring.sh (private D-Bus + gnome-keyring).
// Otherwise the process is cut off from every session bus, which is what a headless machine looks like.
bool keychainAvailable()
{
    return qgetenv("TASKMILL_TEST_KEYCHAIN") == "available";
}
} // namespace

class TestSecretStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!keychainAvailable()) {
            // QtDBus connects lazily, so this is early enough; a fresh runtime dir hides $XDG_RUNTIME_DIR/bus.
            QVERIFY(m_runtime.isValid());
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
            qunsetenv("DISPLAY");
            qputenv("XDG_RUNTIME_DIR", m_runtime.path().toLocal8Bit());
        }
        // Keys unique per run: the real keychain outlives the test only if the wrapper leaks it.
        m_service = QStringLiteral("taskmill-test-%1").arg(QCoreApplication::applicationPid());
    }

    void memory_store_round_trip()
    {
        MemorySecretStore store;
        QCOMPARE(await(store.read(QStringLiteral("k"))).status, Status::NotFound);
        QVERIFY(await(store.write(QStringLiteral("k"), QStringLiteral("pw"))).ok());
        QCOMPARE(await(store.read(QStringLiteral("k"))).secret, QStringLiteral("pw"));
        QVERIFY(await(store.remove(QStringLiteral("k"))).ok());
        QCOMPARE(await(store.read(QStringLiteral("k"))).status, Status::NotFound);
    }

    void session_secret_wins_over_the_persistent_one()
    {
        MemorySecretStore persistent;
        ProfileSecrets secrets(persistent);
        const ConnectionProfile p = profile(QStringLiteral("prod"));
        QVERIFY(await(secrets.save(p, QStringLiteral("saved"), false)).ok());
        QCOMPARE(await(persistent.read(p.secretKey())).secret, QStringLiteral("saved"));
        QCOMPARE(await(secrets.load(p)).secret, QStringLiteral("saved"));

        secrets.keepForSession(p, QStringLiteral("typed"));
        QVERIFY(secrets.hasSessionSecret(p));
        QCOMPARE(await(secrets.load(p)).secret, QStringLiteral("typed"));

        // Saving persistently again drops the session copy that would hide it.
        QVERIFY(await(secrets.save(p, QStringLiteral("new"), false)).ok());
        QVERIFY(!secrets.hasSessionSecret(p));
        QCOMPARE(await(secrets.load(p)).secret, QStringLiteral("new"));

        // Session only: the persistent copy is removed.
        QVERIFY(await(secrets.save(p, QStringLiteral("temp"), true)).ok());
        QCOMPARE(await(persistent.read(p.secretKey())).status, Status::NotFound);
        QCOMPARE(await(secrets.load(p)).secret, QStringLiteral("temp"));

        QVERIFY(await(secrets.forget(p)).ok());
        QCOMPARE(await(secrets.load(p)).status, Status::NotFound);
    }

    void keychain_without_a_service_is_unavailable_quickly()
    {
        if (keychainAvailable())
            QSKIP("a keychain is available in this run");
        KeychainSecretStore keychain(m_service);
        QElapsedTimer clock;
        clock.start();
        const SecretResult write = await(keychain.write(QStringLiteral("k"), QStringLiteral("pw")));
        QCOMPARE(write.status, Status::Unavailable);
        QVERIFY2(!write.message.isEmpty(), "the user is told why");
        QCOMPARE(await(keychain.read(QStringLiteral("k"))).status, Status::Unavailable);
        QVERIFY2(clock.elapsed() < 5000, "no hang waiting for a service that is not there");

        // The app's fallback: the secret lives for this session only, and load() finds it.
        ProfileSecrets secrets(keychain);
        const ConnectionProfile p = profile(QStringLiteral("prod"));
        QCOMPARE(await(secrets.save(p, QStringLiteral("pw"), false)).status, Status::Unavailable);
        QCOMPARE(await(secrets.load(p)).status, Status::Unavailable); // nothing was kept silently
        secrets.keepForSession(p, QStringLiteral("pw"));
        const SecretResult loaded = await(secrets.load(p));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.secret, QStringLiteral("pw"));
    }

    void real_keychain_round_trip()
    {
        if (!keychainAvailable())
            QSKIP("no keychain in this run (see tests/app/with-keyring.sh)");
        KeychainSecretStore keychain(m_service);
        const QString key = QStringLiteral("profile/round-trip");
        QCOMPARE(await(keychain.read(key)).status, Status::NotFound);
        const SecretResult write = await(keychain.write(key, QStringLiteral("pä$$wörd")));
        QVERIFY2(write.ok(), qPrintable(write.message));
        const SecretResult read = await(keychain.read(key));
        QVERIFY2(read.ok(), qPrintable(read.message));
        QCOMPARE(read.secret, QStringLiteral("pä$$wörd"));

        // A second store object (as after a restart) reads what the first wrote.
        KeychainSecretStore again(m_service);
        QCOMPARE(await(again.read(key)).secret, QStringLiteral("pä$$wörd"));

        QVERIFY(await(keychain.remove(key)).ok());
        QCOMPARE(await(keychain.read(key)).status, Status::NotFound);
        QVERIFY(await(keychain.remove(key)).ok()); // removing what is gone is fine
    }

private:
    QTemporaryDir m_runtime;
    QString m_service;
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "test_SecretStore.moc"
