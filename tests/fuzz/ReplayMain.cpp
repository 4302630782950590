// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Stands in for libFuzzer's main in builds without it (gcc, every scripts/test): runs LLVMFuzzerTestOneInput
// once on each file named, or on every file under each directory named, so the committed corpus is a
// regression test everywhere. Plain C++, no Qt: a harness that needs a QCoreApplication makes its own.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {
int replay(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
        return 1;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    int failures = 0;
    int inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        if (std::filesystem::is_directory(arg)) {
            // Sorted, so a failure names the same input on every run.
            std::vector<std::filesystem::path> files;
            for (const auto &entry : std::filesystem::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            for (const auto &f : files) {
                failures += replay(f);
                ++inputs;
            }
        } else {
            failures += replay(arg);
            ++inputs;
        }
    }
    std::printf("replay: %d inputs, %d unreadable\n", inputs, failures);
    if (inputs == 0) {
        std::fprintf(stderr, "replay: no inputs (give files or directories)\n");
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
