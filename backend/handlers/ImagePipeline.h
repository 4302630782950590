// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/HandlerOutcome.h"
#include "wire/Result.h"

#include <QString>

#include <optional>

namespace taskmill {

// The operations of one process_image task. processImage() applies them in the order of the members:
// gamma, brightness and contrast (one linear map), saturation, grayscale, invert, blur, sharpen.
// Unset members are skipped. Ranges are those of the payload schema (ImageHandler.cpp).
struct ImageOps
{
    std::optional<double> gamma;      // > 0: out = 255 * (in / 255)^(1 / gamma); above 1 brightens mid-tones
    std::optional<double> brightness; // -100..100: percent of full scale added to every channel
    std::optional<double> contrast;   // -100..100: percent change of the slope around mid-grey (-100: flat grey)
    std::optional<double> saturation; // -100..100: percent change of LCh chroma (-100: grey); no-op on grey images
    bool grayscale = false;
    bool invert = false;
    std::optional<double> blur;    // Gaussian sigma, pixels
    std::optional<double> sharpen; // sigma of libvips' unsharp mask (on L* of LabS), pixels
};

// What processImage() wrote.
struct ImageOutput
{
    QString path; // absolute: outputBase + the suffix of the format written
    int width = 0;
    int height = 0;
};

// Most pixels process_image accepts in an input: a larger header is refused before any pixel is decoded
// (a small compressed file can claim gigapixels).
inline constexpr qint64 MaxImagePixels = 268'402'689; // 16383 x 16383, the JPEG and WebP limit

// Decodes the image open on `inputFd` (a regular file; not closed), applies `ops` and writes the result to
// `outputBase` + ".png", ".jpg", ".webp" or ".tif": the input's own format when it is one of those, else PNG.
// The file appears atomically, complete (QSaveFile); a failed or cancelled run leaves nothing. Decoding happens during the write (libvips is lazy); a cancelled `token`
// stops it within a few tiles. The error is a ready HandlerOutcome: Failed (permanent for inputs no retry
// can read) or Cancelled. Thread-safe: any number of workers may call it at once.
Result<ImageOutput, HandlerOutcome> processImage(int inputFd, const ImageOps &ops, const QString &outputBase,
                                                 CancellationToken &token);

} // namespace taskmill
