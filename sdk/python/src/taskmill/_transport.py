# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""The one place that knows URLs, verbs, JSON and the token. Client and Worker call it; nothing else opens a
connection."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
import urllib.parse
from typing import Any

from .errors import ApiError, TransportError

API = "/api/v1"
USER_AGENT = "taskmill-python/0.1.0"


class Abort:
    """Lets another thread break off a request in flight (a lease long poll when the worker stops). Closing
    the socket makes the blocked read fail at once with a TransportError."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: http.client.HTTPConnection | None = None
        self._aborted = False

    def attach(self, connection: http.client.HTTPConnection | None) -> bool:
        """Registers the connection of the request starting now; False when abort() came first."""
        with self._lock:
            self._connection = connection
            return not self._aborted

    @property
    def aborted(self) -> bool:
        """True once abort() was called (a transport without a socket to close polls it)."""
        with self._lock:
            return self._aborted

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            sock = self._connection.sock if self._connection is not None else None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the other side: the reader fails on its own


class Transport:
    """JSON over HTTP(S) to one taskmilld. Thread-safe: every request opens its own connection, so a long poll
    never holds up a heartbeat, and an aborted request cannot poison a pooled one."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 30.0) -> None:
        parts = urllib.parse.urlsplit(url if "://" in url else "http://" + url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"taskmill: not an http(s) URL: {url!r}")
        self.url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")
        self._token = token
        self._timeout = timeout

    def headers(self, has_body: bool) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if has_body:
            headers["Content-Type"] = "application/json"
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def request(self, method: str, path: str, body: Any = None, *, timeout: float | None = None,
                abort: Abort | None = None, extra_headers: dict[str, str] | None = None) -> Any:
        """Sends ``body`` (JSON-encoded unless None) to ``API + path`` and returns the decoded JSON answer.
        Raises ApiError for an error status and TransportError when no complete answer arrived."""
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode("utf-8")
        headers = self.headers(data is not None)
        headers.update(extra_headers or {})
        connection = self._connect(timeout if timeout is not None else self._timeout)
        if abort is not None and not abort.attach(connection):
            raise TransportError(f"{method} {path}: aborted")
        try:
            connection.request(method, self._prefix + API + path, body=data, headers=headers)
            response = connection.getresponse()
            status, payload = response.status, response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise TransportError(f"{method} {self.url}{API}{path}: {exc or type(exc).__name__}") from exc
        finally:
            if abort is not None:
                abort.attach(None)
            connection.close()
        if status >= 400:
            raise ApiError.from_response(status, payload)
        if not payload:
            return None
        try:
            return json.loads(payload)
        except ValueError as exc:
            # A 2xx that is not JSON means something other than taskmilld answered (a proxy, a wrong port).
            raise TransportError(f"{method} {path}: answer is not JSON: {payload[:120]!r}") from exc

    def get_raw(self, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
        """GET of a path outside /api/v1 (``/ready``), returning status and body without raising on status."""
        connection = self._connect(timeout)
        try:
            connection.request("GET", self._prefix + path, headers=self.headers(False))
            response = connection.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise TransportError(f"GET {self.url}{path}: {exc or type(exc).__name__}") from exc
        finally:
            connection.close()

    def _connect(self, timeout: float) -> http.client.HTTPConnection:
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=timeout,
                                               context=ssl.create_default_context())
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)


def quote(segment: str) -> str:
    """A path segment: leases are opaque strings and may hold characters that are special in a URL."""
    return urllib.parse.quote(str(segment), safe="")
