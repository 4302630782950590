# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""Making the server's handler registry agree with the handlers a worker declares."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ._transport import Transport, quote
from .errors import ApiError

log = logging.getLogger("taskmill.worker")

NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}\Z")
# Registry fields a decorator may set besides schema and description; they are sent only when the worker
# creates the handler, because operators tune them later (app, PUT) and a restart must not undo that.
DEFAULT_FIELDS = frozenset({"default_priority", "max_attempts", "retry_policy", "timeout_ms", "concurrency"})
# Two workers starting together may both edit the handler: each retry reads the new version and reapplies.
MAX_CONFLICTS = 5


@dataclass
class HandlerSpec:
    """One ``@worker.handler``: the function and what the registry should say about it. ``schema`` None and
    ``description`` "" mean "leave the server's value alone"."""

    name: str
    fn: Callable[..., Any]
    schema: dict[str, Any] | None = None
    description: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not NAME.match(self.name):
            raise ValueError(f"taskmill: handler name {self.name!r} must match [a-z0-9][a-z0-9_.-]{{0,63}}")
        unknown = set(self.defaults) - DEFAULT_FIELDS
        if unknown:
            raise TypeError(f"taskmill: unknown handler field(s) {sorted(unknown)}; "
                            f"allowed: {sorted(DEFAULT_FIELDS)}")
        if self.schema is not None and not isinstance(self.schema, dict):
            raise TypeError("taskmill: schema must be a JSON Schema object (a dict)")

    def create_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"name": self.name, **self.defaults}
        if self.schema is not None:
            body["schema"] = self.schema
        if self.description:
            body["description"] = self.description
        return body

    def changes(self, current: dict[str, Any]) -> dict[str, Any]:
        """The fields a PUT must change so that ``current`` (the server's handler) matches this spec."""
        changed: dict[str, Any] = {}
        if self.schema is not None and current.get("schema") != self.schema:
            changed["schema"] = self.schema
        if self.description and current.get("description") != self.description:
            changed["description"] = self.description
        return changed


def register(transport: Transport, spec: HandlerSpec) -> dict[str, Any]:
    """GET the handler; POST it when missing; PUT the schema/description (with the version read) when they
    differ. Returns the server's handler. Raises ValueError for a built-in name, ApiError for a refusal
    (an invalid schema: 422 naming ``schema``), TransportError when the server is unreachable."""
    path = f"/handlers/{quote(spec.name)}"
    conflict: ApiError | None = None
    for _ in range(MAX_CONFLICTS):
        try:
            current = transport.request("GET", path)
        except ApiError as exc:
            if exc.status != 404:
                raise
            try:
                created = transport.request("POST", "/handlers", spec.create_body())
                log.info("registered handler %s (version %s)", spec.name, created.get("version"))
                return created
            except ApiError as post_exc:
                if post_exc.status != 409:
                    raise
                conflict = post_exc  # another worker registered it first: read theirs
                continue
        if current.get("kind") != "external":
            raise ValueError(f"taskmill: {spec.name!r} is a {current.get('kind')} handler of the server; "
                             f"a worker can only serve external handlers (pick another name)")
        changes = spec.changes(current)
        if not changes:
            return current
        try:
            updated = transport.request("PUT", path, {**changes, "version": current.get("version")})
            log.info("updated handler %s: %s (version %s)", spec.name, ", ".join(sorted(changes)),
                     updated.get("version"))
            return updated
        except ApiError as put_exc:
            if put_exc.status != 409:
                raise
            conflict = put_exc
    assert conflict is not None
    raise conflict
