// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
//
// taskmill-screenshots --url URL --out DIR [--lang en|ru] [--size WxH]
// Opens the real main window against a running backend, waits for live data, and saves one PNG per page
// (tasks with the details of a retried task, then every other tab) plus the create-task dialog and the
// handler dialog (an external handler's edit, then the same with a schema mistake flagged). Run under
// Xvfb by scripts/screenshots, which also starts the backend and fills it with scripts/demo-data.
#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "client/MemorySecretStore.h"
#include "client/ProfileSecrets.h"
#include "models/CreateTaskForm.h"
#include "models/HandlerModel.h"
#include "models/TaskModel.h"
#include "settings/AppSettings.h"
#include "views/ConnectionDialog.h"
#include "views/CreateTaskDialog.h"
#include "views/FilterBar.h"
#include "views/HandlerActions.h"
#include "views/HandlerDialog.h"
#include "views/HandlersPage.h"
#include "views/LoginDialog.h"
#include "views/MainWindow.h"
#include "views/TaskActions.h"
#include "views/TaskDetailsPanel.h"
#include "views/TaskTablePanel.h"
#include "views/Theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QItemSelectionModel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>

#include <cstdio>
#include <optional>

using namespace taskmill;

namespace {

const QSize DetailsShotSize(560, 640); // px: the floating details panel of the leased task's shot

void settle(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

bool save(QWidget *widget, const QString &dir, const QString &name)
{
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    const bool ok = widget->grab().save(path);
    std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "saved" : "cannot write", qUtf8Printable(path));
    return ok;
}

// A file name from a tab's object name or title: "deadLettersPage" → "deadLettersPage", "Dead Letters" → "dead-letters".
QString slug(const QTabWidget &tabs, int index)
{
    const QString name = tabs.widget(index)->objectName();
    if (!name.isEmpty())
        return name;
    QString text = tabs.tabText(index).remove(u'&').toLower();
    text.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    return text.isEmpty() ? QStringLiteral("page-%1").arg(index) : text;
}

} // namespace

int main(int argc, char *argv[])
{
    Q_INIT_RESOURCE(taskmill);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Taskmill"));
    QApplication::setApplicationName(QStringLiteral("taskmill-screenshots"));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Backend URL."), QStringLiteral("url"),
                      QStringLiteral("http://127.0.0.1:8080")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Directory for the PNG files."), QStringLiteral("dir"),
                      QStringLiteral(".")});
    parser.addOption({QStringLiteral("lang"), QStringLiteral("UI language: en or ru."), QStringLiteral("lang"),
                      QStringLiteral("en")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Window size WxH."), QStringLiteral("size"),
                      QStringLiteral("1280x800")});
    parser.addOption({QStringLiteral("prefix"), QStringLiteral("File name prefix."), QStringLiteral("prefix"), {}});
    parser.addOption({QStringLiteral("offline-marker"), QStringLiteral("Create FILE, then wait for the backend to go away and shoot the offline banner."),
                      QStringLiteral("file"), {}});
    parser.addOption({QStringLiteral("theme"), QStringLiteral("Appearance: system, light or dark."), QStringLiteral("theme"),
                      QStringLiteral("system")});
    parser.addOption({QStringLiteral("leased-task"), QStringLiteral("Id of a task a worker holds, shown with its progress."),
                      QStringLiteral("id"), {}});
    parser.process(app);

    QTranslator qtTranslator;
    QTranslator appTranslator;
    if (parser.value(QStringLiteral("lang")) == u"ru") {
        const QLocale ru(QLocale::Russian, QLocale::Russia);
        QLocale::setDefault(ru);
        if (qtTranslator.load(ru, QStringLiteral("qtbase"), QStringLiteral("_"),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qtTranslator);
        if (!appTranslator.load(ru, QStringLiteral("taskmill"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
            std::fprintf(stderr, "no Russian translation in the resources\n");
            return 1;
        }
        QApplication::installTranslator(&appTranslator);
    } else {
        // US English, whatever the shooting machine's LANG (often C): the user guide shows what most readers see.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    Theme::apply(parser.value(QStringLiteral("theme")));
    const QStringList size = parser.value(QStringLiteral("size")).split(u'x');
    const QString out = parser.value(QStringLiteral("out"));
    const QString prefix = parser.value(QStringLiteral("prefix"));
    QDir().mkpath(out);

    // Settings of a fresh user: nothing from the machine's own taskmill.conf leaks into the pictures.
    QTemporaryDir settingsDir;
    QSettings qsettings(settingsDir.filePath(QStringLiteral("taskmill.conf")), QSettings::IniFormat);
    AppSettings settings(qsettings);

    ConnectionProfile profile;
    profile.name = QStringLiteral("production-eu");
    profile.baseUrl = QUrl(parser.value(QStringLiteral("url")));
    profile.kind = ConnectionProfile::Kind::Remote;
    QNetworkAccessManager network;
    BackendClient client(network, profile);
    MainWindow window(client, settings);
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    client.connectToBackend();
    client.eventStream().open();
    window.show();

    TaskModel &model = *window.taskModel();
    if (!waitFor([&] { return model.rowCount() > 0; }, 20'000)) {
        std::fprintf(stderr, "no tasks arrived from %s within 20 s\n", qUtf8Printable(profile.baseUrl.toString()));
        return 1;
    }
    settle(1'500);

    // Show the details of a task that needed more than one attempt: history is the interesting part.
    int pick = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.taskAt(row).attempts > 1) {
            pick = row;
            break;
        }
    }
    QTableView *view = window.taskTable()->view();
    view->selectionModel()->select(view->model()->index(pick, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    settle(1'500);

    bool ok = save(&window, out, prefix + QStringLiteral("tasks"));
    QTabWidget *pages = window.pages();
    for (int i = 1; i < pages->count(); ++i) {
        pages->setCurrentIndex(i);
        settle(3'000); // the page loads its data on show
        ok = save(&window, out, prefix + slug(*pages, i)) && ok;
    }
    // The handler dialog is window-modal but not blocking: open it on the first external handler.
    HandlersPage *handlers = window.handlersPage();
    pages->setCurrentWidget(handlers);
    settle(1'500);
    int external = -1;
    for (int row = 0; row < handlers->model()->rowCount() && external < 0; ++row)
        if (handlers->model()->rowAt(row).kind == HandlerKind::External)
            external = row;
    if (external < 0) {
        std::fprintf(stderr, "no external handler to show in the handler dialog (scripts/screenshots registers one)\n");
        ok = false;
    } else {
        handlers->view()->selectRow(external);
        handlers->actions()->editAction()->trigger();
        settle(800);
        if (HandlerDialog *dialog = handlers->actions()->dialog()) {
            ok = save(dialog, out, prefix + QStringLiteral("handler-dialog")) && ok;
            // A typo in the schema: the editor flags it after the typing pause and OK turns grey.
            auto *schema = dialog->findChild<QPlainTextEdit *>(QStringLiteral("schemaEdit"));
            schema->setPlainText(schema->toPlainText().replace(QStringLiteral("\"string\""), QStringLiteral("\"strin\"")));
            settle(HandlerDialog::SchemaCheckDelayMs + 500);
            ok = save(dialog, out, prefix + QStringLiteral("handler-dialog-invalid")) && ok;
            dialog->reject();
        }
    }
    pages->setCurrentIndex(0);
    settle(300);

    // The create dialog is modal: grab it from inside its own event loop, then close it.
    QTimer::singleShot(800, &app, [&] {
        if (auto *dialog = qobject_cast<CreateTaskDialog *>(QApplication::activeModalWidget())) {
            ok = save(dialog, out, prefix + QStringLiteral("create-task")) && ok;
            // The same dialog refusing a payload PostgreSQL could not store, at the field.
            CreateTaskForm form = dialog->form();
            form.title = QStringLiteral("Send the welcome mail");
            form.payloadText = QStringLiteral("{\n  \"to\": \"ops@example.com\",\n  \"note\": \"a\\u0000b\"\n}");
            dialog->setForm(form);
            dialog->submit();
            settle(200);
            ok = save(dialog, out, prefix + QStringLiteral("create-task-invalid")) && ok;

            // The form generated from pdf.render's schema, one value over its maximum.
            form.type = QStringLiteral("pdf.render");
            form.title = QStringLiteral("Quarterly report for the board");
            form.payloadText = QStringLiteral(R"({"document": "reports/q3.json", "paper": "A4", "copies": 25,
                "duplex": true, "recipients": ["board@example.com", "cfo@example.com"],
                "watermark": {"text": "DRAFT", "opacity": 0.2}})");
            dialog->setForm(form);
            settle(CreateTaskDialog::PayloadCheckDelayMs + 500);
            ok = save(dialog, out, prefix + QStringLiteral("create-task-form")) && ok;
            dialog->reject();
        }
    });
    window.taskActions()->newTaskAction()->trigger();
    settle(1'500);

    // A task an external worker holds: its progress, message and lease in the details panel.
    if (const QUuid leased(parser.value(QStringLiteral("leased-task"))); !leased.isNull()) {
        std::optional<Task> task;
        client.getTask(leased).then(&app, [&](Result<Task> result) {
            if (result)
                task = *result;
        });
        if (!waitFor([&] { return task.has_value(); }, 10'000)) {
            std::fprintf(stderr, "the leased task %s did not load\n", qUtf8Printable(leased.toString()));
            ok = false;
        } else {
            view->clearSelection();
            window.taskDetails()->showTask(*task);
            // The dock beside the task table is too narrow at 1280 px for the bar and its message: float it at a
            // readable size and take the panel alone, as the dialogs are taken.
            auto *dock = window.findChild<QDockWidget *>(QStringLiteral("taskDetailsDock"));
            dock->setFloating(true);
            dock->resize(DetailsShotSize);
            settle(1'500);
            ok = save(dock, out, prefix + QStringLiteral("task-progress")) && ok;
            dock->setFloating(false);
        }
    }

    // Finding a task by its id: a whole id pasted into the search box, as from a log line.
    pages->setCurrentIndex(0);
    settle(300);
    const Task target = model.taskAt(model.rowCount() - 1);
    auto *search = window.filterBar()->findChild<QLineEdit *>(QStringLiteral("searchField"));
    search->setText(target.id.toString(QUuid::WithoutBraces));
    if (!waitFor([&] { return model.rowCount() == 1 && model.rowOf(target.id) == 0; }, 10'000)) {
        std::fprintf(stderr, "searching for task %s did not narrow the list to it\n", qUtf8Printable(target.id.toString()));
        ok = false;
    } else {
        view->selectRow(0);
        settle(1'000);
        ok = save(&window, out, prefix + QStringLiteral("find-by-id")) && ok;
    }
    search->clear();
    settle(800);

    // Retry all failed tasks of one type: the confirmation with the server's exact count.
    if (QAction *retryAll = window.findChild<QAction *>(QStringLiteral("retryAllMatchingAction"))) {
        window.filterBar()->toggle(Status::Failed)->click();
        window.filterBar()->findChild<QComboBox *>(QStringLiteral("typeFilter"))->setCurrentText(QStringLiteral("webhook.deliver"));
        settle(1'500);
        retryAll->trigger();
        QMessageBox *confirmation = nullptr;
        waitFor([&] { return (confirmation = window.findChild<QMessageBox *>(QStringLiteral("bulkConfirmation"))); }, 10'000);
        if (confirmation) {
            settle(300);
            ok = save(confirmation, out, prefix + QStringLiteral("retry-all-matching")) && ok;
            confirmation->reject();
        } else {
            std::fprintf(stderr, "no confirmation for Retry All Matching\n");
            ok = false;
        }
        window.filterBar()->clear();
        settle(800);
    }

    // --offline: the caller stops the backend once this file exists; the banner is shot when it shows.
    if (const QString marker = parser.value(QStringLiteral("offline-marker")); !marker.isEmpty()) {
        QFile(marker).open(QIODevice::WriteOnly);
        auto *banner = window.findChild<QWidget *>(QStringLiteral("offlineBanner"));
        if (banner && waitFor([&] { return banner->isVisible(); }, 30'000)) {
            settle(1'500);
            ok = save(&window, out, prefix + QStringLiteral("offline")) && ok;
        } else {
            std::fprintf(stderr, "the offline banner did not show\n");
            ok = false;
        }
        client.abortAll();
        return ok ? 0 : 1;
    }

    // The login dialog of a remote profile, as shown after the server refused a password (its words, plain).
    {
        ConnectionProfile remote = profile;
        remote.auth = ConnectionProfile::Auth::Password;
        remote.user = QStringLiteral("ops@example.org");
        LoginDialog login(remote, BackendClient::tr("Authentication failed: %1").arg(QStringLiteral("wrong e-mail or password")),
                          &window);
        login.show();
        settle(500);
        ok = save(&login, out, prefix + QStringLiteral("login")) && ok;
    }

    // A deployment on another host (docs/deployment.md, docs/packages.md): an https profile with an API token and
    // the CA that signed the server's certificate (TLS in taskmilld itself or terminated by HAProxy).
    {
        ConnectionProfile remote(QStringLiteral("production"), QUrl(QStringLiteral("https://tasks.example.org:8443")),
                                 ConnectionProfile::Kind::Remote);
        remote.id = QUuid(QStringLiteral("{00000000-0000-4000-8000-0000000000b1}"));
        remote.auth = ConnectionProfile::Auth::Token;
        remote.caCertificateFile = QStringLiteral("/etc/ssl/certs/taskmill-ca.pem");
        QList<ConnectionProfile> profiles = settings.profiles();
        profiles.append(remote);
        settings.setProfiles(profiles);
        MemorySecretStore store;
        ProfileSecrets secrets(store);
        ConnectionDialog dialog(settings, secrets, remote, &window);
        dialog.show();
        settle(500);
        ok = save(&dialog, out, prefix + QStringLiteral("connect-remote")) && ok;
    }

    client.abortAll();
    return ok ? 0 : 1;
}
