// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// taskmilld's configuration: the input is a TOML file read through `taskmilld --config FILE` (ConfigLoader,
// toml++ and every setter), and its `key = value` lines again as `--set key=value` flags, the path where
// values arrive as plain text rather than typed TOML. A configuration that loads is then used as the
// daemon uses it: its URLs parsed (DbParams, RedisEndpoint) and its retry policies' delays computed.
// toml++ is Debian's shared library, so its parser runs uninstrumented: libFuzzer is guided by our code only.
#include "config/ConfigLoader.h"
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace taskmill;
using namespace Qt::StringLiterals;

namespace {
// One file rewritten for every input (ConfigLoader reads TOML from a path only); /dev/shm keeps it in memory.
const QString &configPath()
{
    static QTemporaryDir dir(QDir(QStringLiteral("/dev/shm")).exists() ? u"/dev/shm/tm-fuzz-config-XXXXXX"_s
                                                                      : QDir::tempPath() + u"/tm-fuzz-config-XXXXXX"_s);
    static const QString path = dir.path() + u"/taskmilld.toml"_s;
    if (!dir.isValid()) {
        std::fprintf(stderr, "fuzz_Config: no temporary directory\n");
        std::abort();
    }
    return path;
}

void use(const BackendConfig &c)
{
    if (!c.postgresUrl.isEmpty())
        (void)DbParams::fromUrl(c.postgresUrl);
    if (!c.redisUrl.isEmpty())
        (void)RedisEndpoint::fromUrl(c.redisUrl);
    QList<RetryPolicy> policies{c.defaultRetry};
    policies += c.typeRetry.values();
    for (const RetryPolicy &p : std::as_const(policies))
        for (int attempt : {1, 2, 30, 1000})
            for (double r : {0.0, 0.5, 1.0})
                (void)p.delayMs(attempt, r);
    (void)c.durabilityFor(u"email.send"_s, std::nullopt);
}

// `key = value` lines of the document as --set flags: key and value trimmed, one pair of quotes dropped.
QStringList setFlags(const QByteArray &bytes)
{
    QStringList args;
    for (const QByteArray &line : bytes.split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq <= 0 || args.size() >= 128)
            continue;
        QString value = QString::fromUtf8(line.mid(eq + 1)).trimmed();
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2);
        args << u"--set"_s << QString::fromUtf8(line.left(eq)).trimmed() + u'=' + value;
    }
    return args;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz_Config: cannot write %s\n", qPrintable(configPath()));
        std::abort();
    }
    file.close();
    if (auto cl = ConfigLoader::fromArguments({u"taskmilld"_s, u"--config"_s, configPath()}, {}))
        use(cl->config);
    if (auto cl = ConfigLoader::fromArguments(QStringList{u"taskmilld"_s} + setFlags(bytes), {}))
        use(cl->config);
    return 0;
}
