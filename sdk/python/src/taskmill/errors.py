# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""The exceptions the SDK raises and the one a handler raises to give up on a task."""

from __future__ import annotations

import json
from typing import Any


class PermanentError(Exception):
    """Raised by a handler when retrying cannot help (a payload it can never process): the attempt fails with
    ``retry: false`` and the task goes straight to the dead-letter queue. Any other exception fails the attempt
    with ``retry: true``; the server then retries while attempts are left."""


class TransportError(ConnectionError):
    """The server could not be reached or the connection broke before an answer arrived. Whether a write took
    effect is unknown; the worker retries with backoff, a Client caller decides for itself."""


class ApiError(Exception):
    """The server answered with an error status. ``code`` is the server's error code (``validation_failed``,
    ``not_found``, ``conflict``, ``lease_lost``, …), ``field`` the offending request field when it named one, and
    ``details`` the list of ``{"path", "message"}`` a failed schema check reports (empty otherwise)."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None,
                 details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}" + (f" (field {field})" if field else ""))
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.details = details or []

    @property
    def lease_lost(self) -> bool:
        """True when the lease expired or was reclaimed: the server wrote nothing, and the task is someone
        else's now. Never retry a complete or fail after this."""
        return self.status == 409 and self.code == "lease_lost"

    @classmethod
    def from_response(cls, status: int, body: bytes) -> "ApiError":
        """Builds the error from a response body ``{"error": {"code", "message", "field"?, "details"?}}``. A body
        that is not in that shape (a proxy's HTML page, an empty 502) still gives an ApiError, with code
        ``http_<status>`` and the start of the body as its message, so no failure goes unreported."""
        try:
            error = json.loads(body.decode("utf-8")).get("error")
        except (UnicodeDecodeError, ValueError, AttributeError):
            error = None
        if not isinstance(error, dict) or not isinstance(error.get("code"), str):
            text = body[:200].decode("utf-8", "replace").strip()
            return cls(status, f"http_{status}", text or f"HTTP {status} with no error body")
        details = error.get("details")
        return cls(status, error["code"], str(error.get("message", "")), error.get("field"),
                   details if isinstance(details, list) else None)
