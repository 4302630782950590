# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""A worker process: leases tasks of the types it handles, runs them in a thread pool, keeps their leases alive
and reports each outcome (docs/workers.md)."""

from __future__ import annotations

import json
import logging
import math
import os
import queue
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from ._registration import HandlerSpec, register
from ._transport import Abort, Transport, quote
from .backoff import Backoff
from .errors import ApiError, PermanentError, TransportError
from .task import Task

log = logging.getLogger("taskmill.worker")

# How long a progress report may wait for the next heartbeat: often enough for a live progress bar, rarely
# enough that a handler reporting in a tight loop costs at most one request a second.
PROGRESS_INTERVAL_S = 1.0
# The main loop and the shutdown poll flags at this pace: a signal handler only bumps a counter (it must not
# take a lock the interrupted code may hold), so this bounds how late a SIGTERM is noticed.
POLL_S = 0.1
# After the grace period and the releases, a result still being reported gets this long before it is given up.
REPORT_TAIL_S = 5.0
# The server refuses longer texts (422); cutting them keeps the report, which matters more than its tail.
ERROR_MAX = 10_000
MESSAGE_MAX = 1_000


@dataclass(eq=False)
class _Slot:
    """A leased task from lease to its reported outcome. ``state``: running (handler busy), reporting (sending
    complete/fail), released (given back at shutdown), lost (the server took it back)."""

    task: Task
    next_heartbeat: float
    state: str = "running"
    progress: tuple[float, str | None] | None = None
    progress_sent_at: float = 0.0
    done: threading.Event = field(default_factory=threading.Event)


class _LeaseCall:
    """One lease long poll on its own thread, so the main loop notices a stop at once and can abort it."""

    def __init__(self, transport: Transport, body: dict[str, Any], timeout: float) -> None:
        self.abort = Abort()
        self.done = threading.Event()
        self.items: list[dict[str, Any]] = []
        self.error: Exception | None = None
        threading.Thread(target=self._run, args=(transport, body, timeout), name="taskmill-lease",
                         daemon=True).start()

    def _run(self, transport: Transport, body: dict[str, Any], timeout: float) -> None:
        try:
            answer = transport.request("POST", "/workers/lease", body, timeout=timeout, abort=self.abort)
            self.items = list((answer or {}).get("items") or [])
        except Exception as exc:  # handed to the main loop, which logs and decides
            self.error = exc
        finally:
            self.done.set()


class Worker:
    """Serves the handlers registered with ``@worker.handler`` until ``stop()`` or SIGTERM/SIGINT.

    ``lease_ms`` (1000–3600000) is how long the server waits for a heartbeat before it offers the task to another
    worker (the worker heartbeats every lease_ms/3); ``wait_ms`` (0–60000) how long one lease request waits for
    work. ``token`` is sent as ``Authorization: Bearer``."""

    def __init__(self, url: str, name: str | None = None, token: str | None = None, lease_ms: int = 30000,
                 wait_ms: int = 20000) -> None:
        if not 1000 <= lease_ms <= 3_600_000:
            raise ValueError("taskmill: lease_ms must be within 1000..3600000")
        if not 0 <= wait_ms <= 60_000:
            raise ValueError("taskmill: wait_ms must be within 0..60000")
        self._transport: Any = Transport(url, token)
        self._token = token
        self.name = name or f"{socket.gethostname()}-{os.getpid()}"
        self.lease_ms = lease_ms
        self.wait_ms = wait_ms
        self._handlers: dict[str, HandlerSpec] = {}
        self._cond = threading.Condition()
        self._slots: dict[str, _Slot] = {}
        self._stop = threading.Event()
        self._hard_stop = threading.Event()
        self._abandon = threading.Event()
        self._signals = 0
        self._hb_wake = threading.Event()

    def use_grpc(self, target: str, tls: bool = False, root_certificates: bytes | None = None) -> "Worker":
        """Talks to taskmilld's gRPC API at ``target`` (``host:port``, the server's grpc.listen) instead of REST:
        one WorkerService.Work stream carries the tasks (pushed as they become ready, no polling), heartbeats and
        results; handler registration uses HandlerService. Same rules, same handlers. ``tls`` checks the server
        against the system's roots or ``root_certificates`` (PEM). Needs ``python3-grpcio`` and
        ``python3-protobuf`` (ImportError otherwise). Call before ``run()``."""
        from ._grpc import GrpcTransport  # only now: the SDK itself needs nothing beyond the standard library
        self._transport = GrpcTransport(target, self._token, tls, root_certificates)
        return self

    # ---- declaring handlers -------------------------------------------------------------------------------

    def handler(self, name: str, schema: dict[str, Any] | None = None, description: str = "",
                **defaults: Any) -> Callable[[Callable[[Task], Any]], Callable[[Task], Any]]:
        """Registers the decorated ``fn(task) -> result`` for tasks of type ``name``. ``schema`` (JSON Schema) and
        ``description`` are written to the server's registry on ``run()`` when they differ; ``defaults``
        (default_priority, max_attempts, retry_policy, timeout_ms, concurrency) only when the handler is new."""
        def decorate(fn: Callable[[Task], Any]) -> Callable[[Task], Any]:
            if name in self._handlers:
                raise ValueError(f"taskmill: a handler named {name!r} is already registered")
            self._handlers[name] = HandlerSpec(name, fn, schema, description, dict(defaults))
            return fn
        return decorate

    # ---- running ------------------------------------------------------------------------------------------

    def stop(self) -> None:
        """Stops leasing; running tasks get the grace period, then are released. Thread-safe; returns at once."""
        self._stop.set()

    def run(self, concurrency: int = 4, grace_s: float = 10.0) -> None:
        """Registers the handlers, then leases and runs tasks until stopped. Installs SIGTERM/SIGINT handlers when
        called on the main thread (a second signal skips the rest of the grace period). Raises ApiError when
        the server refuses the worker for good (bad token, invalid schema), ValueError for a built-in name."""
        if not self._handlers:
            raise ValueError("taskmill: no handlers; decorate a function with @worker.handler(name) first")
        if not 1 <= concurrency <= 1000:
            raise ValueError("taskmill: concurrency must be within 1..1000")
        self._stop.clear(), self._hard_stop.clear(), self._abandon.clear()
        self._signals = 0
        restore = self._install_signals()
        threads: list[threading.Thread] = []
        jobs: queue.SimpleQueue[Task | None] = queue.SimpleQueue()
        if hasattr(self._transport, "set_capacity"):
            self._transport.set_capacity(concurrency)  # a stream announces it once, in its Hello
        try:
            if not self._register_all():
                return
            # Daemon threads: a handler stuck past the grace period has had its task released and must not keep
            # the process alive.
            for i in range(concurrency):
                threads.append(threading.Thread(target=self._pool_thread, args=(jobs,), name=f"taskmill-run-{i}",
                                                daemon=True))
            threads.append(threading.Thread(target=self._heartbeat_thread, name="taskmill-heartbeat", daemon=True))
            for thread in threads:
                thread.start()
            log.info("worker %s serving %s at %s (concurrency %d, lease %d ms)", self.name,
                     ", ".join(self._handlers), self._transport.url, concurrency, self.lease_ms)
            inflight = self._lease_loop(concurrency, jobs)
            if hasattr(self._transport, "drain"):
                self._transport.drain()  # a stream stops pushing tasks: the grace period is for running ones
            self._shutdown(grace_s, inflight)
        finally:
            if threads and not self._abandon.is_set():
                # run() is leaving on an error: hand back what is running instead of letting leases expire.
                self._stop.set()
                self._shutdown(0.0, None)
            self._stop.set()
            self._hb_wake.set()
            for _ in range(concurrency):
                jobs.put(None)
            if hasattr(self._transport, "close"):
                self._transport.close()  # a stream drains, gives back what nobody took, and ends
            restore()
        log.info("worker %s stopped", self.name)

    def _stopping(self) -> bool:
        if self._signals and not self._stop.is_set():
            log.info("signal received: stopping (a second one skips the grace period)")
            self._stop.set()
        if self._signals > 1 and not self._hard_stop.is_set():
            log.warning("second signal: releasing running tasks now")
            self._hard_stop.set()
        return self._stop.is_set()

    def _install_signals(self) -> Callable[[], None]:
        if threading.current_thread() is not threading.main_thread():
            return lambda: None

        def on_signal(signum: int, frame: Any) -> None:
            self._signals += 1

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}

        def restore() -> None:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return restore

    def _sleep(self, seconds: float) -> None:
        """Sleeps, waking early when the worker stops."""
        deadline = time.monotonic() + seconds
        while not self._stopping():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            self._stop.wait(min(POLL_S, remaining))

    def _register_all(self) -> bool:
        """Registers every handler, retrying while the server is unreachable; False when stopped first."""
        backoff = Backoff()
        for spec in self._handlers.values():
            while True:
                if self._stopping():
                    return False
                try:
                    register(self._transport, spec)
                    break
                except (TransportError, ApiError) as exc:
                    if isinstance(exc, ApiError) and not _transient(exc):
                        raise
                    delay = backoff.next()
                    log.warning("cannot register handler %s (%s); retrying in %.1f s", spec.name, exc, delay)
                    self._sleep(delay)
            backoff.reset()
        return True

    def _lease_loop(self, concurrency: int, jobs: queue.SimpleQueue[Task | None]) -> _LeaseCall | None:
        """Leases while there are free slots; returns a lease still in flight when the stop came."""
        backoff = Backoff()
        while not self._stopping():
            with self._cond:
                while len(self._slots) >= concurrency and not self._stopping():
                    self._cond.wait(POLL_S)
                free = concurrency - len(self._slots)
            if self._stopping():
                return None
            body = {"worker": self.name, "types": list(self._handlers), "max": min(free, 100),
                    "wait_ms": self.wait_ms, "lease_ms": self.lease_ms}
            # The HTTP timeout covers the long poll plus a slow answer; a dead connection then counts as an error.
            call = _LeaseCall(self._transport, body, self.wait_ms / 1000 + 15)
            while not call.done.wait(POLL_S):
                if self._stopping():
                    return call
            if call.error is not None:
                if isinstance(call.error, ApiError) and not _transient(call.error):
                    if call.error.status == 422 and call.error.field == "types":
                        # A handler deleted from the registry while we run: put it back, then lease again.
                        log.error("server refused the lease types (%s); registering the handlers again", call.error)
                        if not self._register_all():
                            return None
                        continue
                    raise call.error
                delay = backoff.next()
                log.warning("lease failed (%s); retrying in %.1f s (failure %d)", call.error, delay,
                            backoff.failures)
                self._sleep(delay)
                continue
            if backoff.failures:
                log.info("connected to %s again", self._transport.url)
            backoff.reset()
            self._accept(call.items, jobs)
        return None

    def _accept(self, items: list[dict[str, Any]], jobs: queue.SimpleQueue[Task | None] | None) -> None:
        """Queues leased tasks, or releases them at once when the worker is stopping (``jobs`` None)."""
        for item in items:
            try:
                task = Task.from_item(item)
            except (KeyError, TypeError, ValueError) as exc:
                # Without a usable lease and id nothing can be reported; the lease expires and the server
                # offers the task again.
                log.error("lease answer item is malformed (%s): %r", exc, item)
                continue
            if jobs is None or self._stop.is_set():
                self._release(task)
                continue
            task._report = self._on_progress
            with self._cond:
                self._slots[task.lease] = _Slot(task, time.monotonic() + self._heartbeat_interval())
            log.info("task %s (%s) attempt %d leased", task.id, task.type, task.attempt)
            jobs.put(task)

    def _heartbeat_interval(self) -> float:
        return self.lease_ms / 3000

    # ---- running one task ---------------------------------------------------------------------------------

    def _pool_thread(self, jobs: queue.SimpleQueue[Task | None]) -> None:
        while (task := jobs.get()) is not None:
            self._execute(task)

    def _execute(self, task: Task) -> None:
        spec = self._handlers.get(task.type)
        outcome: tuple[str, Any, bool]
        try:
            if spec is None:  # the server offers only the types we asked for; this guards the report anyway
                raise PermanentError(f"worker {self.name} has no handler for type {task.type!r}")
            result = spec.fn(task)
        except PermanentError as exc:
            log.warning("task %s (%s) attempt %d failed permanently: %s", task.id, task.type, task.attempt, exc)
            outcome = ("fail", str(exc) or type(exc).__name__, False)
        except BaseException as exc:  # SystemExit in a handler thread too: the attempt failed, report it
            if task.lease_lost:
                # Most likely the handler gave up because it saw lease_lost; the outcome is dropped anyway.
                log.warning("task %s (%s) attempt %d ended after its lease was lost: %s", task.id, task.type,
                            task.attempt, exc)
            else:
                log.exception("task %s (%s) attempt %d failed", task.id, task.type, task.attempt)
            outcome = ("fail", str(exc) or type(exc).__name__, True)
        else:
            try:
                json.dumps(result)  # checked here so that a bad result fails the attempt, not the report
                outcome = ("complete", result, False)
            except (TypeError, ValueError) as exc:
                # The same handler would return the same kind of value again: retrying cannot help.
                log.error("task %s (%s): result is not JSON-serialisable: %s", task.id, task.type, exc)
                outcome = ("fail", f"result is not JSON-serialisable: {exc}", False)
        self._report(task, outcome)

    def _report(self, task: Task, outcome: tuple[str, Any, bool]) -> None:
        with self._cond:
            slot = self._slots.get(task.lease)
            if slot is None or slot.state != "running":
                state = slot.state if slot else "released"
                log.warning("task %s (%s) finished after its lease was %s; outcome dropped (another attempt owns "
                            "it)", task.id, task.type, state)
                self._finish(task)
                return
            slot.state = "reporting"
        kind, value, retry = outcome
        backoff = Backoff(initial=0.2, cap=5.0)
        try:
            while True:
                try:
                    if kind == "complete":
                        self._transport.request("POST", f"/leases/{quote(task.lease)}/complete", {"result": value})
                        log.info("task %s (%s) attempt %d completed", task.id, task.type, task.attempt)
                    else:
                        answer = self._transport.request("POST", f"/leases/{quote(task.lease)}/fail",
                                                         {"error": value[:ERROR_MAX], "retry": retry}) or {}
                        log.info("task %s (%s) attempt %d failed: %s%s", task.id, task.type, task.attempt,
                                 answer.get("status"), " (dead-lettered)" if answer.get("dead_lettered") else "")
                    return
                except ApiError as exc:
                    if exc.lease_lost:
                        log.warning("task %s (%s): lease lost before the %s was recorded (expired or "
                                    "reclaimed); outcome dropped", task.id, task.type, kind)
                        return
                    if not _transient(exc):
                        if kind == "complete":
                            # The server refused the result itself (too large, …): fail the attempt for good
                            # rather than let the lease expire and run the same handler again.
                            log.error("task %s (%s): result refused (%s); failing the attempt", task.id,
                                      task.type, exc)
                            kind, value, retry = "fail", f"result refused by the server: {exc.message}", False
                            continue
                        log.error("task %s (%s): fail refused (%s); the lease will expire and the server will "
                                  "retry", task.id, task.type, exc)
                        return
                    error: Exception = exc
                except TransportError as exc:
                    error = exc
                if self._abandon.is_set():
                    log.error("task %s (%s): %s not reported before exit (%s); the lease will expire", task.id,
                              task.type, kind, error)
                    return
                delay = backoff.next()
                # The heartbeat thread keeps the lease alive meanwhile; if it cannot either, the lease expires and
                # the next try answers lease_lost.
                log.warning("task %s (%s): cannot report %s (%s); retrying in %.1f s", task.id, task.type, kind,
                            error, delay)
                self._abandon.wait(delay)
        finally:
            self._finish(task)

    def _finish(self, task: Task) -> None:
        with self._cond:
            slot = self._slots.pop(task.lease, None)
            if slot is not None:
                slot.done.set()
            self._cond.notify_all()

    def _release(self, task: Task) -> None:
        try:
            self._transport.request("POST", f"/leases/{quote(task.lease)}/release")
            log.info("task %s (%s) released: offered to another worker", task.id, task.type)
        except ApiError as exc:
            if exc.lease_lost:
                log.warning("task %s (%s): lease already lost at release", task.id, task.type)
            else:
                log.error("task %s (%s): release refused (%s); the lease will expire", task.id, task.type, exc)
        except TransportError as exc:
            log.error("task %s (%s): cannot release (%s); the lease will expire and the server will offer it "
                      "again", task.id, task.type, exc)

    # ---- heartbeats ---------------------------------------------------------------------------------------

    def _on_progress(self, task: Task, percent: float, message: str | None) -> None:
        """Task.progress(): kept for the next heartbeat, which comes at once when the last report is old."""
        with self._cond:
            slot = self._slots.get(task.lease)
            if slot is None:
                return
            slot.progress = (percent, message)
            urgent = time.monotonic() - slot.progress_sent_at >= PROGRESS_INTERVAL_S
        if urgent:
            self._hb_wake.set()

    def _heartbeat_thread(self) -> None:
        # Runs until run() returns (not merely until stop): leases of tasks in their grace period need it.
        while not (self._stop.is_set() and self._abandon.is_set()):
            now = time.monotonic()
            with self._cond:
                # A reporting slot is extended only when due (its report may be retried for a while); progress
                # then is moot, and a heartbeat racing the complete would only answer lease_lost.
                due = [slot for slot in self._slots.values()
                       if (slot.state in ("running", "reporting") and slot.next_heartbeat <= now)
                       or (slot.state == "running" and slot.progress is not None
                           and now - slot.progress_sent_at >= PROGRESS_INTERVAL_S)]
            for slot in due:
                self._heartbeat(slot)
            self._hb_wake.wait(POLL_S)
            self._hb_wake.clear()

    def _heartbeat(self, slot: _Slot) -> None:
        task = slot.task
        with self._cond:
            progress = slot.progress
        body = None
        if progress is not None:
            body = {"progress": round(progress[0])}  # the server takes whole percents
            if progress[1] is not None:
                body["message"] = progress[1][:MESSAGE_MAX]
        now = time.monotonic()
        try:
            answer = self._transport.request("POST", f"/leases/{quote(task.lease)}/heartbeat", body) or {}
        except ApiError as exc:
            if exc.lease_lost:
                with self._cond:
                    slot.next_heartbeat = math.inf  # nothing left to extend
                    slot.progress = None
                    state = slot.state
                    if state == "running":
                        slot.state = "lost"
                if state == "running":
                    log.warning("task %s (%s) attempt %d: lease lost (expired or reclaimed); its outcome will be "
                                "dropped", task.id, task.type, task.attempt)
                    task._lost.set()
                # Otherwise the outcome is being reported: that report says whether it landed.
                return
            log.error("task %s (%s): heartbeat refused (%s)", task.id, task.type, exc)
            with self._cond:
                slot.progress = None  # a refused progress value would be refused again
                slot.next_heartbeat = now + self._heartbeat_interval()
            return
        except TransportError as exc:
            # Two more tries fit in the lease before it expires.
            log.warning("task %s (%s): heartbeat failed (%s)", task.id, task.type, exc)
            with self._cond:
                slot.next_heartbeat = now + min(1.0, self._heartbeat_interval())
            return
        task.lease_expires_at = answer.get("lease_expires_at", task.lease_expires_at)
        with self._cond:
            slot.next_heartbeat = now + self._heartbeat_interval()
            if progress is not None:
                slot.progress_sent_at = now
                if slot.progress == progress:
                    slot.progress = None

    # ---- stopping -----------------------------------------------------------------------------------------

    def _shutdown(self, grace_s: float, inflight: _LeaseCall | None) -> None:
        """Gives running tasks ``grace_s`` to finish, releases the rest and whatever a late lease brought. A poll
        in flight is waited for too (an idle worker exits when it returns, within wait_ms), and closed only when
        the grace period runs out."""
        deadline = time.monotonic() + grace_s
        with self._cond:
            running = len(self._slots)
        log.info("stopping: %d task(s) running, up to %.1f s to finish", running, grace_s)
        while time.monotonic() < deadline:
            if self._stopping() and self._hard_stop.is_set():
                break
            if inflight is not None and inflight.done.is_set():
                self._settle(inflight)
                inflight = None
            with self._cond:
                busy = bool(self._slots)
            if not busy and inflight is None:
                break
            time.sleep(POLL_S)
        if inflight is not None:
            # The server may be holding tasks for this poll: closing the connection makes it answer nobody, and
            # what it leased anyway comes back after lease_ms (an attempt is used: we cannot release what we
            # never received).
            inflight.abort.abort()
            if inflight.done.wait(2.0):
                self._settle(inflight)
            else:
                log.warning("the last lease poll did not end after its connection was closed")
        with self._cond:
            to_release = [slot for slot in self._slots.values() if slot.state == "running"]
            for slot in to_release:
                slot.state = "released"
                slot.task._lost.set()  # tells a handler that checks lease_lost to give up
        for slot in to_release:
            log.warning("task %s (%s) still running after the grace period", slot.task.id, slot.task.type)
            self._release(slot.task)
            self._finish(slot.task)
        with self._cond:
            reporting = [slot for slot in self._slots.values() if slot.state == "reporting"]
        tail = time.monotonic() + REPORT_TAIL_S
        for slot in reporting:
            slot.done.wait(max(0.0, tail - time.monotonic()))
        self._abandon.set()
        self._hb_wake.set()

    def _settle(self, call: _LeaseCall) -> None:
        """Releases what a lease poll that ended after the stop brought."""
        if call.error is not None:
            log.info("last lease poll ended without tasks: %s", call.error)
        self._accept(call.items, None)


def _transient(exc: ApiError) -> bool:
    """Server-side trouble worth retrying (overload, restart, a proxy's 502); a 4xx means the request is wrong."""
    return exc.status >= 500 or exc.status == 429 or exc.code.startswith("http_")
