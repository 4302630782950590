# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""Capped, jittered exponential backoff for reconnecting to the server."""

from __future__ import annotations

import random


class Backoff:
    """Delays ``initial · factor^n`` capped at ``cap`` seconds, minus a random fraction up to ``jitter`` (the
    server's retry rule, docs/semantics.md): many workers that lost the same server do not return in lockstep.
    ``reset()`` after a success starts again from ``initial``. Not thread-safe; one per loop."""

    def __init__(self, initial: float = 0.5, cap: float = 30.0, factor: float = 2.0, jitter: float = 0.2,
                 rng: random.Random | None = None) -> None:
        if initial <= 0 or cap < initial or factor < 1 or not 0 <= jitter < 1:
            raise ValueError("backoff: need 0 < initial <= cap, factor >= 1, 0 <= jitter < 1")
        self.initial, self.cap, self.factor, self.jitter = initial, cap, factor, jitter
        self._rng = rng or random.Random()
        self._failures = 0

    @property
    def failures(self) -> int:
        """Consecutive failures since the last reset."""
        return self._failures

    def next(self) -> float:
        """The delay before the next try, in seconds; counts one more failure."""
        # The exponent stops growing once the cap is reached, so a long outage cannot overflow the float.
        raw = self.initial
        for _ in range(self._failures):
            raw *= self.factor
            if raw >= self.cap:
                break
        self._failures += 1
        return min(raw, self.cap) * (1.0 - self.jitter * self._rng.random())

    def reset(self) -> None:
        self._failures = 0
