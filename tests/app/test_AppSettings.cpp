// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/PublicKeyPin.h"
#include "settings/AppSettings.h"
#include "settings/ProfileValidator.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;
using Field = ProfileValidator::Field;

namespace {
ConnectionProfile remote(const QString &name, const QString &url)
{
    return ConnectionProfile{name, QUrl(url), ConnectionProfile::Kind::Remote};
}

// SHA-256 of "taskmill" in base64: 44 characters, like every key pin.
const QString SomeDigest = QStringLiteral("NG96FjinVd1uNRfgA8qS0nd/C9cO1xza64B33xbS9Iw=");
const QString OtherDigest = QStringLiteral("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="); // of ""
} // namespace

Q_DECLARE_METATYPE(ProfileValidator::Field)

class TestAppSettings final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("s.ini"));
        QFile::remove(m_path);
    }

    void first_start_is_the_local_profile()
    {
        QSettings qsettings(m_path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        const ConnectionProfile profile = settings.currentProfile();
        QCOMPARE(profile.baseUrl, ConnectionProfile::defaultLocalUrl());
        QVERIFY(profile.kind == ConnectionProfile::Kind::Local);
        QCOMPARE(settings.profileNames(), QStringList{ConnectionProfile::localName()});
        QVERIFY(settings.language().isEmpty());
    }

    void profiles_round_trip_and_the_file_holds_no_secret()
    {
        ConnectionProfile prod = remote(QStringLiteral("prod"), QStringLiteral("https://ops:hunter2@jobs.example:8443"));
        prod.user = QStringLiteral("ops");
        prod.auth = ConnectionProfile::Auth::Password;
        prod.verifyPeer = false;
        prod.caCertificateFile = QStringLiteral("/etc/ssl/private-ca.pem");
        prod.pinnedKeys = {u"sha256//"_s + SomeDigest, u"sha256//"_s + OtherDigest};
        ConnectionProfile ci = remote(QStringLiteral("ci"), QStringLiteral("http://ci.example:8080/taskmill"));
        ci.auth = ConnectionProfile::Auth::Token;
        ConnectionProfile local = ConnectionProfile::local();
        local.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9191"));
        QList<ConnectionProfile> stored;
        {
            QSettings qsettings(m_path, QSettings::IniFormat);
            AppSettings settings(qsettings);
            stored = settings.setProfiles({local, prod, ci});
            settings.setCurrentProfile(stored.at(1));
            settings.setLanguage(QStringLiteral("ru"));
            settings.setWindowGeometry(QByteArrayLiteral("geometry"));
            settings.setTaskTableState(QByteArrayLiteral("columns"));
            settings.sync();
        }
        QVERIFY(!stored.at(1).id.isNull());
        QVERIFY(stored.at(1).id != stored.at(2).id);

        QSettings qsettings(m_path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        const QList<ConnectionProfile> profiles = settings.profiles();
        QCOMPARE(profiles.size(), 3);
        QCOMPARE(profiles.at(0).baseUrl, local.baseUrl);
        QVERIFY(profiles.at(0).kind == ConnectionProfile::Kind::Local);
        const ConnectionProfile readProd = profiles.at(1);
        QCOMPARE(readProd.name, QStringLiteral("prod"));
        QCOMPARE(readProd.id, stored.at(1).id);
        QCOMPARE(readProd.baseUrl, QUrl(QStringLiteral("https://jobs.example:8443"))); // user info stripped
        QCOMPARE(readProd.user, QStringLiteral("ops"));
        QVERIFY(readProd.auth == ConnectionProfile::Auth::Password);
        QCOMPARE(readProd.verifyPeer, false);
        QCOMPARE(readProd.caCertificateFile, QStringLiteral("/etc/ssl/private-ca.pem"));
        QCOMPARE(readProd.pinnedKeys, prod.pinnedKeys);
        QVERIFY(profiles.at(2).pinnedKeys.isEmpty());
        QVERIFY(profiles.at(2).auth == ConnectionProfile::Auth::Token);
        QCOMPARE(profiles.at(2).baseUrl.path(), QStringLiteral("/taskmill"));
        QCOMPARE(settings.currentProfile().name, QStringLiteral("prod"));
        QCOMPARE(settings.profile(QStringLiteral("ci"))->id, stored.at(2).id);
        QVERIFY(!settings.profile(QStringLiteral("nope")));
        QCOMPARE(settings.language(), QStringLiteral("ru"));
        QCOMPARE(settings.windowGeometry(), QByteArrayLiteral("geometry"));
        QCOMPARE(settings.taskTableState(), QByteArrayLiteral("columns"));

        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("jobs.example")); // the right file was read
        QVERIFY(!text.contains("hunter2"));
    }

    void local_profile_survives_a_list_without_it()
    {
        QSettings qsettings(m_path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        const QList<ConnectionProfile> stored = settings.setProfiles({remote(QStringLiteral("a"), QStringLiteral("http://a:1"))});
        QCOMPARE(stored.size(), 2);
        QCOMPARE(settings.profileNames(), (QStringList{ConnectionProfile::localName(), QStringLiteral("a")}));
        // Removing the current profile falls back to Local.
        settings.setCurrentProfile(stored.at(1));
        settings.setProfiles({});
        QCOMPARE(settings.currentProfile().name, ConnectionProfile::localName());
    }

    void damaged_entries_are_skipped()
    {
        {
            QSettings raw(m_path, QSettings::IniFormat);
            raw.beginWriteArray(QStringLiteral("profiles"), 2);
            raw.setArrayIndex(0);
            raw.setValue(QStringLiteral("name"), QStringLiteral("broken"));
            raw.setValue(QStringLiteral("url"), QStringLiteral("::::"));
            raw.setArrayIndex(1);
            raw.setValue(QStringLiteral("name"), QStringLiteral("ok"));
            raw.setValue(QStringLiteral("url"), QStringLiteral("http://ok.example:8080"));
            raw.endArray();
        }
        QSettings qsettings(m_path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        QCOMPARE(settings.profileNames(), (QStringList{ConnectionProfile::localName(), QStringLiteral("ok")}));
        // No id in the file: a stable one derived from the name, so the secret is found again.
        QCOMPARE(settings.profile(QStringLiteral("ok"))->id, settings.profile(QStringLiteral("ok"))->id);
        QVERIFY(!settings.profile(QStringLiteral("ok"))->id.isNull());
    }

    void validator_names_the_field_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("auth");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<QList<Field>>("fields");
        QTest::addColumn<QStringList>("pins");
        const QString url = QStringLiteral("https://jobs.example:8443");
        const int none = int(ConnectionProfile::Auth::None);
        const int password = int(ConnectionProfile::Auth::Password);
        QTest::newRow("valid") << "prod" << url << password << "ops" << QString() << QList<Field>{} << QStringList();
        QTest::newRow("empty name") << "  " << url << none << QString() << QString() << QList<Field>{Field::Name}
                                    << QStringList();
        QTest::newRow("duplicate name") << "CI" << url << none << QString() << QString() << QList<Field>{Field::Name}
                                        << QStringList();
        QTest::newRow("ftp url") << "p" << "ftp://x.example" << none << QString() << QString() << QList<Field>{Field::Url}
                                 << QStringList();
        QTest::newRow("no host") << "p" << "http://" << none << QString() << QString() << QList<Field>{Field::Url}
                                 << QStringList();
        QTest::newRow("password in url") << "p" << "https://ops:pw@x.example" << none << QString() << QString()
                                         << QList<Field>{Field::Url} << QStringList();
        QTest::newRow("password without user") << "p" << url << password << QString() << QString()
                                               << QList<Field>{Field::User} << QStringList();
        QTest::newRow("missing ca file") << "p" << url << none << QString() << "/nonexistent/ca.pem"
                                         << QList<Field>{Field::CaCertificate} << QStringList();
        const QStringList pins{u"sha256//"_s + SomeDigest, OtherDigest};
        QTest::newRow("pins, one bare") << "p" << url << none << QString() << QString() << QList<Field>{} << pins;
        QTest::newRow("pin too short") << "p" << url << none << QString() << QString() << QList<Field>{Field::PinnedKeys}
                                       << QStringList{u"sha256//abc="_s};
        QTest::newRow("pin of md5 size") << "p" << url << none << QString() << QString() << QList<Field>{Field::PinnedKeys}
                                         << QStringList{u"sha256//1B2M2Y8AsgTpgAmY7PhCfg=="_s};
        QTest::newRow("one good pin, one bad") << "p" << url << none << QString() << QString()
                                               << QList<Field>{Field::PinnedKeys} << QStringList{SomeDigest, u"sha1//x"_s};
        QTest::newRow("pins on http") << "p" << "http://jobs.example:8080" << none << QString() << QString()
                                      << QList<Field>{Field::PinnedKeys} << pins;
        QTest::newRow("two problems") << "" << "nonsense" << none << QString() << QString()
                                      << QList<Field>{Field::Name, Field::Url} << QStringList();
    }

    void validator_names_the_field()
    {
        QFETCH(QString, name);
        QFETCH(QString, url);
        QFETCH(int, auth);
        QFETCH(QString, user);
        QFETCH(QString, caFile);
        QFETCH(QList<Field>, fields);
        QFETCH(QStringList, pins);
        ConnectionProfile p = remote(name, url);
        p.pinnedKeys = pins;
        p.auth = ConnectionProfile::Auth(auth);
        p.user = user;
        p.caCertificateFile = caFile;
        QList<Field> seen;
        for (const ProfileValidator::Problem &problem : ProfileValidator::validate(p, {QStringLiteral("ci")})) {
            seen.append(problem.field);
            QVERIFY(!problem.message.isEmpty());
        }
        QCOMPARE(seen, fields);
    }

    void pins_are_normalised_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty: not a pin
        const QString canonical = u"sha256//"_s + SomeDigest;
        QTest::newRow("canonical") << canonical << canonical;
        QTest::newRow("bare base64") << SomeDigest << canonical;
        QTest::newRow("blanks around") << u"  "_s + canonical + u"\t"_s << canonical;
        QTest::newRow("prefix in capitals") << u"SHA256//"_s + SomeDigest << canonical;
        QTest::newRow("padding missing") << SomeDigest.chopped(1) << QString();
        QTest::newRow("base64url") << u"sha256//NG96FjinVd1uNRfgA8qS0nd_C9cO1xza64B33xbS9Iw="_s << QString();
        QTest::newRow("hex digest") << u"346f7a1638a755dd6e3517e003ca92d2777f0bd70ed71cdaeb8077df16d2f48c"_s << QString();
        QTest::newRow("other hash") << u"sha1//"_s + SomeDigest << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void pins_are_normalised()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(PublicKeyPin::normalised(text).value_or(QString()), expected);
        // Entries that are no pin are kept as they are, so they never match (fail closed).
        QCOMPARE(PublicKeyPin::normalisedAll({text}), QStringList{expected.isEmpty() ? text : expected});
    }

    void pin_lists_split_at_commas_and_blanks()
    {
        QCOMPARE(PublicKeyPin::split(u" a, b  c,,\nd "_s), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s}));
        QVERIFY(PublicKeyPin::split(u" , "_s).isEmpty());
        // No chain, no pins: nothing to refuse; no chain with pins: refused, and the message says so.
        QVERIFY(PublicKeyPin::mismatch({}, {}).isEmpty());
        QVERIFY(PublicKeyPin::mismatch({}, {SomeDigest}).contains(u"pinned key"_s));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "test_AppSettings.moc"
