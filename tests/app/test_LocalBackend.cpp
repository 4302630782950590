// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/LocalBackend.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace taskmill;

// LocalBackend against a shell script standing in for taskmilld: it echoes its arguments, writes more
// lines than the log keeps, ends with a partial line and then idles until signalled.
class TestLocalBackend final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void arguments_follow_the_profile_url()
    {
        LocalBackend backend;
        backend.setDataDir(QStringLiteral("/data"));
        QCOMPARE(backend.arguments(QUrl(QStringLiteral("http://127.0.0.1:9123"))),
                 QStringList({QStringLiteral("--local"), QStringLiteral("-a"), QStringLiteral("127.0.0.1:9123"),
                              QStringLiteral("--data-dir"), QStringLiteral("/data")}));
        LocalBackend defaults;
        QCOMPARE(defaults.arguments(QUrl(QStringLiteral("http://localhost"))).at(2), QStringLiteral("localhost:8080"));
    }

    void missing_program_fails_without_starting()
    {
        LocalBackend backend;
        backend.setProgram({});
        QSignalSpy failed(&backend, &LocalBackend::failed);
        QVERIFY(!backend.start(QUrl(QStringLiteral("http://127.0.0.1:8080"))));
        QCOMPARE(failed.size(), 1);
        QVERIFY(!backend.isRunning());
    }

    void keeps_the_last_lines_and_stops_on_sigterm()
    {
        LocalBackend backend;
        backend.setProgram(script(QStringLiteral("polite"), QStringLiteral("trap 'echo; echo stopping; printf tail; exit 0' TERM")));
        QSignalSpy finished(&backend, &LocalBackend::finished);
        QVERIFY(backend.start(QUrl(QStringLiteral("http://127.0.0.1:9123"))));
        QTRY_VERIFY(backend.logLines().contains(QStringLiteral("line 1199")));
        QCOMPARE(backend.logLines().size(), LocalBackend::MaxLogLines);
        QVERIFY(!backend.logLines().contains(QStringLiteral("args: --local -a 127.0.0.1:9123")));

        QElapsedTimer clock;
        clock.start();
        backend.stop();
        QVERIFY(clock.elapsed() < LocalBackend::StopTimeoutMs);
        QVERIFY(!backend.isRunning());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toInt(), 0);
        QVERIFY(backend.logLines().contains(QStringLiteral("partial")));
        QVERIFY(backend.logLines().contains(QStringLiteral("stopping")));
        QVERIFY(backend.logLines().contains(QStringLiteral("tail"))); // a last line without newline is kept
    }

    void kills_a_backend_that_ignores_sigterm()
    {
        LocalBackend backend;
        backend.setStopTimeoutMs(300);
        backend.setProgram(script(QStringLiteral("stubborn"), QStringLiteral("trap '' TERM")));
        QVERIFY(backend.start(QUrl(QStringLiteral("http://127.0.0.1:9123"))));
        QTRY_VERIFY(backend.logLines().contains(QStringLiteral("line 1199")));
        backend.stop();
        QVERIFY(!backend.isRunning());
    }

private:
    QString script(const QString &name, const QString &trap)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(QStringLiteral("#!/bin/sh\n%1\necho \"args: $*\"\n"
                                  "i=0; while [ $i -lt 1200 ]; do echo \"line $i\"; i=$((i+1)); done\n"
                                  "printf partial\n"
                                  "while true; do sleep 0.05; done\n")
                       .arg(trap)
                       .toUtf8());
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestLocalBackend)
#include "test_LocalBackend.moc"
