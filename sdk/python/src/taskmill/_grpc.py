# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""The worker's calls over gRPC (proto/taskmill/v1/taskmill.proto) instead of HTTP, for ``Worker.use_grpc()``.

Needs Debian's ``python3-grpcio`` and ``python3-protobuf`` (imported only here, so the SDK itself stays standard
library only). It answers the same REST-shaped calls as ``Transport.request`` — a verb, a path under /api/v1, a
JSON body — so the worker's engine (slots, heartbeats, grace period, backoff) is one for both transports:

* handler registration (GET/POST/PUT /handlers…) maps to HandlerService, one unary call each;
* the lease calls share one WorkerService.Work stream, opened by the first lease poll (Hello: worker, types, the
  capacity, lease_ms) and again after it breaks. POST /workers/lease takes the tasks the server pushed (waiting up
  to wait_ms for the first); POST /leases/{lease}/heartbeat|complete|fail|release become stream messages whose
  answers (HeartbeatAck, Recorded, LeaseLost, Rejected) come back in order per lease. A broken stream answers the
  waiting calls with a TransportError, which the engine retries with backoff; results may be reported on the next
  stream while their leases hold.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import urllib.parse
from collections import deque
from typing import Any

import grpc
from google.protobuf import json_format, struct_pb2

from ._transport import Abort
from .errors import ApiError, TransportError
from .v1 import taskmill_pb2 as pb

log = logging.getLogger("taskmill.worker")

# A call on the stream that gets no answer in this long fails with a TransportError (and is retried).
ANSWER_TIMEOUT_S = 30.0
# How often a wait looks at its Abort.
CANCEL_CHECK_S = 0.05
# At close, how long the releases of pushed tasks nobody took may take before the stream ends anyway.
CLOSE_TIMEOUT_S = 5.0
# The HTTP status the REST API answers for each taskmilld error code (the taskmill-error-code trailer).
HTTP_STATUS = {"bad_request": 400, "validation": 422, "validation_failed": 422, "unauthorized": 401,
               "forbidden": 403, "not_found": 404, "conflict": 409, "lease_lost": 409, "payload_too_large": 413,
               "unsupported_media_type": 415, "misdirected_request": 421, "too_many_requests": 429, "gone": 410,
               "unavailable": 503, "timeout": 504, "internal": 500}
# Without taskmilld's trailers (a proxy, an interceptor) the gRPC status alone decides.
GRPC_STATUS = {grpc.StatusCode.UNAUTHENTICATED: (401, "unauthorized"),
               grpc.StatusCode.PERMISSION_DENIED: (403, "forbidden"),
               grpc.StatusCode.NOT_FOUND: (404, "not_found"),
               grpc.StatusCode.INVALID_ARGUMENT: (422, "validation")}
WORK = "/taskmill.v1.WorkerService/Work"
HANDLERS = "/taskmill.v1.HandlerService/"


def error_of(exc: grpc.RpcError) -> Exception:
    """A failed call as the REST API's ApiError, or a TransportError when no server answered."""
    trailers = dict(exc.trailing_metadata() or ())
    code = trailers.get("taskmill-error-code")
    message = exc.details() or ""
    if code:
        return ApiError(HTTP_STATUS.get(code, 400), code, message, trailers.get("taskmill-error-field") or None)
    if exc.code() in GRPC_STATUS:
        status, text = GRPC_STATUS[exc.code()]
        return ApiError(status, text, message)
    return TransportError(f"gRPC {exc.code().name}: {message}")


def plain(value: Any) -> Any:
    """JSON as a REST answer decodes it: protobuf's Struct holds every number as a double, so whole numbers come
    back as int (``3``, not ``3.0``), as ``json.loads`` gives them."""
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2 ** 53:
        return int(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def after_prefix(name: str) -> str:
    """``PRIORITY_HIGH`` → ``HIGH``, as REST spells enum values."""
    return name.split("_", 1)[1] if "_" in name else name


def lease_item(leased: pb.LeasedTask) -> dict[str, Any]:
    """The REST lease item (POST /api/v1/workers/lease) of a pushed task: what Task.from_item reads."""
    task = leased.task
    return {"lease": leased.lease, "id": task.id, "type": task.type, "title": task.title,
            "payload": plain(json_format.MessageToDict(task.payload)), "attempt": leased.attempt,
            "max_attempts": task.max_attempts, "priority": after_prefix(pb.Priority.Name(task.priority)),
            "trace_id": task.trace_id or None, "span_id": task.span_id or None,
            "lease_expires_at": leased.lease_expires_at.ToJsonString()}


def handler_message(name: str, body: dict[str, Any]) -> pb.Handler:
    """A Handler message from the REST body of POST/PUT /handlers (schema, description, the defaults, version)."""
    fields = dict(body, name=name)
    if "default_priority" in fields:
        fields["default_priority"] = "PRIORITY_" + str(fields["default_priority"]).upper()
    fields.pop("kind", None)
    return json_format.ParseDict(fields, pb.Handler(), ignore_unknown_fields=True)


def handler_json(handler: pb.Handler) -> dict[str, Any]:
    out: dict[str, Any] = {"name": handler.name, "version": handler.version, "description": handler.description,
                           "kind": "builtin" if handler.kind == pb.HANDLER_KIND_BUILTIN else "external"}
    if handler.HasField("schema"):
        out["schema"] = plain(json_format.MessageToDict(handler.schema))
    return out


class _Pending:
    def __init__(self) -> None:
        self.answer: Any = None
        self.error: Exception | None = None
        self.done = False


class GrpcTransport:
    """The worker's calls over gRPC to ``target`` (``host:port``). ``tls`` uses the system's roots unless
    ``root_certificates`` (PEM bytes) names others; ``token`` goes in the ``authorization`` metadata."""

    def __init__(self, target: str, token: str | None = None, tls: bool = False,
                 root_certificates: bytes | None = None) -> None:
        if not target or "://" in target:
            raise ValueError(f"taskmill: a gRPC target is host:port, not {target!r}")
        self.url = ("grpcs://" if tls else "grpc://") + target
        credentials = grpc.ssl_channel_credentials(root_certificates) if tls else None
        self._channel = (grpc.secure_channel(target, credentials) if credentials
                         else grpc.insecure_channel(target))
        self._metadata = (("authorization", f"Bearer {token}"),) if token else ()
        self._work = self._channel.stream_stream(WORK, request_serializer=pb.WorkRequest.SerializeToString,
                                                 response_deserializer=pb.WorkResponse.FromString)
        self._capacity = 1
        self._draining = False  # drain() came: a stream opened again (to report) is drained at once
        self._lock = threading.Condition()
        self._hello: pb.WorkRequest | None = None
        self._outbox: queue.SimpleQueue[pb.WorkRequest | None] | None = None  # the open stream's requests
        self._call: Any = None
        self._pushed: deque[dict[str, Any]] = deque()  # tasks the server sent, not yet taken
        self._waiting: dict[str, deque[_Pending]] = {}  # by lease, in the order sent

    def set_capacity(self, capacity: int) -> None:
        self._capacity = capacity

    # ---- the engine's calls -----------------------------------------------------------------------------

    def request(self, method: str, path: str, body: Any = None, *, timeout: float | None = None,
                abort: Abort | None = None) -> Any:
        body = body or {}
        if method == "POST" and path == "/workers/lease":
            return self._lease(body, abort)
        if method == "POST" and path.startswith("/leases/"):
            parts = path.split("/")  # "", "leases", <lease>, <action>
            if len(parts) != 4:
                raise ApiError(404, "not_found", f"no such route {path}")
            return self._report(urllib.parse.unquote(parts[2]), parts[3], body, abort)
        return self._handler_call(method, path, body, timeout or ANSWER_TIMEOUT_S)

    def _handler_call(self, method: str, path: str, body: dict[str, Any], timeout: float) -> Any:
        name = urllib.parse.unquote(path[len("/handlers/"):]) if path.startswith("/handlers/") else ""
        if method == "GET" and name:
            rpc, message = "Get", pb.HandlerName(name=name)
        elif method == "POST" and path == "/handlers":
            rpc, message = "Create", handler_message(str(body.get("name", "")), body)
        elif method == "PUT" and name:
            rpc, message = "Update", handler_message(name, body)
        else:
            raise ApiError(404, "not_found", f"the gRPC transport has no call for {method} {path}")
        call = self._channel.unary_unary(HANDLERS + rpc, request_serializer=type(message).SerializeToString,
                                         response_deserializer=pb.Handler.FromString)
        try:
            return handler_json(call(message, timeout=timeout, metadata=self._metadata))
        except grpc.RpcError as exc:
            raise error_of(exc) from None

    def _lease(self, body: dict[str, Any], abort: Abort | None) -> dict[str, Any]:
        with self._lock:
            if self._hello is None:
                self._hello = pb.WorkRequest(hello=pb.Hello(
                    worker=str(body.get("worker", "")), types=list(body.get("types") or []),
                    capacity=self._capacity, lease_ms=int(body.get("lease_ms") or 0)))
        try:
            self._ensure_open()
        except ApiError as exc:
            if exc.field and exc.field.startswith("hello."):
                # The REST lease names the body's field ("types": a handler deleted meanwhile, which the engine
                # registers again); the stream names it inside its Hello.
                exc.field = exc.field[len("hello."):]
            raise
        deadline = time.monotonic() + int(body.get("wait_ms") or 0) / 1000
        with self._lock:
            while not self._pushed and self._outbox is not None and time.monotonic() < deadline:
                if abort is not None and abort.aborted:
                    raise TransportError("POST /workers/lease: aborted")
                self._lock.wait(CANCEL_CHECK_S)
            items = []
            while self._pushed and len(items) < int(body.get("max") or 1):
                items.append(self._pushed.popleft())
            if not items and self._outbox is None:
                raise TransportError("the gRPC work stream broke")
        return {"items": items}

    def _report(self, lease: str, action: str, body: dict[str, Any], abort: Abort | None,
                reopen: bool = True) -> Any:
        if action == "heartbeat":
            heartbeat = pb.Heartbeat(lease=lease, message=str(body.get("message") or ""))
            if "progress" in body:
                heartbeat.progress = int(body["progress"])
            message = pb.WorkRequest(heartbeat=heartbeat)
        elif action == "complete":
            result = json_format.ParseDict(body.get("result"), struct_pb2.Value())
            message = pb.WorkRequest(complete=pb.Complete(lease=lease, result=result))
        elif action == "fail":
            message = pb.WorkRequest(fail=pb.Fail(lease=lease, error=str(body.get("error") or ""),
                                                  retry=bool(body.get("retry", True))))
        elif action == "release":
            message = pb.WorkRequest(release=pb.Release(lease=lease))
        else:
            raise ApiError(404, "not_found", f"no lease action {action}")
        outbox = self._ensure_open(reopen)
        pending = _Pending()
        with self._lock:
            if self._outbox is not outbox:
                raise TransportError("the gRPC work stream broke")
            # Registered under the lock the reader ends with, so a stream that breaks now answers this call too.
            self._waiting.setdefault(lease, deque()).append(pending)
        outbox.put(message)
        deadline = time.monotonic() + ANSWER_TIMEOUT_S
        with self._lock:
            while not pending.done and time.monotonic() < deadline:
                if abort is not None and abort.aborted:
                    break
                self._lock.wait(CANCEL_CHECK_S)
            if not pending.done:
                # Left in the queue: the answer, should it come, goes to this lease's next call. Neither the
                # engine nor the server reuses it that way: a late answer is dropped with the stream.
                raise TransportError(f"no answer on the gRPC work stream for {action}")
        if pending.error is not None:
            raise pending.error
        return pending.answer

    # ---- the stream -------------------------------------------------------------------------------------

    def _ensure_open(self, reopen: bool = True) -> queue.SimpleQueue[pb.WorkRequest | None]:
        """The open stream's outbox, opening the stream (Hello, then Welcome) when there is none."""
        with self._lock:
            if self._outbox is not None:
                return self._outbox
            if self._hello is None or not reopen:
                raise TransportError("no gRPC work stream yet")
            outbox: queue.SimpleQueue[pb.WorkRequest | None] = queue.SimpleQueue()
            outbox.put(self._hello)
            if self._draining:
                outbox.put(pb.WorkRequest(drain=pb.Drain()))

            def requests() -> Any:
                while (message := outbox.get()) is not None:
                    yield message

            call = self._work(requests(), metadata=self._metadata)
            try:
                first = next(call)
            except grpc.RpcError as exc:
                raise error_of(exc) from None
            except StopIteration:
                raise TransportError("the server closed the gRPC work stream") from None
            if first.WhichOneof("kind") != "welcome":
                call.cancel()
                raise TransportError(f"the gRPC work stream began with {first.WhichOneof('kind')}, not welcome")
            self._outbox, self._call = outbox, call
        log.info("gRPC work stream open to %s (capacity %d)", self.url, first.welcome.capacity)
        threading.Thread(target=self._read, args=(call, outbox), name="taskmill-grpc-reader", daemon=True).start()
        return outbox

    def _resolve(self, lease: str, answer: Any = None, error: Exception | None = None) -> None:
        with self._lock:
            calls = self._waiting.get(lease)
            if not calls:
                return
            pending = calls.popleft()
            if not calls:
                del self._waiting[lease]
            pending.answer, pending.error, pending.done = answer, error, True
            self._lock.notify_all()

    def _read(self, call: Any, outbox: queue.SimpleQueue[pb.WorkRequest | None]) -> None:
        why: Exception = TransportError("the gRPC work stream ended")
        try:
            for response in call:
                kind = response.WhichOneof("kind")
                if kind == "task":
                    with self._lock:
                        self._pushed.append(lease_item(response.task))
                        self._lock.notify_all()
                elif kind == "heartbeat_ack":
                    ack = response.heartbeat_ack
                    self._resolve(ack.lease, {"lease_expires_at": ack.lease_expires_at.ToJsonString()})
                elif kind == "recorded":
                    status = pb.Status.Name(response.recorded.status)[len("STATUS_"):]
                    self._resolve(response.recorded.lease, {"status": status})
                elif kind == "lease_lost":
                    lost = response.lease_lost
                    self._resolve(lost.lease, error=ApiError(409, "lease_lost", lost.message))
                elif kind == "rejected":
                    e = response.rejected.error
                    self._resolve(response.rejected.lease,
                                  error=ApiError(HTTP_STATUS.get(e.code, 400), e.code, e.message, e.field or None))
        except grpc.RpcError as exc:
            why = error_of(exc)
            if exc.code() != grpc.StatusCode.CANCELLED:
                log.warning("gRPC work stream ended: %s", why)
        with self._lock:
            if self._outbox is outbox:
                self._outbox, self._call = None, None
            for calls in self._waiting.values():
                for pending in calls:
                    pending.error, pending.done = why, True
            self._waiting.clear()
            self._lock.notify_all()
        outbox.put(None)  # ends the request generator

    def drain(self) -> None:
        """The worker is stopping: the server pushes no more tasks on this stream (results still go through)."""
        with self._lock:
            self._draining = True
            if self._outbox is not None:
                self._outbox.put(pb.WorkRequest(drain=pb.Drain()))

    def close(self) -> None:
        """The worker stopped: no more pushes (Drain), the tasks pushed but never taken go back (Release), then the
        stream ends. The channel stays: a later run() opens a new stream on it."""
        with self._lock:
            current = self._outbox
            leftovers = [item["lease"] for item in self._pushed]
            self._pushed.clear()
        if current is not None:
            current.put(pb.WorkRequest(drain=pb.Drain()))
            deadline = time.monotonic() + CLOSE_TIMEOUT_S
            for lease in leftovers:
                if time.monotonic() > deadline:
                    break
                try:
                    self._report(lease, "release", {}, None, reopen=False)
                except (ApiError, TransportError) as exc:
                    # A broken stream's leases expire, as a broken stream's always do.
                    log.warning("a pushed task's lease was not released (%s); it will expire", exc)
            with self._lock:
                outbox, call = self._outbox, self._call
                self._outbox = self._call = None
            if outbox is not None:
                outbox.put(None)  # half-close: the server ends the stream
            if call is not None:
                ended = threading.Event()
                call.add_done_callback(lambda _call: ended.set())
                ended.wait(CLOSE_TIMEOUT_S)
                call.cancel()
