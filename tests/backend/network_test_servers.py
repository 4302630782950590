#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: Taskmill developers
"""Real servers for tests/backend/test_NetworkHandlers.cpp (run with Debian's /usr/bin/python3).

  http              HTTP/1.1 on 127.0.0.1, a free port; prints "PORT <n>" once it accepts connections.
  smtp PORT DIR     aiosmtpd sink on 127.0.0.1:PORT; stores each message as DIR/<n>.json
                    ({mail_from, rcpt_tos, tls, login, content: base64 of the raw message}); prints "READY".
  smtp-tls PORT DIR CERT KEY starttls|implicit
                    the same, requiring TLS and a login (mailer / s3cret)
  parse FILE        decodes one stored message with Python's email package and prints it as JSON
                    (an independent MIME parser for what send_email built).
Both servers run until terminated (the test stops them by PID).

HTTP routes:
  /echo                         any method: 200 JSON {method, path, headers, body}
  /status/<code>                that status with a short text body
  /bytes/<n>[/<name>]           n bytes, byte i = (i * 31 + seed) & 0xff; query: seed, delay_ms (before
                                the answer), nolength=1 (no Content-Length: the body ends at close)
  /drip/<n>                     n bytes, 1 KiB every 100 ms
  /slow/<ms>                    waits ms, then 200 "late"
  /redirect?to=<url>            302 to <url>
"""
import base64
import email
import email.policy
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DRIP_CHUNK = 1024
DRIP_INTERVAL_S = 0.1
PERIOD = 256  # (i * 31 + seed) & 0xff repeats every 256 bytes


def pattern(n, seed):
    block = bytes(((i * 31 + seed) & 0xFF) for i in range(PERIOD))
    return (block * (n // PERIOD + 1))[:n]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output readable
        pass

    def answer(self, status, body=b"", content_type="text/plain", headers=(), length=True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def route(self):
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        parts = [p for p in url.path.split("/") if p]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if parts[:1] == ["echo"]:
            doc = {"method": self.command, "path": self.path,
                   "headers": {k.lower(): v for k, v in self.headers.items()},
                   "body": body.decode("utf-8", "replace")}
            return self.answer(200, json.dumps(doc).encode(), "application/json")
        if parts[:1] == ["status"]:
            code = int(parts[1])
            return self.answer(code, f"status {code}".encode())
        if parts[:1] == ["bytes"]:
            time.sleep(int(query.get("delay_ms", 0)) / 1000)
            # curl removes dot segments ("/bytes/10/%2e%2e" arrives as "/bytes/"): serve 10 bytes then.
            size = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 10
            data = pattern(size, int(query.get("seed", 0)))
            return self.answer(200, data, "application/octet-stream", length=query.get("nolength") != "1")
        if parts[:1] == ["drip"]:
            total = int(parts[1])
            self.send_response(200)
            self.send_header("Content-Length", str(total))
            self.end_headers()
            data = pattern(total, 0)
            try:
                for i in range(0, total, DRIP_CHUNK):
                    self.wfile.write(data[i:i + DRIP_CHUNK])
                    self.wfile.flush()
                    time.sleep(DRIP_INTERVAL_S)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away: what a cancellation test expects
            return None
        if parts[:1] == ["slow"]:
            time.sleep(int(parts[1]) / 1000)
            return self.answer(200, b"late")
        if parts[:1] == ["redirect"]:
            return self.answer(302, b"", headers=[("Location", query["to"])])
        return self.answer(404, b"no such route")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = route


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients that hang up mid-answer are what the size-cap and cancellation tests do.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve_http():
    server = Server(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        auth = getattr(session, "auth_data", None)
        doc = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
               # session.ssl covers STARTTLS only; an smtps connection shows on its transport.
               "tls": bool(session.ssl) or server.transport.get_extra_info("ssl_object") is not None, "login": auth.decode() if isinstance(auth, bytes) else auth,
               "content": base64.b64encode(envelope.original_content or envelope.content).decode()}
        path = os.path.join(self.directory, f"{n}.json")
        with open(path + ".tmp", "w") as f:
            json.dump(doc, f)
        os.replace(path + ".tmp", path)  # the test never sees a half-written file
        return "250 OK"


def serve_smtp(port, directory):
    from aiosmtpd.controller import Controller
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()  # returns once the server answers on the port
    print("READY", flush=True)
    threading.Event().wait()


def serve_smtp_tls(port, directory, cert, key, mode):
    """An SMTP server that wants TLS and a login (user "mailer", password "s3cret"): mode "starttls" (plain
    connection, STARTTLS required before anything else) or "implicit" (TLS from the first byte, smtps)."""
    import ssl
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = getattr(auth_data, "login", None) == b"mailer" and getattr(auth_data, "password", None) == b"s3cret"
        # handled=False: aiosmtpd then answers a refusal with 535 itself (True would leave the client waiting).
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    common = dict(hostname="127.0.0.1", port=port, authenticator=authenticator, auth_required=True)
    if mode == "implicit":
        # auth_require_tls only knows STARTTLS: on an smtps connection it would never offer AUTH.
        controller = Controller(Sink(directory), ssl_context=context, auth_require_tls=False, **common)
    else:
        controller = Controller(Sink(directory), tls_context=context, require_starttls=True, auth_require_tls=True, **common)
    controller.start()
    print("READY", flush=True)
    threading.Event().wait()


def parse(path):
    with open(path) as f:
        doc = json.load(f)
    msg = email.message_from_bytes(base64.b64decode(doc["content"]), policy=email.policy.default)
    text = msg.get_body(preferencelist=("plain",))
    out = {"mail_from": doc["mail_from"], "rcpt_tos": doc["rcpt_tos"], "tls": doc.get("tls"), "login": doc.get("login"),
           "subject": str(msg["subject"] or ""), "from": str(msg["from"]), "to": str(msg["to"]),
           "message_id": str(msg["message-id"]), "date": str(msg["date"]),
           "multipart": msg.is_multipart(), "defects": len(msg.defects),
           "body": text.get_content() if text is not None else None, "attachments": []}
    for part in msg.iter_attachments():
        out["attachments"].append({"filename": part.get_filename(), "content_type": part.get_content_type(),
                                   "base64": base64.b64encode(part.get_payload(decode=True)).decode()})
    print(json.dumps(out))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "http":
        serve_http()
    elif mode == "smtp":
        serve_smtp(int(sys.argv[2]), sys.argv[3])
    elif mode == "smtp-tls":
        serve_smtp_tls(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6])
    elif mode == "parse":
        parse(sys.argv[2])
    else:
        sys.exit(f"unknown mode {mode}")
