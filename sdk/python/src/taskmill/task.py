# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""What a handler function receives: one leased attempt of a task."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(eq=False)
class Task:
    """One attempt of a task, as the lease delivered it. ``attempt`` counts from 1 and includes attempts that
    failed or whose worker vanished; delivery is at least once, so the same task may arrive again (a lost
    lease, a crash before complete) and handlers must be idempotent.

    ``progress()`` reports progress; ``lease_lost`` turns true once the server has given the task to someone
    else (a long handler may check it and stop early: its result would be refused)."""

    id: str
    type: str
    payload: dict[str, Any]
    attempt: int
    priority: str
    title: str = ""
    trace_id: str | None = None
    span_id: str | None = None
    lease_expires_at: str | None = None
    lease: str = field(default="", repr=False)
    _lost: threading.Event = field(default_factory=threading.Event, repr=False)
    _report: Callable[["Task", float, str | None], None] | None = field(default=None, repr=False)

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> "Task":
        """Builds a task from one ``items`` entry of a lease answer."""
        return cls(id=str(item["id"]), type=str(item["type"]), payload=item.get("payload") or {},
                   attempt=int(item.get("attempt") or 1), priority=str(item.get("priority") or "MEDIUM"),
                   title=str(item.get("title") or ""), trace_id=item.get("trace_id"), span_id=item.get("span_id"),
                   lease_expires_at=item.get("lease_expires_at"), lease=str(item["lease"]))

    def progress(self, percent: float, message: str | None = None) -> None:
        """Reports ``percent`` (0–100) and an optional message; sent with the next heartbeat, or at once when the
        last progress report is more than a second old. Safe to call from any thread, as often as you like."""
        if not 0 <= percent <= 100:
            raise ValueError(f"progress must be within 0..100, not {percent}")
        if self._report is not None:
            self._report(self, float(percent), message)

    @property
    def lease_lost(self) -> bool:
        return self._lost.is_set()
