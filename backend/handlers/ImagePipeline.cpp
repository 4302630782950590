// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/ImagePipeline.h"

#include <QFileInfo>
#include <QSaveFile>

// gio (under libvips' headers) names a struct member "signals", which Qt's keyword macro rewrites.
#undef signals
#include <vips/vips8>

#include <cstring>

using namespace Qt::StringLiterals;
using vips::VImage;

namespace taskmill {

namespace {

// The working space is 8-bit: contrast pivots around its middle, brightness is a percentage of its range.
constexpr double FullScale = 255.0;
constexpr double MidGrey = FullScale / 2;
constexpr double PercentScale = 100.0;

// The loaders process_image uses; every other libvips loader (PDF, SVG, text matrices, FITS, libvips' own
// format, ImageMagick, ...) is blocked for the whole process. Payload files come from API clients, and these
// are the common formats whose libraries are fuzzed for untrusted input.
constexpr const char *AllowedLoaders[] = {"VipsForeignLoadPng",  "VipsForeignLoadJpeg",  "VipsForeignLoadWebp",
                                          "VipsForeignLoadTiff", "VipsForeignLoadNsgif", "VipsForeignLoadHeif"};

// The output keeps the input's format where libvips can write it to a target; GIF and HEIF inputs become PNG
// (no animation or HDR survives the pipeline anyway).
struct SameFormatOutput
{
    const char *loaderPrefix; // of the "vips-loader" nickname libvips records on the decoded image
    const char *suffix;
};
constexpr SameFormatOutput SameFormatOutputs[] = {
    {"pngload", ".png"}, {"jpegload", ".jpg"}, {"webpload", ".webp"}, {"tiffload", ".tif"}};
constexpr const char *FallbackSuffix = ".png";

// libvips 8.14 has one error buffer for the whole process, not one per thread. vips_error_buffer_copy()
// reads and clears it in one locked step, so each failure reports what accumulated since the previous one
// was taken; a failure on another worker at the same instant can still add its lines to this message.
QString takeVipsError(const char *fallback)
{
    char *raw = vips_error_buffer_copy();
    QString text = QString::fromUtf8(raw).trimmed();
    g_free(raw);
    text.replace(u'\n', u"; "_s);
    return text.isEmpty() ? QString::fromUtf8(fallback).trimmed() : text;
}

// Starts libvips once per process (a thread-safe static); the empty string when it started.
const QString &startVips()
{
    static const QString error = [] {
        if (VIPS_INIT("taskmilld") != 0)
            return takeVipsError("vips_init failed");
        // No operation cache: each task reads its file once, and a cached load would serve the old pixels
        // of a file replaced under the same name.
        vips_cache_set_max(0);
        vips_operation_block_set("VipsForeignLoad", TRUE);
        for (const char *loader : AllowedLoaders)
            vips_operation_block_set(loader, FALSE);
        return QString();
    }();
    return error;
}

// Kills the evaluation of `image` once `token` is cancelled. libvips computes pixels only inside the final
// write; with progress on, it emits "eval" on `image` every few tiles. The image actually being computed is
// the saver's own (downstream) one, progress->im: killing it makes the write fail with "killed".
class KillOnCancel final
{
public:
    KillOnCancel(const VImage &image, CancellationToken &token) : m_image(image.get_image())
    {
        vips_image_set_progress(m_image, TRUE);
        m_handler = g_signal_connect(m_image, "eval", G_CALLBACK(&KillOnCancel::onEval), &token);
    }
    ~KillOnCancel()
    {
        // The token outlives this guard, not necessarily the image's signal: disconnect before it dangles.
        g_signal_handler_disconnect(m_image, m_handler);
        vips_image_set_progress(m_image, FALSE);
    }
    KillOnCancel(const KillOnCancel &) = delete;
    KillOnCancel &operator=(const KillOnCancel &) = delete;

private:
    static void onEval(VipsImage *image, VipsProgress *progress, gpointer token)
    {
        if (!static_cast<CancellationToken *>(token)->isCancelled())
            return;
        vips_image_set_kill(image, TRUE);
        if (progress && progress->im)
            vips_image_set_kill(progress->im, TRUE);
    }

    VipsImage *m_image;
    gulong m_handler = 0;
};

// One band of uchar grey or three of uchar sRGB, with any alpha band removed into `alpha`: every operation
// below then means the same for 16-bit, CMYK or float inputs.
VImage workingImage(VImage in, std::optional<VImage> &alpha)
{
    const int colourBands = in.bands() - (in.has_alpha() ? 1 : 0);
    in = in.colourspace(colourBands < 3 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB);
    if (in.format() != VIPS_FORMAT_UCHAR)
        in = in.cast(VIPS_FORMAT_UCHAR);
    if (in.has_alpha()) {
        alpha = in[in.bands() - 1];
        in = in.extract_band(0, VImage::option()->set("n", in.bands() - 1));
    }
    return in;
}

// Builds the (lazy) pipeline; no pixel is computed here.
VImage applyOps(VImage img, const ImageOps &ops)
{
    if (ops.gamma)
        img = img.gamma(VImage::option()->set("exponent", *ops.gamma));
    if (ops.brightness || ops.contrast) {
        const double slope = (PercentScale + ops.contrast.value_or(0)) / PercentScale;
        const double offset = MidGrey * (1 - slope) + ops.brightness.value_or(0) * FullScale / PercentScale;
        img = img.linear(slope, offset, VImage::option()->set("uchar", true));
    }
    if (ops.saturation && img.bands() >= 3) {
        const double chroma = (PercentScale + *ops.saturation) / PercentScale;
        img = img.colourspace(VIPS_INTERPRETATION_LCH)
                  .linear({1.0, chroma, 1.0}, {0.0, 0.0, 0.0})
                  .colourspace(VIPS_INTERPRETATION_sRGB)
                  .cast(VIPS_FORMAT_UCHAR);
    }
    if (ops.grayscale && img.bands() >= 3)
        img = img.colourspace(VIPS_INTERPRETATION_B_W);
    if (ops.invert)
        img = img.invert();
    if (ops.blur)
        img = img.gaussblur(*ops.blur);
    if (ops.sharpen)
        img = img.sharpen(VImage::option()->set("sigma", *ops.sharpen));
    return img;
}

const char *outputSuffix(const VImage &decoded)
{
    const char *loader = nullptr;
    if (vips_image_get_string(decoded.get_image(), VIPS_META_LOADER, &loader) != 0 || !loader) {
        takeVipsError(""); // a missing field is not a failure; leave the buffer empty for the next one
        return FallbackSuffix;
    }
    for (const SameFormatOutput &f : SameFormatOutputs) {
        if (std::strncmp(loader, f.loaderPrefix, std::strlen(f.loaderPrefix)) == 0)
            return f.suffix;
    }
    return FallbackSuffix;
}

HandlerOutcome cancelledOutcome()
{
    return HandlerOutcome::cancelled(u"cancelled while processing the image"_s);
}

} // namespace

Result<ImageOutput, HandlerOutcome> processImage(int inputFd, const ImageOps &ops, const QString &outputBase,
                                                 CancellationToken &token)
{
    if (const QString &error = startVips(); !error.isEmpty())
        return HandlerOutcome::failed(u"libvips did not start: "_s + error); // the host, not the task: retry

    // Decoding the header, building the pipeline: a failure here is a property of the file or of the
    // payload, so no retry can help.
    VImage decoded;
    VImage result;
    const char *suffix = FallbackSuffix;
    try {
        // Sequential: rows are decoded top to bottom as the write pulls them, so memory stays a few rows
        // deep. fail_on=error: a damaged file fails instead of producing a partly grey image.
        decoded = VImage::new_from_source(vips::VSource::new_from_descriptor(inputFd), "",
                                          VImage::option()
                                              ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                              ->set("fail_on", VIPS_FAIL_ON_ERROR));
        if (qint64(decoded.width()) * decoded.height() > MaxImagePixels) {
            return HandlerOutcome::failed(u"the image is %1 x %2 pixels; process_image accepts at most %3 pixels"_s
                                              .arg(decoded.width())
                                              .arg(decoded.height())
                                              .arg(MaxImagePixels),
                                          true);
        }
        std::optional<VImage> alpha;
        result = applyOps(workingImage(decoded, alpha), ops);
        if (alpha)
            result = result.bandjoin(*alpha);
        suffix = outputSuffix(decoded);
    } catch (const vips::VError &e) {
        return HandlerOutcome::failed(u"cannot read the image: "_s + takeVipsError(e.what()), true);
    }
    if (token.isCancelled())
        return cancelledOutcome();

    // QSaveFile writes to an unnamed temporary file in the target's directory (O_TMPFILE; a hidden temporary
    // name where the file system lacks it) and links or renames it over the target on commit(); destroyed
    // uncommitted, it leaves nothing behind.
    QSaveFile file(outputBase + QString::fromLatin1(suffix));
    // Named without its directory: task errors reach API clients, the server's layout need not.
    const QString outputName = QFileInfo(file.fileName()).fileName();
    if (!file.open(QIODevice::WriteOnly))
        return HandlerOutcome::failed(u"cannot create %1: %2"_s.arg(outputName, file.errorString()));
    // Pixels are decoded and computed here. A failure is either a damaged file found past its header or an
    // I/O error (disk full); the latter may pass, so these are retried like any failed attempt.
    try {
        const KillOnCancel killer(result, token);
        result.write_to_target(suffix, vips::VTarget::new_to_descriptor(file.handle()));
    } catch (const vips::VError &e) {
        const QString message = takeVipsError(e.what());
        if (token.isCancelled())
            return cancelledOutcome();
        return HandlerOutcome::failed(u"cannot process the image: "_s + message);
    }
    if (token.isCancelled()) // the write finished before the kill took effect; nothing is published
        return HandlerOutcome::cancelled(u"cancelled; the finished image was discarded"_s);
    if (!file.commit())
        return HandlerOutcome::failed(u"cannot write %1: %2"_s.arg(outputName, file.errorString()));
    return ImageOutput{file.fileName(), result.width(), result.height()};
}

} // namespace taskmill
