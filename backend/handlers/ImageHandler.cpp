// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/ImageHandler.h"

#include "handlers/ImagePipeline.h"
#include "handlers/SchemaText.h"
#include "validation/PayloadSchema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {

// The payload schema. The api checks every create against it; the handler checks again (a task stored
// before the schema existed, a handler alias), so both give the same messages.
constexpr const char *ImageSchema = R"({
  "type": "object",
  "required": ["path"],
  "additionalProperties": false,
  "properties": {
    "path": {"type": "string", "minLength": 1, "maxLength": 4096,
             "description": "Image file (PNG, JPEG, WebP, TIFF, GIF, HEIF), relative to handlers.files_dir"},
    "gamma": {"type": "number", "exclusiveMinimum": 0, "maximum": 10,
              "description": "out = 255 * (in / 255)^(1 / gamma); above 1 brightens mid-tones"},
    "brightness": {"type": "number", "minimum": -100, "maximum": 100,
                   "description": "Percent of full scale added to every channel"},
    "contrast": {"type": "number", "minimum": -100, "maximum": 100,
                 "description": "Percent change of contrast around mid-grey; -100 is flat grey"},
    "saturation": {"type": "number", "minimum": -100, "maximum": 100,
                   "description": "Percent change of colour saturation (LCh chroma); -100 is grey"},
    "grayscale": {"type": "boolean", "description": "Convert to one grey band"},
    "invert": {"type": "boolean", "description": "Negative: 255 - value in every colour channel"},
    "blur": {"type": "number", "exclusiveMinimum": 0, "maximum": 100,
             "description": "Gaussian blur, sigma in pixels"},
    "sharpen": {"type": "number", "exclusiveMinimum": 0, "maximum": 10,
                "description": "Unsharp mask, sigma in pixels"}
  }
})";

// Characters of the task id in the output name: the last twelve hex digits are random bits of the
// time-ordered id (its first ones are the creation time, shared by tasks created together).
constexpr qsizetype OutputIdChars = 12;

const QJsonObject &schemaObject()
{
    static const QJsonObject schema = schemaFromText(ImageSchema);
    return schema;
}

// Compiled once (thread-safe static), read-only afterwards: PayloadSchema may be shared between workers.
const PayloadSchema &compiledSchema()
{
    static const std::shared_ptr<const PayloadSchema> schema = [] {
        auto compiled = PayloadSchema::compile(schemaObject());
        if (!compiled)
            qFatal("process_image schema does not compile: %s", qPrintable(compiled.error()));
        return *compiled;
    }();
    return *schema;
}

HandlerOutcome permanentFailure(const QString &message)
{
    return HandlerOutcome::failed(message, true);
}

std::optional<double> numberOf(const QJsonObject &payload, const QString &key)
{
    const QJsonValue v = payload.value(key);
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

ImageOps opsOf(const QJsonObject &payload)
{
    ImageOps ops;
    ops.gamma = numberOf(payload, u"gamma"_s);
    ops.brightness = numberOf(payload, u"brightness"_s);
    ops.contrast = numberOf(payload, u"contrast"_s);
    ops.saturation = numberOf(payload, u"saturation"_s);
    ops.grayscale = payload.value(u"grayscale"_s).toBool(false);
    ops.invert = payload.value(u"invert"_s).toBool(false);
    ops.blur = numberOf(payload, u"blur"_s);
    ops.sharpen = numberOf(payload, u"sharpen"_s);
    return ops;
}

// `canonical` is `root` itself or below it.
bool isInside(const QString &root, const QString &canonical)
{
    const QString prefix = root.endsWith(u'/') ? root : root + u'/';
    return canonical == root || canonical.startsWith(prefix);
}

// Where one task reads and writes: all three absolute, canonical and inside handlers.files_dir.
struct ImageFiles
{
    QString root;       // handlers.files_dir
    QString input;      // the file payload.path names, symbolic links resolved
    QString outputBase; // "<dir of payload.path>/<name>.processed-<id>", before the format's suffix
};

// Checks payload.path against handlers.files_dir without touching anything but metadata: absolute paths,
// ".." components and links that resolve outside are refused whatever they point to.
Result<ImageFiles, HandlerOutcome> resolveFiles(const QString &filesDir, const QString &path, const QUuid &taskId)
{
    if (path.isEmpty() || path.contains(QChar(0)))
        return permanentFailure(u"payload.path must be a non-empty relative path"_s);
    if (QDir::isAbsolutePath(path))
        return permanentFailure(u"payload.path '%1' is absolute; it must be relative to handlers.files_dir"_s.arg(path));
    if (path.split(u'/').contains(u".."_s))
        return permanentFailure(u"payload.path '%1' contains '..'; it must stay inside handlers.files_dir"_s.arg(path));

    const QString root = QFileInfo(filesDir).canonicalFilePath();
    if (root.isEmpty()) // an operator can create it: not permanent
        return HandlerOutcome::failed(u"handlers.files_dir '%1' does not exist"_s.arg(filesDir));
    const QFileInfo requested(root + u'/' + path);
    if (!requested.exists())
        return permanentFailure(u"file not found: '%1' in handlers.files_dir"_s.arg(path));
    const QString input = requested.canonicalFilePath();
    // The output goes beside the name given, so that directory must be inside too (it can be a link).
    const QString dir = QFileInfo(requested.absolutePath()).canonicalFilePath();
    if (!isInside(root, input) || !isInside(root, dir))
        return permanentFailure(u"payload.path '%1' resolves outside handlers.files_dir"_s.arg(path));
    if (!QFileInfo(input).isFile())
        return permanentFailure(u"payload.path '%1' is not a regular file"_s.arg(path));

    QString stem = requested.completeBaseName();
    if (stem.isEmpty())
        stem = requested.fileName();
    const QString id = taskId.toString(QUuid::Id128).right(OutputIdChars);
    return ImageFiles{root, input, dir + u'/' + stem + u".processed-"_s + id};
}

// Opens the resolved input. O_NOFOLLOW: the canonical path has no link left, so a link found here was put
// there after the check and is refused rather than followed.
Result<int, HandlerOutcome> openInput(const ImageFiles &files, const QString &path)
{
    const int fd = ::open(QFile::encodeName(files.input).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        const int error = errno;
        const QString why = QString::fromLocal8Bit(std::strerror(error));
        if (error == ENOENT || error == ELOOP)
            return permanentFailure(u"file not found: '%1' in handlers.files_dir (%2)"_s.arg(path, why));
        return HandlerOutcome::failed(u"cannot open '%1': %2"_s.arg(path, why));
    }
    struct stat st{};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return permanentFailure(u"payload.path '%1' is not a regular file"_s.arg(path));
    }
    return fd;
}

HandlerOutcome runImage(const Task &task, CancellationToken &token, const HandlerSettings &settings)
{
    if (settings.filesDir.isEmpty())
        return permanentFailure(u"handlers.files_dir is not set"_s);
    if (const QJsonArray violations = compiledSchema().violations(task.payload); !violations.isEmpty()) {
        const QJsonObject first = violations.first().toObject();
        const QString where = first.value(u"path"_s).toString();
        const QString message = first.value(u"message"_s).toString();
        return permanentFailure(where.isEmpty() ? u"invalid payload: "_s + message
                                                : u"invalid payload at '%1': %2"_s.arg(where, message));
    }
    if (token.isCancelled())
        return HandlerOutcome::cancelled(u"cancelled before the image was read"_s);

    const QString path = task.payload.value(u"path"_s).toString();
    const auto files = resolveFiles(settings.filesDir, path, task.id);
    if (!files)
        return files.error();
    const auto fd = openInput(*files, path);
    if (!fd)
        return fd.error();
    QFile input; // owns the descriptor from here on
    if (!input.open(*fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(*fd);
        return HandlerOutcome::failed(u"cannot open '%1': %2"_s.arg(path, input.errorString()));
    }

    const auto out = processImage(*fd, opsOf(task.payload), files->outputBase, token);
    if (!out) {
        HandlerOutcome failure = out.error();
        if (failure.status == Status::Failed)
            failure.error = u"'%1': %2"_s.arg(path, failure.error);
        return failure;
    }
    return HandlerOutcome::completed(QJsonObject{
        {u"path"_s, QDir(files->root).relativeFilePath(out->path)},
        {u"width"_s, out->width},
        {u"height"_s, out->height},
        {u"bytes"_s, QFileInfo(out->path).size()},
    });
}

} // namespace

BuiltinHandler imageHandler()
{
    return {u"process_image"_s,
            u"Applies gamma, brightness/contrast, saturation, grayscale, invert, blur and sharpen (in that order) to "
            "an image under handlers.files_dir and writes the result beside it; result {path, width, height, bytes}."_s,
            schemaObject(), &runImage};
}

} // namespace taskmill
