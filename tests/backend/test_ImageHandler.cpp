// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/BuiltinCatalog.h"
#include "validation/PayloadSchema.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

// gio (under libvips' headers) names a struct member "signals", which Qt's keyword macro rewrites.
#undef signals
#include <vips/vips8>

#include <atomic>
#include <thread>

#include <time.h>

using namespace Qt::StringLiterals;
using namespace taskmill;
using vips::VImage;

namespace {

constexpr int SmallWidth = 64;
constexpr int SmallHeight = 48;
// Big enough that blur 100 takes seconds even on a fast machine: the cancel test must land mid-computation.
constexpr int BigSide = 4000;
constexpr int CancelWaitMs = 30'000;
// A killed evaluation stops within a few tiles; a full run of the big blur takes far longer.
constexpr qint64 MaxStopAfterCancelMs = 3'000;
constexpr qint64 ComputingCpuMs = 500;

const BuiltinHandler &processImageHandler()
{
    for (const BuiltinHandler &h : builtinHandlers()) {
        if (h.name == u"process_image"_s)
            return h;
    }
    qFatal("process_image is not in builtinHandlers()");
}

// CPU time of every thread of this process, libvips' workers included.
qint64 processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

QByteArray local(const QString &path)
{
    return QFile::encodeName(path);
}

// R follows x, G follows y, B is constant: every pixel differs from its neighbours, and means are known.
VImage gradient(int width, int height)
{
    const VImage xy = VImage::xyz(width, height);
    const VImage r = xy[0] * (255.0 / (width - 1));
    const VImage g = xy[1] * (255.0 / (height - 1));
    return VImage::bandjoin({r, g, r * 0 + 128})
        .cast(VIPS_FORMAT_UCHAR)
        .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

VImage solid(std::vector<double> pixel)
{
    return VImage::black(SmallWidth, SmallHeight)
        .new_from_image(pixel)
        .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

VImage noise()
{
    return VImage::gaussnoise(SmallWidth, SmallHeight, VImage::option()->set("sigma", 60.0)->set("mean", 128.0))
        .cast(VIPS_FORMAT_UCHAR);
}

QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Every entry under `root`, links and hidden files included: "no file touched" means this does not change.
QStringList filesUnder(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next());
    out.sort();
    return out;
}

QStringList added(const QStringList &before, const QStringList &after)
{
    QStringList out;
    for (const QString &f : after) {
        if (!before.contains(f))
            out.append(f);
    }
    return out;
}

Task taskWith(const QJsonObject &payload)
{
    Task t;
    t.id = QUuid::createUuid();
    t.type = u"process_image"_s;
    t.payload = payload;
    t.attempts = 1;
    return t;
}

} // namespace

class TestImageHandler : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void schema_accepts_good_and_rejects_bad_payloads_data();
    void schema_accepts_good_and_rejects_bad_payloads();
    void writes_a_new_png_beside_the_input_and_leaves_the_input_alone();
    void jpeg_input_gives_a_jpeg_output();
    void grayscale_output_has_one_band();
    void invert_gives_255_minus_each_channel_and_keeps_alpha();
    void brightness_raises_the_mean();
    void blur_lowers_the_variance_and_sharpen_raises_it();
    void rerunning_a_task_replaces_its_own_output();
    void paths_outside_files_dir_fail_permanently_and_touch_nothing_data();
    void paths_outside_files_dir_fail_permanently_and_touch_nothing();
    void missing_file_fails_permanently_naming_the_path();
    void corrupt_file_fails_permanently_with_the_libvips_message();
    void formats_outside_the_allowed_loaders_are_refused();
    void unset_files_dir_fails_permanently();
    void invalid_payload_fails_permanently();
    void cancelled_token_returns_cancelled_without_output();
    void cancel_during_processing_stops_the_computation();
    void parallel_runs_keep_their_own_results_and_errors();

private:
    HandlerOutcome run(const QJsonObject &payload, CancellationToken &token, const Task &task);
    HandlerOutcome run(const QJsonObject &payload);
    QString filesPath(const QString &relative) const { return m_files + u'/' + relative; }
    void save(const VImage &image, const QString &relative) const
    {
        image.write_to_file(local(filesPath(relative)).constData());
    }

    std::unique_ptr<QTemporaryDir> m_outer; // holds files/ and a file outside it
    QString m_files;
};

void TestImageHandler::initTestCase()
{
    QVERIFY2(VIPS_INIT("test_ImageHandler") == 0, vips_error_buffer());
}

void TestImageHandler::init()
{
    m_outer = std::make_unique<QTemporaryDir>();
    QVERIFY(m_outer->isValid());
    m_files = m_outer->filePath(u"files"_s);
    QVERIFY(QDir().mkpath(m_files + u"/sub"_s));
}

HandlerOutcome TestImageHandler::run(const QJsonObject &payload, CancellationToken &token, const Task &task)
{
    Task t = task;
    t.payload = payload;
    HandlerSettings settings;
    settings.filesDir = m_files;
    return processImageHandler().run(t, token, settings);
}

HandlerOutcome TestImageHandler::run(const QJsonObject &payload)
{
    CancellationToken token;
    return run(payload, token, taskWith(payload));
}

void TestImageHandler::schema_accepts_good_and_rejects_bad_payloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("valid");
    QTest::newRow("path only") << QByteArray(R"({"path": "a.png"})") << true;
    QTest::newRow("every option") << QByteArray(R"({"path": "a/b.jpg", "gamma": 2.2, "brightness": -100,
        "contrast": 100, "saturation": 0, "grayscale": true, "invert": false, "blur": 100, "sharpen": 0.5})")
                                  << true;
    QTest::newRow("missing path") << QByteArray(R"({"blur": 1})") << false;
    QTest::newRow("empty path") << QByteArray(R"({"path": ""})") << false;
    QTest::newRow("path not a string") << QByteArray(R"({"path": 7})") << false;
    QTest::newRow("blur 0") << QByteArray(R"({"path": "a.png", "blur": 0})") << false;
    QTest::newRow("blur 101") << QByteArray(R"({"path": "a.png", "blur": 101})") << false;
    QTest::newRow("sharpen 11") << QByteArray(R"({"path": "a.png", "sharpen": 11})") << false;
    QTest::newRow("gamma 0") << QByteArray(R"({"path": "a.png", "gamma": 0})") << false;
    QTest::newRow("contrast 101") << QByteArray(R"({"path": "a.png", "contrast": 101})") << false;
    QTest::newRow("brightness -101") << QByteArray(R"({"path": "a.png", "brightness": -101})") << false;
    QTest::newRow("grayscale a string") << QByteArray(R"({"path": "a.png", "grayscale": "yes"})") << false;
    QTest::newRow("unknown key") << QByteArray(R"({"path": "a.png", "rotate": 90})") << false;
}

void TestImageHandler::schema_accepts_good_and_rejects_bad_payloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, valid);
    const auto schema = PayloadSchema::compile(processImageHandler().schema);
    QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error()));
    const QJsonArray violations = (*schema)->violations(QJsonDocument::fromJson(payload).object());
    QVERIFY2(violations.isEmpty() == valid, QJsonDocument(violations).toJson().constData());
}

void TestImageHandler::writes_a_new_png_beside_the_input_and_leaves_the_input_alone()
{
    save(gradient(SmallWidth, SmallHeight), u"sub/photo.png"_s);
    const QByteArray inputHash = sha256(filesPath(u"sub/photo.png"_s));
    const QStringList before = filesUnder(m_outer->path());

    const HandlerOutcome out = run({{u"path"_s, u"sub/photo.png"_s}, {u"blur"_s, 1.5}, {u"gamma"_s, 1.2}});
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const QJsonObject result = out.result.toObject();
    const QString relative = result.value(u"path"_s).toString();
    QVERIFY2(relative.startsWith(u"sub/photo.processed-"_s) && relative.endsWith(u".png"_s), qPrintable(relative));
    QCOMPARE(added(before, filesUnder(m_outer->path())), QStringList{filesPath(relative)});

    const VImage written = VImage::new_from_file(local(filesPath(relative)).constData());
    QCOMPARE(result.value(u"width"_s).toInt(), written.width());
    QCOMPARE(result.value(u"height"_s).toInt(), written.height());
    QCOMPARE(written.width(), SmallWidth);
    QCOMPARE(written.height(), SmallHeight);
    QCOMPARE(result.value(u"bytes"_s).toInteger(), QFileInfo(filesPath(relative)).size());
    QCOMPARE(sha256(filesPath(u"sub/photo.png"_s)), inputHash);
}

void TestImageHandler::jpeg_input_gives_a_jpeg_output()
{
    save(gradient(SmallWidth, SmallHeight), u"photo.jpg"_s);
    const QByteArray inputHash = sha256(filesPath(u"photo.jpg"_s));
    const HandlerOutcome out = run({{u"path"_s, u"photo.jpg"_s}, {u"contrast"_s, 20}, {u"saturation"_s, -50}});
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const QString relative = out.result[u"path"_s].toString();
    QVERIFY2(relative.startsWith(u"photo.processed-"_s) && relative.endsWith(u".jpg"_s), qPrintable(relative));
    const VImage written = VImage::new_from_file(local(filesPath(relative)).constData());
    QCOMPARE(QString::fromUtf8(written.get_string(VIPS_META_LOADER)), u"jpegload"_s);
    QCOMPARE(written.width(), SmallWidth);
    QCOMPARE(sha256(filesPath(u"photo.jpg"_s)), inputHash);
}

void TestImageHandler::grayscale_output_has_one_band()
{
    save(gradient(SmallWidth, SmallHeight), u"photo.png"_s);
    const HandlerOutcome out = run({{u"path"_s, u"photo.png"_s}, {u"grayscale"_s, true}});
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const VImage written = VImage::new_from_file(local(filesPath(out.result[u"path"_s].toString())).constData());
    QCOMPARE(written.bands(), 1);
}

void TestImageHandler::invert_gives_255_minus_each_channel_and_keeps_alpha()
{
    save(solid({10, 200, 30, 100}), u"rgba.png"_s);
    const HandlerOutcome out = run({{u"path"_s, u"rgba.png"_s}, {u"invert"_s, true}});
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const VImage written = VImage::new_from_file(local(filesPath(out.result[u"path"_s].toString())).constData());
    QCOMPARE(written.getpoint(5, 7), (std::vector<double>{245, 55, 225, 100}));
}

void TestImageHandler::brightness_raises_the_mean()
{
    const VImage input = gradient(SmallWidth, SmallHeight);
    save(input, u"photo.png"_s);
    const HandlerOutcome out = run({{u"path"_s, u"photo.png"_s}, {u"brightness"_s, 20}});
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const VImage written = VImage::new_from_file(local(filesPath(out.result[u"path"_s].toString())).constData());
    // +20 % of 255 is +51 per channel, less where it clips at 255.
    QVERIFY2(written.avg() > input.avg() + 30, qPrintable(u"%1 -> %2"_s.arg(input.avg()).arg(written.avg())));
}

void TestImageHandler::blur_lowers_the_variance_and_sharpen_raises_it()
{
    const VImage input = noise();
    save(input, u"noise.png"_s);
    const HandlerOutcome blurred = run({{u"path"_s, u"noise.png"_s}, {u"blur"_s, 2}});
    QVERIFY2(blurred.status == Status::Completed, qPrintable(blurred.error));
    const QString blurredPath = blurred.result[u"path"_s].toString();
    const VImage b = VImage::new_from_file(local(filesPath(blurredPath)).constData());
    QVERIFY2(b.deviate() < input.deviate() / 2, qPrintable(u"%1 -> %2"_s.arg(input.deviate()).arg(b.deviate())));

    const HandlerOutcome sharpened = run({{u"path"_s, blurredPath}, {u"sharpen"_s, 1}});
    QVERIFY2(sharpened.status == Status::Completed, qPrintable(sharpened.error));
    const VImage s = VImage::new_from_file(local(filesPath(sharpened.result[u"path"_s].toString())).constData());
    QVERIFY2(s.deviate() > b.deviate(), qPrintable(u"%1 -> %2"_s.arg(b.deviate()).arg(s.deviate())));
}

void TestImageHandler::rerunning_a_task_replaces_its_own_output()
{
    save(gradient(SmallWidth, SmallHeight), u"photo.png"_s);
    const Task task = taskWith({{u"path"_s, u"photo.png"_s}, {u"invert"_s, true}});
    CancellationToken token;
    const HandlerOutcome first = run(task.payload, token, task);
    const QStringList afterFirst = filesUnder(m_outer->path());
    const HandlerOutcome second = run(task.payload, token, task); // a retry of the same task
    QVERIFY2(second.status == Status::Completed, qPrintable(second.error));
    QCOMPARE(second.result, first.result);
    QCOMPARE(filesUnder(m_outer->path()), afterFirst);
}

void TestImageHandler::paths_outside_files_dir_fail_permanently_and_touch_nothing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("parent") << u"../outside.png"_s << u"contains '..'"_s;
    QTest::newRow("down and up") << u"sub/../../outside.png"_s << u"contains '..'"_s;
    QTest::newRow("etc passwd") << u"/etc/passwd"_s << u"is absolute"_s;
    QTest::newRow("absolute inside") << u"/files/photo.png"_s << u"is absolute"_s;
    QTest::newRow("link to a file outside") << u"link.png"_s << u"resolves outside"_s;
    QTest::newRow("link to a directory outside") << u"outdir/outside.png"_s << u"resolves outside"_s;
}

void TestImageHandler::paths_outside_files_dir_fail_permanently_and_touch_nothing()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const QString outside = m_outer->filePath(u"outside.png"_s);
    gradient(SmallWidth, SmallHeight).write_to_file(local(outside).constData());
    QVERIFY(QFile::link(outside, filesPath(u"link.png"_s)));
    QVERIFY(QFile::link(m_outer->path(), filesPath(u"outdir"_s)));
    const QStringList before = filesUnder(m_outer->path());
    const QByteArray outsideHash = sha256(outside);

    const HandlerOutcome out = run({{u"path"_s, path}});
    QVERIFY2(out.status == Status::Failed, qPrintable(out.error));
    QVERIFY(out.permanent);
    QVERIFY2(out.error.contains(expected) && out.error.contains(path), qPrintable(out.error));
    QCOMPARE(filesUnder(m_outer->path()), before);
    QCOMPARE(sha256(outside), outsideHash);
}

void TestImageHandler::missing_file_fails_permanently_naming_the_path()
{
    const HandlerOutcome out = run({{u"path"_s, u"sub/nowhere.png"_s}});
    QVERIFY2(out.status == Status::Failed, qPrintable(out.error));
    QVERIFY(out.permanent);
    QVERIFY2(out.error.contains(u"file not found"_s) && out.error.contains(u"sub/nowhere.png"_s), qPrintable(out.error));
}

void TestImageHandler::corrupt_file_fails_permanently_with_the_libvips_message()
{
    QFile corrupt(filesPath(u"broken.png"_s));
    QVERIFY(corrupt.open(QIODevice::WriteOnly));
    QByteArray bytes(4096, Qt::Uninitialized);
    QRandomGenerator(42).fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / sizeof(quint32));
    corrupt.write(bytes);
    corrupt.close();
    const QStringList before = filesUnder(m_outer->path());

    const HandlerOutcome out = run({{u"path"_s, u"broken.png"_s}});
    QVERIFY2(out.status == Status::Failed, qPrintable(out.error));
    QVERIFY(out.permanent);
    // Ours names the file; the rest is libvips' own reason, e.g. "VipsForeignLoad: source is not in a known format".
    const QString prefix = u"'broken.png': cannot read the image: "_s;
    QVERIFY2(out.error.startsWith(prefix) && out.error.size() > prefix.size() + 10, qPrintable(out.error));
    QCOMPARE(filesUnder(m_outer->path()), before);
}

void TestImageHandler::formats_outside_the_allowed_loaders_are_refused()
{
    // libvips reads this text as a 2 x 2 matrix image when its matrix loader is not blocked.
    QFile matrix(filesPath(u"matrix.png"_s));
    QVERIFY(matrix.open(QIODevice::WriteOnly));
    matrix.write("2 2\n1 2\n3 4\n");
    matrix.close();
    const HandlerOutcome out = run({{u"path"_s, u"matrix.png"_s}});
    QVERIFY2(out.status == Status::Failed, qPrintable(out.error));
    QVERIFY2(out.permanent && out.error.contains(u"cannot read the image"_s), qPrintable(out.error));
}

void TestImageHandler::unset_files_dir_fails_permanently()
{
    CancellationToken token;
    const HandlerOutcome out = processImageHandler().run(taskWith({{u"path"_s, u"a.png"_s}}), token, HandlerSettings{});
    QVERIFY2(out.status == Status::Failed, qPrintable(out.error));
    QVERIFY(out.permanent);
    QCOMPARE(out.error, u"handlers.files_dir is not set"_s);
}

void TestImageHandler::invalid_payload_fails_permanently()
{
    save(gradient(SmallWidth, SmallHeight), u"photo.png"_s);
    const QStringList before = filesUnder(m_outer->path());
    const HandlerOutcome out = run({{u"path"_s, u"photo.png"_s}, {u"blur"_s, 0}});
    QVERIFY2(out.status == Status::Failed, qPrintable(out.error));
    QVERIFY(out.permanent);
    QVERIFY2(out.error.contains(u"/blur"_s), qPrintable(out.error));
    QCOMPARE(filesUnder(m_outer->path()), before);
}

void TestImageHandler::cancelled_token_returns_cancelled_without_output()
{
    save(gradient(SmallWidth, SmallHeight), u"photo.png"_s);
    const QStringList before = filesUnder(m_outer->path());
    const QJsonObject payload{{u"path"_s, u"photo.png"_s}, {u"blur"_s, 3}};
    CancellationToken token;
    token.cancel();
    const HandlerOutcome out = run(payload, token, taskWith(payload));
    QVERIFY2(out.status == Status::Cancelled, qPrintable(out.error));
    QCOMPARE(filesUnder(m_outer->path()), before);
}

void TestImageHandler::cancel_during_processing_stops_the_computation()
{
    save(gradient(BigSide, BigSide), u"big.png"_s);
    const QStringList before = filesUnder(m_outer->path());
    const QJsonObject payload{{u"path"_s, u"big.png"_s}, {u"blur"_s, 100}};
    const Task task = taskWith(payload);
    CancellationToken token;
    HandlerOutcome out;
    std::atomic<bool> finished = false;
    const qint64 cpuBefore = processCpuMs();
    std::thread worker([&] {
        out = run(payload, token, task);
        finished = true;
    });
    // A failed check returns early: stop and join the worker on every way out.
    const auto joinWorker = qScopeGuard([&] {
        token.cancel();
        if (worker.joinable())
            worker.join();
    });

    // Reading the header and building the pipeline take milliseconds of CPU; this much means the blur is
    // being computed (inside the write, on libvips' threads). QSaveFile's unnamed temporary file (O_TMPFILE)
    // gives nothing to watch in the directory.
    const auto computing = [&] { return processCpuMs() > cpuBefore + ComputingCpuMs; };
    QTRY_VERIFY_WITH_TIMEOUT(computing() || finished, CancelWaitMs);
    QVERIFY2(!finished, qPrintable(u"finished before it could be cancelled: "_s + out.error));
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    token.cancel();
    worker.join();

    QVERIFY2(out.status == Status::Cancelled, qPrintable(out.error));
    QCOMPARE(out.error, u"cancelled while processing the image"_s);
    QVERIFY2(sinceCancel.elapsed() < MaxStopAfterCancelMs, qPrintable(QString::number(sinceCancel.elapsed())));
    QCOMPARE(filesUnder(m_outer->path()), before);
}

void TestImageHandler::parallel_runs_keep_their_own_results_and_errors()
{
    constexpr int Runs = 6;
    for (int i = 0; i < Runs; ++i) {
        const QString name = u"p%1.png"_s.arg(i);
        if (i % 2 == 0) {
            save(gradient(SmallWidth + i, SmallHeight), name);
        } else {
            QFile bad(filesPath(name));
            QVERIFY(bad.open(QIODevice::WriteOnly));
            bad.write("not an image at all");
        }
    }
    std::vector<HandlerOutcome> outs(Runs);
    std::vector<std::thread> workers;
    for (int i = 0; i < Runs; ++i)
        workers.emplace_back([&, i] { outs[i] = run({{u"path"_s, u"p%1.png"_s.arg(i)}, {u"sharpen"_s, 1}}); });
    for (std::thread &w : workers)
        w.join();
    for (int i = 0; i < Runs; ++i) {
        if (i % 2 == 0) {
            QVERIFY2(outs[i].status == Status::Completed, qPrintable(outs[i].error));
            QCOMPARE(outs[i].result[u"width"_s].toInt(), SmallWidth + i);
        } else {
            QVERIFY2(outs[i].status == Status::Failed, qPrintable(outs[i].error));
            QVERIFY2(outs[i].error.startsWith(u"'p%1.png': "_s.arg(i)), qPrintable(outs[i].error));
        }
    }
}

QTEST_GUILESS_MAIN(TestImageHandler)
#include "test_ImageHandler.moc"
