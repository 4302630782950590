// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace taskmill::uibench {

// Milliseconds on one monotonic clock, shared by every probe.
double nowMs();
// CPU time this thread has used, in milliseconds: a wall-clock gap with little CPU in it was the
// scheduler's (a loaded machine), not the app's work.
double threadCpuMs();

// VmRSS / VmHWM of this process in MiB, from /proc/self/status.
double rssMiB();
double hwmMiB();

// QApplication that times every top-level event delivery on the GUI thread while recording: the longest
// ones (receiver class/name, event type) and the total per (class, event type). This is how a UI-thread
// stall is attributed to what ran, not guessed.
class BenchApplication final : public QApplication
{
public:
    BenchApplication(int &argc, char **argv);

    struct Slow
    {
        double ms;
        double cpuMs;
        QString what;
        double atMs;
    };

    bool notify(QObject *receiver, QEvent *event) override;
    void setRecording(bool on);
    QList<Slow> slowest() const { return m_slowest; } // longest first, at most 12
    QList<QPair<QString, double>> totals() const;     // ms per "Class EventType", largest first
    qint64 deliveries() const { return m_deliveries; }

private:
    bool m_recording = false;
    int m_depth = 0;
    qint64 m_deliveries = 0;
    QList<Slow> m_slowest;
    QHash<QString, double> m_totals;
};

// Watches a table viewport's paint events. `armPaintAfter(flag)` reports (through the callback) the time
// the first paint event delivered after `flag()` turned true has finished: a zero timer posted from the
// paint event fires once that paint and the frame it belongs to are done.
class PaintWatcher final : public QObject
{
public:
    explicit PaintWatcher(QWidget *viewport);
    ~PaintWatcher() override;
    Q_DISABLE_COPY_MOVE(PaintWatcher)

    void arm(std::function<bool()> ready, std::function<void(double paintedMs)> done);
    void disarm();
    qint64 paints() const { return m_paints; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_viewport;
    qint64 m_paints = 0;
    std::function<bool()> m_ready;
    std::function<void(double)> m_done;
};

// A 1 ms precise timer on the GUI thread; the gaps between its ticks are how long the thread was busy.
class Heartbeat final : public QObject
{
public:
    Heartbeat();
    void start();
    void stop();
    const QList<double> &gaps() const { return m_gaps; }
    // CPU time the GUI thread used within each gap (same order as gaps()).
    const QList<double> &gapCpu() const { return m_gapCpu; }
    double worstAtMs() const { return m_worstAt; }

private:
    QTimer m_timer;
    double m_last = 0;
    double m_lastCpu = 0;
    double m_worst = 0;
    double m_worstAt = 0;
    QList<double> m_gaps;
    QList<double> m_gapCpu;
};

// Runs the event loop until `done()` or `timeoutMs`; true when done.
bool waitUntil(const std::function<bool()> &done, int timeoutMs);
// Runs the event loop for `ms`.
void spin(int ms);

} // namespace taskmill::uibench
