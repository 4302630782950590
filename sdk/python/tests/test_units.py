# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""The SDK's pieces that need no server: backoff, error parsing, handler declarations, progress, URLs.
Everything that talks to taskmilld is tested against a real one in tests/e2e/test_python_worker.py."""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))

from taskmill import ApiError, Backoff, Task, Worker  # noqa: E402
from taskmill._registration import HandlerSpec  # noqa: E402
from taskmill._transport import Transport, quote  # noqa: E402


class BackoffTest(unittest.TestCase):
    def test_doubles_up_to_the_cap_and_jitter_only_shortens(self):
        backoff = Backoff(initial=0.5, cap=4.0, jitter=0.2, rng=random.Random(7))
        raws = [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
        for raw in raws:
            delay = backoff.next()
            self.assertLessEqual(delay, raw)
            self.assertGreaterEqual(delay, raw * 0.8)
        self.assertEqual(backoff.failures, len(raws))

    def test_reset_starts_again_from_initial(self):
        backoff = Backoff(initial=1.0, cap=60.0, jitter=0.0)
        for _ in range(5):
            backoff.next()
        backoff.reset()
        self.assertEqual(backoff.next(), 1.0)

    def test_a_long_outage_stays_at_the_cap(self):
        backoff = Backoff(initial=0.5, cap=30.0, jitter=0.0)
        for _ in range(5000):
            delay = backoff.next()
        self.assertEqual(delay, 30.0)

    def test_rejects_nonsense(self):
        with self.assertRaises(ValueError):
            Backoff(initial=0)
        with self.assertRaises(ValueError):
            Backoff(initial=2, cap=1)
        with self.assertRaises(ValueError):
            Backoff(jitter=1.0)


class ApiErrorTest(unittest.TestCase):
    def test_reads_a_validation_error_with_details(self):
        body = (b'{"error":{"code":"validation_failed","field":"payload","message":"bad",'
                b'"details":[{"path":"/path","message":"Missing"}]}}')
        error = ApiError.from_response(422, body)
        self.assertEqual((error.status, error.code, error.field, error.message), (422, "validation_failed", "payload", "bad"))
        self.assertEqual(error.details, [{"path": "/path", "message": "Missing"}])
        self.assertFalse(error.lease_lost)

    def test_lease_lost_is_a_409_with_its_code(self):
        self.assertTrue(ApiError.from_response(409, b'{"error":{"code":"lease_lost","message":"gone"}}').lease_lost)
        self.assertFalse(ApiError.from_response(409, b'{"error":{"code":"conflict","message":"x"}}').lease_lost)

    def test_a_body_that_is_not_ours_still_reports_the_status(self):
        for body in (b"<html>Bad Gateway</html>", b"", b"\xff\xfe", b"[1,2]", b'{"error":"text"}'):
            error = ApiError.from_response(502, body)
            self.assertEqual(error.code, "http_502", body)
            self.assertTrue(error.message, body)
            self.assertEqual(error.details, [])


class HandlerSpecTest(unittest.TestCase):
    def test_names_follow_the_registry_rule(self):
        for good in ("resize_image", "a", "img.v2-fast", "0" * 64):
            HandlerSpec(good, print)
        for bad in ("", "Resize", "_x", "a" * 65, "a b", "a/b"):
            with self.assertRaises(ValueError, msg=bad):
                HandlerSpec(bad, print)

    def test_unknown_default_fields_are_refused_early(self):
        with self.assertRaises(TypeError):
            HandlerSpec("x", print, defaults={"max_attempt": 3})

    def test_create_body_sends_only_what_was_declared(self):
        self.assertEqual(HandlerSpec("x", print).create_body(), {"name": "x"})
        spec = HandlerSpec("x", print, {"type": "object"}, "d", {"max_attempts": 5})
        self.assertEqual(spec.create_body(), {"name": "x", "schema": {"type": "object"}, "description": "d",
                                              "max_attempts": 5})

    def test_changes_compare_schema_and_description_only(self):
        spec = HandlerSpec("x", print, {"type": "object"}, "thumbnails", {"max_attempts": 5})
        current = {"schema": {"type": "object"}, "description": "thumbnails", "max_attempts": 2}
        self.assertEqual(spec.changes(current), {})
        self.assertEqual(spec.changes({**current, "schema": {}}), {"schema": {"type": "object"}})
        self.assertEqual(spec.changes({**current, "description": ""}), {"description": "thumbnails"})
        # Undeclared schema and description leave whatever an operator set alone.
        self.assertEqual(HandlerSpec("x", print).changes({"schema": {"a": 1}, "description": "ops"}), {})


class WorkerDeclarationTest(unittest.TestCase):
    def test_decorator_returns_the_function_and_refuses_duplicates(self):
        worker = Worker("http://127.0.0.1:1")

        @worker.handler("resize_image", schema={"type": "object"})
        def resize(task):
            return {"ok": True}

        self.assertEqual(resize(None), {"ok": True})
        with self.assertRaises(ValueError):
            worker.handler("resize_image")(resize)

    def test_limits_of_the_protocol_are_checked_up_front(self):
        with self.assertRaises(ValueError):
            Worker("http://h", lease_ms=999)
        with self.assertRaises(ValueError):
            Worker("http://h", wait_ms=60001)
        with self.assertRaises(ValueError):
            Worker("http://h").run()  # no handlers

    def test_default_name_is_host_and_pid(self):
        self.assertTrue(Worker("http://h").name.endswith(f"-{os.getpid()}"))


class TaskTest(unittest.TestCase):
    def test_from_item_and_progress_bounds(self):
        reports = []
        task = Task.from_item({"lease": "L1", "id": "t1", "type": "x", "payload": {"a": 1}, "attempt": 2,
                               "priority": "HIGH", "title": "t", "trace_id": "ab", "span_id": "cd",
                               "lease_expires_at": "2030-01-01T00:00:00Z"})
        self.assertEqual((task.id, task.attempt, task.priority, task.payload, task.lease), ("t1", 2, "HIGH", {"a": 1}, "L1"))
        task._report = lambda t, p, m: reports.append((p, m))
        task.progress(50, "half")
        task.progress(100)
        self.assertEqual(reports, [(50.0, "half"), (100.0, None)])
        for bad in (-1, 100.5):
            with self.assertRaises(ValueError):
                task.progress(bad)
        self.assertFalse(task.lease_lost)


class TransportTest(unittest.TestCase):
    def test_urls_and_headers(self):
        self.assertEqual(Transport("127.0.0.1:8080").url, "http://127.0.0.1:8080")
        self.assertEqual(Transport("https://q.example/taskmill/").url, "https://q.example/taskmill")
        with self.assertRaises(ValueError):
            Transport("ftp://host")
        self.assertNotIn("Authorization", Transport("http://h").headers(True))
        headers = Transport("http://h", token="s3cret").headers(False)
        self.assertEqual(headers["Authorization"], "Bearer s3cret")
        self.assertNotIn("Content-Type", headers)

    def test_lease_strings_are_one_path_segment(self):
        self.assertEqual(quote("a/b c?d"), "a%2Fb%20c%3Fd")


if __name__ == "__main__":
    unittest.main()


def _grpc_available() -> bool:
    try:
        import grpc  # noqa: F401
        import google.protobuf  # noqa: F401
    except ImportError:
        return False
    return True


@unittest.skipUnless(_grpc_available(), "python3-grpcio and python3-protobuf are not installed")
class GrpcConversionTest(unittest.TestCase):
    """What the gRPC transport turns messages into: the REST shapes the engine reads."""

    def test_a_pushed_task_reads_as_a_rest_lease_item(self):
        from google.protobuf import json_format
        from taskmill._grpc import lease_item
        from taskmill.v1 import taskmill_pb2 as pb
        leased = pb.LeasedTask(lease="L1", attempt=2)
        leased.task.id = "01a2"
        leased.task.type = "resize_image"
        leased.task.priority = pb.PRIORITY_HIGH
        json_format.ParseDict({"n": 3, "ratio": 0.5, "list": [1, 2.25], "deep": {"k": 7}}, leased.task.payload)
        leased.lease_expires_at.FromJsonString("2026-12-06T01:02:03.500Z")
        item = lease_item(leased)
        self.assertEqual(item["payload"], {"n": 3, "ratio": 0.5, "list": [1, 2.25], "deep": {"k": 7}})
        self.assertIsInstance(item["payload"]["n"], int)  # whole numbers as json.loads gives them
        self.assertEqual((item["priority"], item["attempt"], item["lease"]), ("HIGH", 2, "L1"))
        self.assertIsNone(item["trace_id"])
        self.assertEqual(item["lease_expires_at"], "2026-12-06T01:02:03.500Z")
        task = Task.from_item(item)
        self.assertEqual((task.id, task.type, task.attempt), ("01a2", "resize_image", 2))

    def test_a_registration_body_becomes_a_handler_message(self):
        from taskmill._grpc import handler_json, handler_message
        from taskmill.v1 import taskmill_pb2 as pb
        message = handler_message("resize_image", {"schema": {"type": "object"}, "description": "d",
                                                   "default_priority": "high", "max_attempts": 3, "version": 4,
                                                   "retry_policy": {"strategy": "constant", "base_ms": 200,
                                                                    "max_ms": 200, "jitter": 0}})
        self.assertEqual(message.name, "resize_image")
        self.assertEqual(message.default_priority, pb.PRIORITY_HIGH)
        self.assertEqual((message.max_attempts, message.version), (3, 4))
        self.assertTrue(message.retry_policy.HasField("jitter"))  # 0 set, not the server's default
        message.kind = pb.HANDLER_KIND_EXTERNAL
        self.assertEqual(handler_json(message)["schema"], {"type": "object"})
        self.assertEqual(handler_json(message)["kind"], "external")
