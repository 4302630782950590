// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The main window as a new user sees it on a laptop and on a desktop screen (issue 14): for English and
// Russian, at 1280×800 and 1920×1080, with no tasks and with 100,000, every page must fit the screen (no
// minimum size wider or taller than it, the window exactly the size asked for) and show no clipped text
// that matters: a label, button, header or table cell narrower than its text needs a tooltip that says it
// all. Against a real taskmilld with demo data (scripts/demo-data). Each case is saved as a PNG in
// $TASKMILL_LAYOUT_SHOTS (default: layout-shots/ in the working directory) to be looked at.
#include "RealBackend.h"

#include "client/EventStream.h"
#include "models/TaskModel.h"
#include "settings/AppSettings.h"
#include "views/MainWindow.h"
#include "views/TableFit.h"
#include "views/Theme.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLibraryInfo>
#include <QProcess>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
constexpr int ManyTasks = 100'000;
// TASKMILL_LAYOUT_QUICK (set for the sanitizer build, where all of this runs several times slower): only the
// laptop size, the one that binds, with a fifth of the queue.
constexpr int QuickManyTasks = 20'000;
bool quick()
{
    return qEnvironmentVariableIsSet("TASKMILL_LAYOUT_QUICK");
}
constexpr int BatchSize = 1'000;
constexpr int DemoTasks = 400;
// A page loads its data when shown, and its tables size their columns as answers arrive (some answers start the
// next request: a list, then its counts). Settled: no request of the client in flight for QuietMs.
constexpr int QuietMs = 300;
constexpr int SettleTimeoutMs = 15'000;

bool settle(const BackendClient &client)
{
    QElapsedTimer quiet;
    quiet.start();
    const QDeadlineTimer deadline(SettleTimeoutMs);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (client.requestsInFlight() > 0)
            quiet.restart();
        else if (quiet.elapsed() >= QuietMs)
            return true;
    }
    return false;
}

QString where(const QWidget *w)
{
    QStringList path;
    for (const QWidget *p = w; p && !p->isWindow(); p = p->parentWidget())
        path.prepend(p->objectName().isEmpty() ? QString::fromLatin1(p->metaObject()->className()) : p->objectName());
    return path.join(u'/');
}

bool hasTip(const QWidget *w)
{
    return !w->toolTip().isEmpty();
}

// What a user would call clipped: text narrower than it needs, with nothing to read it all in.
QStringList clipped(QWidget *window)
{
    QStringList problems;
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (!label->isVisibleTo(window) || label->text().isEmpty() || label->wordWrap() || hasTip(label))
            continue;
        if (label->width() < label->minimumSizeHint().width())
            problems << u"label %1 \"%2\": %3 px for %4"_s.arg(where(label), label->text().left(40)).arg(label->width())
                            .arg(label->minimumSizeHint().width());
    }
    for (QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        if (!button->isVisibleTo(window) || button->text().isEmpty() || hasTip(button))
            continue;
        if (button->width() < button->minimumSizeHint().width())
            problems << u"button %1 \"%2\": %3 px for %4"_s.arg(where(button), button->text().left(40)).arg(button->width())
                            .arg(button->minimumSizeHint().width());
    }
    for (QAbstractItemView *view : window->findChildren<QAbstractItemView *>()) {
        if (!view->isVisibleTo(window) || !view->model())
            continue;
        QHeaderView *header = nullptr;
        if (auto *table = qobject_cast<QTableView *>(view))
            header = table->horizontalHeader();
        else if (auto *tree = qobject_cast<QTreeView *>(view))
            header = tree->header();
        if (!header || header->isHidden())
            continue;
        const QAbstractItemModel *model = view->model();
        for (int section = 0; section < header->count(); ++section) {
            if (header->isSectionHidden(section) || header->sectionSize(section) == 0)
                continue;
            const QString title = model->headerData(section, Qt::Horizontal).toString();
            const bool titleTip = !model->headerData(section, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty();
            if (!title.isEmpty() && !titleTip && header->sectionSize(section) < header->sectionSizeHint(section))
                problems << u"header %1 \"%2\": %3 px for %4"_s.arg(where(view), title).arg(header->sectionSize(section))
                                .arg(header->sectionSizeHint(section));
            // Cells: the widest visible value must fit, or the cells must carry their full text as a tooltip.
            if (model->rowCount() == 0)
                continue;
            const int need = view->sizeHintForColumn(section);
            const QModelIndex first = model->index(0, section);
            // The model's own tooltip, or the delegate that shows a cut-off text whole (TableFit).
            const QAbstractItemDelegate *delegate = view->itemDelegateForColumn(section) ? view->itemDelegateForColumn(section)
                                                                                          : view->itemDelegate();
            const bool cellTip = !first.data(Qt::ToolTipRole).toString().isEmpty() || qobject_cast<const ElidedTextDelegate *>(delegate);
            if (need > header->sectionSize(section) && !cellTip)
                problems << u"cells %1 column \"%2\": %3 px for %4"_s.arg(where(view), title).arg(header->sectionSize(section))
                                .arg(need);
        }
    }
    return problems;
}
} // namespace

class TestLayoutFits final : public QObject
{
    Q_OBJECT
    RealBackend m_real;
    QString m_shots;

    // Fresh settings (no saved geometry or columns), a new window in the current language, shown at `screen`
    // on every page in turn; what does not fit is collected, every page is saved.
    QStringList visit(const QSize &screen, const QString &name)
    {
        QTemporaryDir settingsDir;
        QSettings qsettings(settingsDir.filePath(u"taskmill.conf"_s), QSettings::IniFormat);
        AppSettings settings(qsettings);
        Theme::apply(settings.theme()); // as main() does: the same style (its sort arrows) as the app
        auto client = m_real.client();
        MainWindow window(*client, settings);
        window.resize(screen);
        client->connectToBackend();
        client->eventStream().open();
        window.show();
        QStringList problems;
        if (!settle(*client))
            problems << u"%1: requests still in flight after %2 ms"_s.arg(name).arg(SettleTimeoutMs);
        QTabWidget *pages = window.pages();
        for (int i = 0; i < pages->count(); ++i) {
            if (!pages->isTabVisible(i))
                continue;
            pages->setCurrentIndex(i);
            window.resize(screen);
            if (!settle(*client))
                problems << u"%1 page %2: requests still in flight after %3 ms"_s.arg(name).arg(i).arg(SettleTimeoutMs);
            const QString page = u"%1 page %2"_s.arg(name, pages->tabText(i).remove(u'&'));
            const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
            if (minimum.width() > screen.width() || minimum.height() > screen.height())
                problems << u"%1: minimum size %2×%3 exceeds the screen"_s.arg(page).arg(minimum.width()).arg(minimum.height());
            if (window.size() != screen)
                problems << u"%1: the window is %2×%3"_s.arg(page).arg(window.width()).arg(window.height());
            for (const QString &p : clipped(&window))
                problems << page + u": "_s + p;
            // The offline banner over the pages (OfflineBanner) must fit too: it shows whenever the server is away.
            if (auto *banner = window.findChild<QWidget *>(u"offlineBanner"_s)) {
                banner->show();
                QCoreApplication::processEvents();
                const QSize offline = window.minimumSizeHint().expandedTo(window.minimumSize());
                if (offline.width() > screen.width() || offline.height() > screen.height())
                    problems << u"%1 with the offline banner: minimum size %2×%3 exceeds the screen"_s.arg(page)
                                    .arg(offline.width()).arg(offline.height());
                banner->hide();
            }
            window.grab().save(QDir(m_shots).filePath(u"%1-%2.png"_s.arg(name).arg(i)));
        }
        client->abortAll();
        return problems;
    }

    void createBatch(int count, int offset)
    {
        QJsonArray tasks;
        for (int i = 0; i < count; ++i)
            tasks.append(QJsonObject{{u"type"_s, u"noop"_s}, {u"title"_s, u"Queued report %1"_s.arg(offset + i)},
                                     {u"priority"_s, (offset + i) % 3 == 0 ? u"HIGH"_s : u"LOW"_s},
                                     {u"run_at"_s, u"2099-01-01T00:00:00Z"_s}});
        const auto r = m_real.http.post(u"/api/v1/tasks/batch"_s, QJsonValue(tasks));
        QVERIFY2(r.status == 201 || r.status == 200, r.body.left(300).constData());
    }

private slots:
    void initTestCase()
    {
        m_shots = qEnvironmentVariable("TASKMILL_LAYOUT_SHOTS", QDir::current().filePath(u"layout-shots"_s));
        QDir().mkpath(m_shots);
        QProcess aliases;
        const QString demo = qEnvironmentVariable("TASKMILL_SOURCE_DIR") + u"/scripts/demo-data"_s;
        aliases.start(u"python3"_s, {demo, u"--print-aliases"_s});
        QVERIFY(aliases.waitForFinished(30'000));
        QStringList args{u"--role"_s, u"api,executor,scheduler,notifier"_s, u"--workers"_s, u"4"_s};
        args += QString::fromUtf8(aliases.readAllStandardOutput()).split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
        m_real.start(args);
    }

    void fits_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<bool>("many");
        for (bool many : {false, true})
            for (const QString &language : {u"en"_s, u"ru"_s})
                for (const QSize &screen : quick() ? QList<QSize>{QSize(1280, 800)} : QList<QSize>{QSize(1280, 800), QSize(1920, 1080)})
                    QTest::addRow("%s-%dx%d-%s", qPrintable(language), screen.width(), screen.height(), many ? "many" : "empty")
                        << language << screen << many;
    }

    void fits()
    {
        QFETCH(QString, language);
        QFETCH(QSize, screen);
        QFETCH(bool, many);
        static bool filled = false;
        if (many && !filled) {
            // Demo data (every state, retries, dead letters), then a deep queue for large counts.
            QProcess demo;
            demo.start(u"python3"_s, {qEnvironmentVariable("TASKMILL_SOURCE_DIR") + u"/scripts/demo-data"_s, u"--url"_s,
                                      m_real.backend.baseUrl().toString(), u"--count"_s, QString::number(DemoTasks)});
            QVERIFY(demo.waitForFinished(120'000));
            QVERIFY2(demo.exitCode() == 0, demo.readAllStandardError().constData());
            for (int offset = 0; offset < (quick() ? QuickManyTasks : ManyTasks); offset += BatchSize)
                createBatch(BatchSize, offset);
            filled = true;
        }
        QTranslator qt;
        QTranslator app;
        if (language == u"ru") {
            const QLocale ru(QLocale::Russian, QLocale::Russia);
            QLocale::setDefault(ru);
            if (qt.load(ru, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
                QApplication::installTranslator(&qt);
            QVERIFY(app.load(ru, u"taskmill"_s, u"_"_s, u":/i18n"_s));
            QApplication::installTranslator(&app);
        } else {
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        }
        const QStringList problems = visit(screen, QString::fromLatin1(QTest::currentDataTag()));
        QApplication::removeTranslator(&app);
        QApplication::removeTranslator(&qt);
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
    }

    void cleanupTestCase() { QVERIFY(m_real.backend.terminate()); }
};

int main(int argc, char **argv)
{
    Q_INIT_RESOURCE(taskmill);
    QApplication app(argc, argv);
    TestLayoutFits test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_LayoutFits.moc"
