# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""Creating and reading tasks: what a producer (a web app, a script, a test) needs."""

from __future__ import annotations

import time
from typing import Any

from ._transport import Transport, quote

FINISHED = frozenset({"COMPLETED", "FAILED", "CANCELLED"})


class Client:
    """A thin synchronous client of taskmilld's task routes. Every error status raises ``ApiError`` (a payload
    failing the handler's schema: status 422, code ``validation_failed``, field ``payload``, ``details`` listing
    each violation); an unreachable server raises ``TransportError``. Thread-safe."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 30.0) -> None:
        self._transport = Transport(url, token, timeout)

    @property
    def url(self) -> str:
        return self._transport.url

    def create(self, type: str, payload: dict[str, Any] | None = None, priority: str | None = None,
               run_at: str | None = None, title: str | None = None, idempotency_key: str | None = None,
               **fields: Any) -> dict[str, Any]:
        """Creates a task and returns it (``id``, ``status``, …). ``priority`` is LOW, MEDIUM or HIGH (the handler's
        default when None); ``run_at`` an RFC 3339 time with a zone; ``fields`` any other field of
        ``POST /api/v1/tasks`` (``description``, ``max_attempts``, ``retry_policy``, …).

        ``idempotency_key`` (1..255 visible ASCII characters: an order number, a UUID) makes the call safe to
        repeat after a TransportError or a 503: the same key and arguments answer the task the first call made
        instead of creating another; the same key with other arguments raises ApiError 422 (field
        ``Idempotency-Key``). Keys belong to the caller and expire after a day (server setting)."""
        body: dict[str, Any] = {"type": type, "payload": payload if payload is not None else {}}
        for key, value in (("priority", priority), ("run_at", run_at), ("title", title)):
            if value is not None:
                body[key] = value
        body.update(fields)
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return self._transport.request("POST", "/tasks", body, extra_headers=headers)

    def get(self, id: str) -> dict[str, Any]:
        """The task with every field (``status``, ``result``, ``error``, ``attempts``, …); ApiError 404 if unknown."""
        return self._transport.request("GET", f"/tasks/{quote(id)}")

    def wait(self, id: str, timeout: float = 30.0, poll_s: float = 0.2) -> dict[str, Any]:
        """Polls until the task is COMPLETED, FAILED or CANCELLED and returns it; raises TimeoutError with the
        last status seen when ``timeout`` seconds pass first."""
        deadline = time.monotonic() + timeout
        while True:
            task = self.get(id)
            if task.get("status") in FINISHED:
                return task
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"task {id} still {task.get('status')} after {timeout} s")
            time.sleep(min(poll_s, remaining))
