// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "UiProbe.h"

#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QMetaEnum>
#include <QThread>
#include <QWidget>

#include <algorithm>
#include <chrono>
#include <ctime>

using namespace Qt::StringLiterals;

namespace taskmill::uibench {

double nowMs()
{
    using namespace std::chrono;
    return double(duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count()) / 1000.0;
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

namespace {
double statusField(const QByteArray &key)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}
} // namespace

double rssMiB() { return statusField("VmRSS:"); }
double hwmMiB() { return statusField("VmHWM:"); }

BenchApplication::BenchApplication(int &argc, char **argv) : QApplication(argc, argv) {}

void BenchApplication::setRecording(bool on)
{
    m_recording = on;
    if (on) {
        m_slowest.clear();
        m_totals.clear();
        m_deliveries = 0;
    }
}

bool BenchApplication::notify(QObject *receiver, QEvent *event)
{
    if (!m_recording || m_depth > 0 || QThread::currentThread() != thread())
        return QApplication::notify(receiver, event);
    ++m_depth;
    const double t0 = nowMs();
    const double c0 = threadCpuMs();
    // Named before delivery: a DeferredDelete destroys the receiver.
    const QString what = QString::fromLatin1(receiver->metaObject()->className()) + u' '
        + QString::fromLatin1(QMetaEnum::fromType<QEvent::Type>().valueToKey(event->type()));
    const QString name = receiver->objectName();
    const bool result = QApplication::notify(receiver, event);
    const double ms = nowMs() - t0;
    const double cpu = threadCpuMs() - c0;
    --m_depth;
    ++m_deliveries;
    m_totals[what] += ms;
    if (m_slowest.size() < 12 || ms > m_slowest.last().ms) {
        m_slowest.append({ms, cpu, name.isEmpty() ? what : what + u" ("_s + name + u')', t0});
        std::sort(m_slowest.begin(), m_slowest.end(), [](const Slow &a, const Slow &b) { return a.ms > b.ms; });
        if (m_slowest.size() > 12)
            m_slowest.removeLast();
    }
    return result;
}

QList<QPair<QString, double>> BenchApplication::totals() const
{
    QList<QPair<QString, double>> out;
    for (auto it = m_totals.cbegin(); it != m_totals.cend(); ++it)
        out.append({it.key(), it.value()});
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    return out;
}

PaintWatcher::PaintWatcher(QWidget *viewport) : m_viewport(viewport)
{
    m_viewport->installEventFilter(this);
}

PaintWatcher::~PaintWatcher()
{
    m_viewport->removeEventFilter(this);
}

void PaintWatcher::arm(std::function<bool()> ready, std::function<void(double)> done)
{
    m_ready = std::move(ready);
    m_done = std::move(done);
}

void PaintWatcher::disarm()
{
    m_ready = nullptr;
    m_done = nullptr;
}

bool PaintWatcher::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_viewport && event->type() == QEvent::Paint) {
        ++m_paints;
        if (m_ready && m_ready()) {
            auto done = std::exchange(m_done, nullptr);
            m_ready = nullptr;
            QTimer::singleShot(0, this, [done] { done(nowMs()); });
        }
    }
    return false;
}

Heartbeat::Heartbeat()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const double now = nowMs();
        const double cpu = threadCpuMs();
        const double gap = now - m_last;
        m_gaps.append(gap);
        m_gapCpu.append(cpu - m_lastCpu);
        m_lastCpu = cpu;
        if (gap > m_worst) {
            m_worst = gap;
            m_worstAt = m_last;
        }
        m_last = now;
    });
}

void Heartbeat::start()
{
    m_gaps.clear();
    m_gapCpu.clear();
    m_gaps.reserve(40000);
    m_gapCpu.reserve(40000);
    m_worst = m_worstAt = 0;
    m_last = nowMs();
    m_lastCpu = threadCpuMs();
    m_timer.start();
}

void Heartbeat::stop()
{
    m_timer.stop();
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() >= timeoutMs)
            loop.quit();
    });
    poll.start(2);
    if (!done())
        loop.exec();
    return done();
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace taskmill::uibench
