// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "client/MemorySecretStore.h"
#include "client/ProfileSecrets.h"
#include "settings/AppSettings.h"
#include "views/ConnectionDialog.h"
#include "views/ConnectionSession.h"
#include "views/MainWindow.h"
#include "views/ProfileEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace taskmill;
using namespace taskmill::test;
using Field = ProfileValidator::Field;

namespace {
// A keychain that is never there, like a session without D-Bus.
class UnavailableStore final : public SecretStore
{
public:
    QFuture<SecretResult> read(const QString &) override { return answer(); }
    QFuture<SecretResult> write(const QString &, const QString &) override { return answer(); }
    QFuture<SecretResult> remove(const QString &) override { return answer(); }

private:
    static QFuture<SecretResult> answer()
    {
        return QtFuture::makeReadyFuture(
            SecretResult{SecretResult::Status::Unavailable, {}, QStringLiteral("No D-Bus session.")});
    }
};

// A SHA-256 digest in base64, the body of a key pin.
const QString Digest = QStringLiteral("NG96FjinVd1uNRfgA8qS0nd/C9cO1xza64B33xbS9Iw=");

void type(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}
} // namespace

class TestConnectionDialog final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("taskmill-%1.ini").arg(++m_run));
        m_qsettings = std::make_unique<QSettings>(m_path, QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(*m_qsettings);
    }

    void cleanup()
    {
        m_settings.reset();
        m_qsettings.reset();
    }

    void local_profile_is_listed_first_and_cannot_be_removed()
    {
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionDialog dialog(*m_settings, secrets, m_settings->currentProfile());
        QCOMPARE(dialog.profileList()->count(), 1);
        QCOMPARE(dialog.profileList()->item(0)->text(), ConnectionProfile::localName());
        QVERIFY(!dialog.removeButton()->isEnabled());
        QVERIFY(dialog.editor()->nameEdit()->isReadOnly());
    }

    void bad_fields_are_shown_and_nothing_is_saved()
    {
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionDialog dialog(*m_settings, secrets, m_settings->currentProfile());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        QCOMPARE(dialog.profileList()->count(), 2);
        ProfileEditor *editor = dialog.editor();
        type(editor->urlEdit(), QStringLiteral("ftp://files.example"));
        type(editor->nameEdit(), QStringLiteral("local")); // clashes with Local (case-insensitive)
        editor->authCombo()->setCurrentIndex(editor->authCombo()->findData(int(ConnectionProfile::Auth::Password)));

        QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY2(editor->problemText(Field::Url).contains(QStringLiteral("ftp://files.example")), qPrintable(editor->problemText(Field::Url)));
        QVERIFY(!editor->problemText(Field::Name).isEmpty());
        QVERIFY(!editor->problemText(Field::User).isEmpty());
        QVERIFY(editor->problemText(Field::CaCertificate).isEmpty());
        QCOMPARE(m_settings->profiles().size(), 1); // nothing written
        QVERIFY(editor->nameEdit()->hasFocus());
    }

    void saved_profile_keeps_its_secret_in_the_keychain_not_the_file()
    {
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionDialog dialog(*m_settings, secrets, m_settings->currentProfile());
        QSignalSpy saved(&dialog, &ConnectionDialog::profilesSaved);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.addProfile();
        ProfileEditor *editor = dialog.editor();
        type(editor->nameEdit(), QStringLiteral("prod"));
        type(editor->urlEdit(), QStringLiteral("https://jobs.example:8443"));
        editor->authCombo()->setCurrentIndex(editor->authCombo()->findData(int(ConnectionProfile::Auth::Password)));
        type(editor->userEdit(), QStringLiteral("ops"));
        type(editor->secretEdit(), QStringLiteral("hunter2"));
        QVERIFY(editor->rememberBox()->isChecked());
        QCOMPARE(dialog.profileList()->item(1)->text(), QStringLiteral("prod")); // list follows the name

        QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(saved.size(), 1);
        QVERIFY(dialog.chosenProfile());
        const ConnectionProfile chosen = *dialog.chosenProfile();
        QCOMPARE(chosen.name, QStringLiteral("prod"));
        QVERIFY(!chosen.id.isNull());
        QCOMPARE(m_settings->profile(QStringLiteral("prod"))->user, QStringLiteral("ops"));
        SecretResult stored;
        keychain.read(chosen.secretKey()).then([&](SecretResult r) { stored = r; });
        QCOMPARE(stored.secret, QStringLiteral("hunter2"));
        QVERIFY(!secrets.hasSessionSecret(chosen));

        m_settings->sync();
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("jobs.example"));
        QVERIFY(!text.contains("hunter2"));
    }

    void without_a_keychain_the_secret_is_kept_for_the_session()
    {
        UnavailableStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionProfile prod{QStringLiteral("prod"), QUrl(QStringLiteral("https://jobs.example")),
                               ConnectionProfile::Kind::Remote};
        prod.auth = ConnectionProfile::Auth::Token;
        const ConnectionProfile stored = m_settings->setProfiles({prod}).at(1);
        ConnectionDialog dialog(*m_settings, secrets, stored);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        ProfileEditor *editor = dialog.editor();
        QCOMPARE(editor->nameEdit()->text(), QStringLiteral("prod"));
        // Opening the profile asks the keychain, which says it is not there: the dialog says so.
        QTRY_VERIFY(editor->keychainLabel()->isVisible());
        QVERIFY(editor->keychainLabel()->text().contains(QStringLiteral("No D-Bus session.")));
        QVERIFY(!editor->rememberBox()->isEnabled());
        QVERIFY(!editor->rememberBox()->isChecked());

        type(editor->secretEdit(), QStringLiteral("tk_live"));
        QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(secrets.hasSessionSecret(stored));
        SecretResult loaded;
        secrets.load(stored).then([&](SecretResult r) { loaded = r; });
        QCOMPARE(loaded.secret, QStringLiteral("tk_live"));
    }

    void keychain_refusing_a_write_keeps_the_dialog_open()
    {
        UnavailableStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionDialog dialog(*m_settings, secrets, m_settings->currentProfile());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.addProfile(); // a new profile: no read happened yet, so the write is the first to fail
        ProfileEditor *editor = dialog.editor();
        type(editor->nameEdit(), QStringLiteral("ci"));
        type(editor->urlEdit(), QStringLiteral("http://ci.example:8080"));
        editor->authCombo()->setCurrentIndex(editor->authCombo()->findData(int(ConnectionProfile::Auth::Token)));
        type(editor->secretEdit(), QStringLiteral("tk_ci"));
        QVERIFY(editor->rememberBox()->isChecked());
        QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
        QTRY_VERIFY(editor->keychainLabel()->isVisible());
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.result() != QDialog::Accepted);
        const ConnectionProfile ci = *m_settings->profile(QStringLiteral("ci"));
        QVERIFY(secrets.hasSessionSecret(ci));
        // Pressing again goes on: the secret already lives in the session store.
        QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.chosenProfile()->name, QStringLiteral("ci"));
    }

    void removing_a_profile_forgets_its_secret()
    {
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionProfile old{QStringLiteral("old"), QUrl(QStringLiteral("http://old.example")), ConnectionProfile::Kind::Remote};
        old.auth = ConnectionProfile::Auth::Token;
        old = m_settings->setProfiles({old}).at(1);
        keychain.write(old.secretKey(), QStringLiteral("s"));
        ConnectionDialog dialog(*m_settings, secrets, old);
        QCOMPARE(dialog.profileList()->currentRow(), 1);
        QVERIFY(dialog.removeButton()->isEnabled());
        QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
        QCOMPARE(dialog.profileList()->count(), 1);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_settings->profileNames(), QStringList{ConnectionProfile::localName()});
        QVERIFY(!keychain.contains(old.secretKey()));
        QVERIFY(!dialog.chosenProfile()); // Save only saves
    }

    void pinned_keys_are_normalised_and_checked_at_their_field()
    {
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionDialog dialog(*m_settings, secrets, m_settings->currentProfile());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        ProfileEditor *editor = dialog.editor();
        type(editor->urlEdit(), QStringLiteral("https://jobs.example:8443"));
        QVERIFY(!editor->pinCurrentButton()->isEnabled()); // nobody to fetch it
        type(editor->pinnedKeysEdit(), QStringLiteral("%1, sha256//tooShort=").arg(Digest));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QVERIFY2(editor->problemText(Field::PinnedKeys).contains(QStringLiteral("sha256//tooShort=")),
                 qPrintable(editor->problemText(Field::PinnedKeys)));
        QVERIFY(editor->pinnedKeysEdit()->hasFocus());
        QCOMPARE(m_settings->profiles().size(), 1); // nothing written

        // A bare digest is stored in the sha256// form.
        type(editor->pinnedKeysEdit(), Digest);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(m_settings->profiles().size(), 2);
        QCOMPARE(m_settings->profiles().at(1).pinnedKeys, QStringList{QStringLiteral("sha256//") + Digest});
    }

    void pin_current_shows_the_servers_key_before_pinning_it()
    {
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionDialog dialog(*m_settings, secrets, m_settings->currentProfile());
        QList<ConnectionProfile> asked;
        Result<QString> answer = QString(QStringLiteral("sha256//") + Digest);
        dialog.setPinFetcher([&](const ConnectionProfile &profile) {
            asked.append(profile);
            return QtFuture::makeReadyFuture(answer);
        });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
        ProfileEditor *editor = dialog.editor();
        type(editor->urlEdit(), QStringLiteral("https://jobs.example:8443"));
        QVERIFY(editor->pinCurrentButton()->isEnabled());

        // The user sees the key and may decline it.
        QTest::mouseClick(editor->pinCurrentButton(), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = editor->findChild<QMessageBox *>(QStringLiteral("pinConfirmation"))) && box->isVisible());
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().baseUrl, QUrl(QStringLiteral("https://jobs.example:8443"))); // as edited, unsaved
        QVERIFY(box->text().contains(QStringLiteral("sha256//") + Digest));
        box->button(QMessageBox::Cancel)->click();
        QVERIFY(editor->pinnedKeysEdit()->text().isEmpty());

        QTRY_VERIFY(!editor->findChild<QMessageBox *>(QStringLiteral("pinConfirmation")));
        QTest::mouseClick(editor->pinCurrentButton(), Qt::LeftButton);
        QTRY_VERIFY((box = editor->findChild<QMessageBox *>(QStringLiteral("pinConfirmation"))) && box->isVisible());
        QAbstractButton *pin = nullptr;
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::AcceptRole)
                pin = b;
        QVERIFY(pin);
        pin->click();
        QCOMPARE(editor->profile().pinnedKeys, QStringList{QStringLiteral("sha256//") + Digest});

        // A failure is shown under the field.
        answer = ApiError::unavailable(QStringLiteral("Cannot reach https://jobs.example:8443: handshake failed"));
        QTest::mouseClick(editor->pinCurrentButton(), Qt::LeftButton);
        QTRY_VERIFY(editor->problemText(Field::PinnedKeys).contains(QStringLiteral("handshake failed")));
        QCOMPARE(asked.size(), 3);
    }

    void dialog_fits_1280_by_800_in_english_and_russian()
    {
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        QTranslator russian;
        QVERIFY(russian.load(QLocale(QLocale::Russian), QStringLiteral("taskmill"), QStringLiteral("_"),
                             QStringLiteral(":/i18n")));
        for (QTranslator *translator : {static_cast<QTranslator *>(nullptr), &russian}) {
            if (translator)
                QCoreApplication::installTranslator(translator);
            ConnectionDialog dialog(*m_settings, secrets, m_settings->currentProfile());
            dialog.setPinFetcher([](const ConnectionProfile &) { return QtFuture::makeReadyFuture(Result<QString>(QString())); });
            dialog.addProfile();
            dialog.editor()->showProblems({{Field::CaCertificate, QStringLiteral("Cannot read /etc/ssl/ca.pem.")},
                                           {Field::PinnedKeys, QStringLiteral("Not a public key pin: x")}});
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            const QSize needed = dialog.minimumSizeHint().expandedTo(dialog.layout()->minimumSize());
            if (translator)
                QCoreApplication::removeTranslator(translator);
            QVERIFY2(needed.width() <= 1280 && needed.height() <= 800,
                     qPrintable(QStringLiteral("%1×%2").arg(needed.width()).arg(needed.height())));
        }
    }

    void session_switches_to_the_chosen_profile()
    {
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        FakeNetworkAccessManager network; // nothing answers
        ConnectionProfile other{QStringLiteral("other"), QUrl(QStringLiteral("http://127.0.0.1:2")),
                                ConnectionProfile::Kind::Remote};
        other = m_settings->setProfiles({ConnectionProfile::local(), other}).at(1);
        ConnectionProfile remote{QStringLiteral("here"), QUrl(QStringLiteral("http://127.0.0.1:1")),
                                 ConnectionProfile::Kind::Remote};
        ConnectionSession session(network, *m_settings, secrets, remote);
        QSignalSpy switched(&session, &ConnectionSession::switchRequested);
        session.start();
        QVERIFY(QTest::qWaitForWindowExposed(&session.window()));
        QVERIFY(session.window().windowTitle().contains(QStringLiteral("here")));

        session.window().findChild<QAction *>(QStringLiteral("connectToAction"))->trigger();
        ConnectionDialog *dialog = session.window().findChild<ConnectionDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        // The session fetches keys for it (the TLS group itself is off for these http:// profiles).
        QPushButton *pinCurrent = dialog->editor()->pinCurrentButton();
        QVERIFY(pinCurrent->isEnabledTo(pinCurrent->parentWidget()));
        dialog->profileList()->setCurrentRow(1);
        QCOMPARE(dialog->editor()->nameEdit()->text(), QStringLiteral("other"));
        QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
        QTRY_COMPARE(switched.size(), 1);
        QCOMPARE(switched.first().first().value<ConnectionProfile>().id, other.id);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_run = 0;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
};

QTEST_MAIN(TestConnectionDialog)
#include "test_ConnectionDialog.moc"
