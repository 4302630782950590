// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "settings/AppSettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace taskmill;

class TestAppSettings final : public QObject
{
    Q_OBJECT

private slots:
    void first_start_is_a_local_profile()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        const ConnectionProfile profile = AppSettings(qsettings).lastProfile();
        QCOMPARE(profile.baseUrl, ConnectionProfile::defaultLocalUrl());
        QVERIFY(profile.kind == ConnectionProfile::Kind::Local);
    }

    void values_round_trip_without_secrets()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings qsettings(path, QSettings::IniFormat);
            AppSettings settings(qsettings);
            settings.setLastProfile({QStringLiteral("prod"), QUrl(QStringLiteral("https://ops:hunter2@jobs.example:8443")),
                                     ConnectionProfile::Kind::Remote});
            settings.setWindowGeometry(QByteArrayLiteral("geometry"));
            settings.setTaskTableState(QByteArrayLiteral("columns"));
            settings.sync();
        }
        QSettings qsettings(path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        const ConnectionProfile profile = settings.lastProfile();
        QCOMPARE(profile.name, QStringLiteral("prod"));
        QCOMPARE(profile.baseUrl, QUrl(QStringLiteral("https://jobs.example:8443")));
        QVERIFY(profile.kind == ConnectionProfile::Kind::Remote);
        QCOMPARE(settings.windowGeometry(), QByteArrayLiteral("geometry"));
        QCOMPARE(settings.taskTableState(), QByteArrayLiteral("columns"));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("hunter2"));
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "test_AppSettings.moc"
