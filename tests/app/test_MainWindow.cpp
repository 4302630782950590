// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/TaskModel.h"
#include "settings/AppSettings.h"
#include "settings/LaunchOptions.h"
#include "views/ConnectionStatusWidget.h"
#include "views/CreateTaskDialog.h"
#include "views/FilterBar.h"
#include "models/TaskPager.h"
#include "views/KeyboardNavigation.h"
#include "views/MainWindow.h"
#include "views/Theme.h"
#include "views/TaskDetailsPanel.h"
#include "views/TaskTablePanel.h"
#include "views/TaskActions.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTableView>
#include <QTableWidget>
#include <QDialog>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using namespace taskmill;
using namespace taskmill::test;

namespace {
const QByteArray Health = R"({"status":"ok","postgres":"up","redis":"up","version":"0.1.0","protocol":1})";
constexpr int ProbeMs = 100;
} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_qsettings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("taskmill.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(*m_qsettings);
        m_network = std::make_unique<FakeNetworkAccessManager>();
        // The backend answers its health probe (actions need a connection) and 404 to what a test does not route.
        m_network->setFallback(CannedResponse::json(404, R"({"error":{"code":"not_found","message":"x"}})"));
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, Health));
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{QStringLiteral("test"), QUrl(QStringLiteral("http://127.0.0.1:1")),
                                          ConnectionProfile::Kind::Remote});
        m_window = std::make_unique<MainWindow>(*m_client, *m_settings);
        m_window->pager()->setRefreshInterval(300); // no event stream here: the polling fallback runs
        m_client->setProbeInterval(ProbeMs);
        m_client->connectToBackend();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE(m_client->connectionState(), BackendClient::ConnectionState::Connected);
    }

    void cleanup()
    {
        m_client->abortAll();
        m_window.reset();
        m_client.reset();
        m_network.reset();
        m_settings.reset();
        m_qsettings.reset();
    }

    void window_shows_disconnected_state()
    {
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::refused());
        QTRY_COMPARE(m_client->connectionState(), BackendClient::ConnectionState::Disconnected);
        QVERIFY(m_window->connectionStatus()->stateText().contains(QStringLiteral("127.0.0.1:1")));
        QTRY_VERIFY(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")) >= 1);
    }

    void filter_toggles_produce_the_query()
    {
        QCOMPARE(m_window->currentQuery().filter, TaskFilter());
        QCOMPARE(m_window->currentQuery().limit, 100);

        toggle(QStringLiteral("priorityToggle_HIGH"));
        toggle(QStringLiteral("statusToggle_FAILED"));
        toggle(QStringLiteral("statusToggle_RETRY_WAITING"));
        TaskFilter expected;
        expected.priorities = {Priority::High};
        expected.statuses = {Status::Failed, Status::RetryWaiting};
        QTRY_COMPARE(m_window->currentQuery().filter, expected);
        const QUrlQuery query = m_window->currentQuery().toQuery();
        QCOMPARE(query.queryItemValue(QStringLiteral("priority")), QStringLiteral("HIGH"));
        QCOMPARE(query.queryItemValue(QStringLiteral("status")), QStringLiteral("FAILED,RETRY_WAITING"));

        toggle(QStringLiteral("priorityToggle_HIGH")); // off again: any priority
        expected.priorities.clear();
        QTRY_COMPARE(m_window->currentQuery().filter, expected);
    }

    void search_is_debounced()
    {
        auto *search = m_window->filterBar()->findChild<QLineEdit *>(QStringLiteral("searchField"));
        QVERIFY(search);
        QTest::keyClicks(search, QStringLiteral("avatars"));
        QVERIFY(m_window->currentQuery().filter.text.isEmpty()); // not before the pause
        QTRY_COMPARE(m_window->currentQuery().filter.text, QStringLiteral("avatars"));
    }

    void go_to_task_filters_to_its_id_and_selects_it()
    {
        // What a double-click on an event does: the Tasks page, only that task, selected with its details.
        Task task;
        task.id = QUuid(QStringLiteral("01a246e2-5738-7d33-bbba-9247597a4a13"));
        task.title = QStringLiteral("Render weekly sales report");
        task.type = QStringLiteral("report.render");
        task.status = Status::Failed;
        task.createdAt = QDateTime::currentDateTimeUtc();
        TaskPage page;
        page.items = {task};
        page.total = 1;
        m_network->route("GET", QStringLiteral("/api/v1/tasks"),
                         CannedResponse::json(200, QJsonDocument(page.toJson()).toJson(QJsonDocument::Compact)));
        m_window->pages()->setCurrentIndex(1);
        m_window->filterBar()->findChild<QLineEdit *>(QStringLiteral("searchField"))->setText(QStringLiteral("other"));
        m_window->goToTask(task.id);
        QCOMPARE(m_window->pages()->currentIndex(), 0);
        QTRY_COMPARE(m_window->currentQuery().filter.text, task.id.toString(QUuid::WithoutBraces)); // not "other"
        QTRY_COMPARE(m_window->taskDetails()->taskId(), task.id);
        QCOMPARE(m_window->taskTable()->selectedTaskIds(), QList<QUuid>{task.id});
    }

    void filter_change_is_sent_to_the_backend()
    {
        toggle(QStringLiteral("priorityToggle_LOW"));
        QTRY_VERIFY(std::any_of(m_network->sent.cbegin(), m_network->sent.cend(), [](const auto &r) {
            return QUrlQuery(r.url).queryItemValue(QStringLiteral("priority")) == u"LOW";
        }));
    }

    void create_dialog_shows_field_errors_without_sending_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("field");
        QTest::newRow("title too long") << QString(257, u'x') << QStringLiteral("{}") << QStringLiteral("title");
        QTest::newRow("payload not JSON") << QStringLiteral("ok") << QStringLiteral("{ms: 1") << QStringLiteral("payload");
        QTest::newRow("payload not an object") << QStringLiteral("ok") << QStringLiteral("[1]") << QStringLiteral("payload");
    }

    void create_dialog_shows_field_errors_without_sending()
    {
        QFETCH(QString, title);
        QFETCH(QString, payload);
        QFETCH(QString, field);
        m_window->taskActions()->newTaskAction()->trigger();
        CreateTaskDialog *dialog = m_window->taskActions()->createDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        dialog->findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(title);
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("payloadEdit"))->setPlainText(payload);

        dialog->submit();
        QVERIFY(!dialog->fieldError(field).isEmpty());
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isSubmitting());
        QCOMPARE(m_network->countSent("POST"), 0);
    }

    void create_dialog_maps_server_field_errors()
    {
        m_network->route("POST", QStringLiteral("/api/v1/tasks"),
                         CannedResponse::json(422, R"({"error":{"code":"validation","message":"no such handler","field":"type"}})"));
        m_window->taskActions()->openCreateDialog();
        CreateTaskDialog *dialog = m_window->taskActions()->createDialog();
        dialog->findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(QStringLiteral("ok"));
        dialog->submit();
        QVERIFY(dialog->isSubmitting());
        QTRY_COMPARE(dialog->fieldError(QStringLiteral("type")), QStringLiteral("no such handler"));
        QVERIFY(dialog->isVisible());
        QCOMPARE(m_network->countSent("POST"), 1);
    }

    void selecting_one_task_shows_its_details()
    {
        Task task;
        task.id = QUuid::createUuid();
        task.title = QStringLiteral("details");
        task.createdAt = QDateTime::currentDateTimeUtc();
        TaskPage page;
        page.items = {task};
        page.total = 1;
        m_network->route("GET", QStringLiteral("/api/v1/tasks"),
                         CannedResponse::json(200, QJsonDocument(page.toJson()).toJson(QJsonDocument::Compact)));
        QTRY_COMPARE(m_window->taskModel()->rowCount(), 1);
        QVERIFY(m_window->taskDetails()->taskId().isNull());
        m_window->taskTable()->view()->selectRow(0);
        QCOMPARE(m_window->taskDetails()->taskId(), task.id);
        m_window->taskTable()->view()->clearSelection();
        QVERIFY(m_window->taskDetails()->taskId().isNull());
    }

    void cancel_asks_then_reports_failure_without_blocking()
    {
        Task task;
        task.id = QUuid::createUuid();
        task.title = QStringLiteral("long sleep");
        task.status = Status::InProgress;
        task.createdAt = QDateTime::currentDateTimeUtc();
        TaskPage page;
        page.items = {task};
        page.total = 1;
        m_network->route("GET", QStringLiteral("/api/v1/tasks"),
                         CannedResponse::json(200, QJsonDocument(page.toJson()).toJson(QJsonDocument::Compact)));
        // Cancel goes through the bulk endpoint; this task's item failed.
        const QString taskPath = QStringLiteral("/api/v1/tasks/cancel");
        m_network->route("POST", taskPath,
                         CannedResponse::json(200, "{\"items\":[{\"id\":\"" + task.id.toString(QUuid::WithoutBraces).toLatin1()
                                                       + "\",\"ok\":false,\"error\":{\"code\":\"conflict\",\"message\":"
                                                         "\"already finished\"}}],\"succeeded\":0,\"failed\":1}"));
        QTRY_COMPARE(m_window->taskModel()->rowCount(), 1);

        QAction *cancel = m_window->taskActions()->cancelAction();
        QVERIFY(!cancel->isEnabled());
        m_window->taskTable()->view()->selectRow(0);
        QVERIFY(cancel->isEnabled());
        cancel->trigger();
        auto *confirmation = m_window->findChild<QMessageBox *>(QStringLiteral("cancelConfirmation"));
        QVERIFY(confirmation);
        QCOMPARE(m_network->countSent("POST", taskPath), 0); // nothing before the user agrees
        QAbstractButton *yes = nullptr;
        for (QAbstractButton *button : confirmation->buttons())
            if (confirmation->buttonRole(button) == QMessageBox::AcceptRole)
                yes = button;
        QVERIFY(yes);
        yes->click();

        QTRY_COMPARE(m_network->countSent("POST", taskPath), 1);
        QMessageBox *error = nullptr;
        QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(QStringLiteral("actionError"))));
        QVERIFY(!error->isModal());
        QVERIFY(error->text().contains(QStringLiteral("already finished")));
        // The live refresh keeps the selection on the same task.
        const int requests = m_network->countSent("GET", QStringLiteral("/api/v1/tasks"));
        QTRY_VERIFY(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")) > requests + 1);
        QCOMPARE(m_window->taskTable()->selectedTaskIds(), QList<QUuid>{task.id});
    }

    void the_keyboard_reaches_pages_search_and_the_shortcut_list()
    {
        KeyboardNavigation *keys = m_window->keyboard();
        QTabWidget *pages = m_window->pages();
        QCOMPARE(keys->pageActions().at(1)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));
        keys->pageActions().at(1)->trigger();
        QCOMPARE(pages->currentIndex(), 1);
        // Off the Tasks page its commands, search and details are not there to act on a hidden selection.
        QVERIFY(!m_window->filterBar()->searchAction()->isEnabled());
        QVERIFY(keys->findAction()->isEnabled());
        QVERIFY(!m_window->taskActions()->cancelAction()->isEnabled());
        QVERIFY(!m_window->taskDetails()->isVisible());
        keys->pageActions().at(0)->trigger();
        QCOMPARE(pages->currentIndex(), 0);
        QVERIFY(m_window->filterBar()->searchAction()->isEnabled());
        QVERIFY(!keys->findAction()->isEnabled()); // one Ctrl+F at a time
        QVERIFY(m_window->taskDetails()->isVisible());
        // Tab leaves the table; icon-only buttons can be named by a screen reader.
        QVERIFY(!m_window->taskTable()->view()->tabKeyNavigation());
        for (QToolButton *button : m_window->findChildren<QToolButton *>())
            if (button->isVisible() && button->text().isEmpty() && !button->toolTip().isEmpty())
                QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
        // F1 lists what the actions say, so the list cannot drift from the shortcuts that work.
        keys->shortcutsAction()->trigger();
        QVERIFY(keys->shortcutsDialog() && keys->shortcutsDialog()->isVisible());
        auto *table = keys->shortcutsDialog()->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << table->item(r, 0)->text() + u'=' + table->item(r, 1)->text();
        QVERIFY2(rows.contains(QStringLiteral("Retry Now=") + QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText)),
                 qPrintable(rows.join(QStringLiteral(", "))));
        QVERIFY(rows.contains(QStringLiteral("Go to Page 3=") + QKeySequence(Qt::CTRL | Qt::Key_3).toString(QKeySequence::NativeText)));
        QVERIFY(rows.contains(QStringLiteral("Copy Full ID=") + QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText)));
    }

    void saved_filter_shortcuts_are_free()
    {
        QVERIFY(m_window->findChild<QMenu *>(QStringLiteral("savedFiltersMenu")));
        // No filter is saved here: every Ctrl+Alt+digit and Ctrl+Shift+S belongs to saved filters alone.
        QList<QKeySequence> reserved = {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)};
        for (int i = 0; i < 9; ++i)
            reserved << QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(Qt::Key_1 + i));
        for (QAction *action : m_window->findChildren<QAction *>())
            for (const QKeySequence &key : action->shortcuts())
                QVERIFY2(!reserved.contains(key) || action->objectName() == u"saveFilterAction",
                         qPrintable(key.toString() + u' ' + action->objectName()));
    }

    void appearance_switches_at_once_and_is_remembered()
    {
        const QPalette before = QApplication::palette();
        auto *menu = m_window->findChild<QMenu *>(QStringLiteral("themeMenu"));
        QVERIFY(menu);
        menu->findChild<QAction *>(QStringLiteral("theme_dark"))->trigger();
        QVERIFY(Theme::isDark(QApplication::palette()));
        QCOMPARE(m_settings->theme(), QStringLiteral("dark"));
        menu->findChild<QAction *>(QStringLiteral("theme_system"))->trigger();
        QCOMPARE(QApplication::palette().color(QPalette::Window), before.color(QPalette::Window));
        QCOMPARE(m_settings->theme(), QStringLiteral("system"));
    }

    void the_offline_banner_fits_a_laptop_screen()
    {
        const QSize laptop(1280, 800);
        m_window->resize(laptop);
        auto *banner = m_window->findChild<QWidget *>(QStringLiteral("offlineBanner"));
        QVERIFY(banner);
        banner->show();
        QTRY_VERIFY(banner->isVisible());
        QCoreApplication::processEvents();
        const QSize minimum = m_window->minimumSizeHint();
        QString parts;
        for (QWidget *w : m_window->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            parts += QStringLiteral("%1 %2x%3; ").arg(QString::fromLatin1(w->metaObject()->className()) + u'/' + w->objectName())
                         .arg(w->minimumSizeHint().width()).arg(w->minimumSizeHint().height());
        QVERIFY2(minimum.height() <= laptop.height(), qPrintable(QStringLiteral("%1: %2").arg(minimum.height()).arg(parts)));
        QCOMPARE(m_window->size(), laptop);
    }

    void russian_translation_is_embedded()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/taskmill_ru.qm")));
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QLocale::Russian), QStringLiteral("taskmill"), QStringLiteral("_"),
                                QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&translator);
        // One string per kind of translation context: QObject class, Q_DECLARE_TR_FUNCTIONS struct, plural.
        const QString status = TaskModel::displayName(Status::Completed);
        const QString option = LaunchOptions::tr("name");
        const QString plural = TaskActions::tr("Cancelled %Ln task(s).", nullptr, 5);
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(status, QStringLiteral("Выполнена"));
        QCOMPARE(option, QStringLiteral("имя"));
        QCOMPARE(plural, QStringLiteral("Отменено 5 задач."));
    }

private:
    void toggle(const QString &name)
    {
        auto *button = m_window->filterBar()->findChild<QToolButton *>(name);
        QVERIFY2(button, qPrintable(name));
        QTest::mouseClick(button, Qt::LeftButton);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestMainWindow)
#include "test_MainWindow.moc"
