// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Saved filters offscreen: save, apply, rename, delete, menu shortcuts and persistence across AppSettings instances.
#include "views/SavedFilterActions.h"

#include "settings/AppSettings.h"
#include "views/FilterBar.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace taskmill;

class TestSavedFilterActions final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("s.ini"));
        QFile::remove(m_path);
    }

    void saved_filter_applies_and_persists()
    {
        TaskFilter wanted;
        {
            QSettings qsettings(m_path, QSettings::IniFormat);
            AppSettings settings(qsettings);
            QWidget window;
            auto *bar = new FilterBar(&window);
            SavedFilterActions actions(*bar, settings, &window);
            bar->toggle(Status::Failed)->click();
            bar->toggle(Priority::Low)->click();
            wanted = bar->filter();
            actions.saveCurrent(QStringLiteral("  Failed low  "));
            QCOMPARE(actions.names(), QStringList{QStringLiteral("Failed low")});
            settings.sync();
        }
        QSettings qsettings(m_path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        QWidget window;
        auto *bar = new FilterBar(&window);
        SavedFilterActions actions(*bar, settings, &window);
        QCOMPARE(actions.names(), QStringList{QStringLiteral("Failed low")});
        QVERIFY(bar->filter().isEmpty());
        QSignalSpy changed(bar, &FilterBar::filterChanged);
        QVERIFY(actions.apply(0));
        QCOMPARE(bar->filter(), wanted);
        QTRY_COMPARE(changed.size(), 1);
        QVERIFY(!actions.apply(1));
    }

    void saving_a_used_name_replaces_it_and_menu_has_shortcuts()
    {
        QSettings qsettings(m_path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        QWidget window;
        auto *bar = new FilterBar(&window);
        SavedFilterActions actions(*bar, settings, &window);
        actions.saveCurrent(QStringLiteral("A & B"));
        actions.saveCurrent(QStringLiteral("Second"));
        bar->toggle(Status::Completed)->click();
        actions.saveCurrent(QStringLiteral("A & B"));
        QCOMPARE(actions.names(), (QStringList{QStringLiteral("A & B"), QStringLiteral("Second")}));
        auto *first = actions.menu()->findChild<QAction *>(QStringLiteral("savedFilter_0"));
        QVERIFY(first);
        QCOMPARE(first->text(), QStringLiteral("A && B"));
        QCOMPARE(first->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_1));
        QCOMPARE(actions.saveAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        bar->clear();
        first->trigger();
        QCOMPARE(bar->filter().statuses, QSet<Status>{Status::Completed});
    }

    void rename_and_delete()
    {
        QSettings qsettings(m_path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        QWidget window;
        auto *bar = new FilterBar(&window);
        SavedFilterActions actions(*bar, settings, &window);
        actions.saveCurrent(QStringLiteral("One"));
        actions.saveCurrent(QStringLiteral("Two"));
        QVERIFY(!actions.rename(0, QStringLiteral("Two")));
        QVERIFY(!actions.rename(0, QStringLiteral("  ")));
        QVERIFY(actions.rename(0, QStringLiteral("First")));
        QCOMPARE(actions.names(), (QStringList{QStringLiteral("First"), QStringLiteral("Two")}));
        actions.remove(0);
        QCOMPARE(actions.names(), QStringList{QStringLiteral("Two")});
        QCOMPARE(AppSettings(qsettings).savedFilters().size(), 1);
        QVERIFY(actions.menu()->findChild<QAction *>(QStringLiteral("savedFilter_0")));
        QVERIFY(!actions.menu()->findChild<QAction *>(QStringLiteral("savedFilter_1")));
    }

    void manage_dialog_deletes_the_chosen_filter()
    {
        QSettings qsettings(m_path, QSettings::IniFormat);
        AppSettings settings(qsettings);
        QWidget window;
        auto *bar = new FilterBar(&window);
        SavedFilterActions actions(*bar, settings, &window);
        actions.saveCurrent(QStringLiteral("<b>One</b>"));
        actions.saveCurrent(QStringLiteral("Two"));
        bool seen = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *list = dialog->findChild<QListWidget *>(QStringLiteral("savedFiltersList"));
            QVERIFY(list);
            QCOMPARE(list->count(), 2);
            QCOMPARE(list->item(0)->text(), QStringLiteral("<b>One</b>"));
            list->setCurrentRow(0);
            dialog->findChild<QPushButton *>(QStringLiteral("deleteSavedFilterButton"))->click();
            QCOMPARE(list->count(), 1);
            seen = true;
            dialog->reject();
        });
        actions.manageAction()->trigger();
        QVERIFY(seen);
        QCOMPARE(actions.names(), QStringList{QStringLiteral("Two")});
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_MAIN(TestSavedFilterActions)
#include "test_SavedFilterActions.moc"
