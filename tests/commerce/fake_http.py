"""A small HTTP server on loopback for the fake shops: records every request, answers through a
subclass's ``handle``, and lets a test script failures (a status, a body that is not JSON, a request
that never gets an answer) for the next request or for the next one to a given path."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    status: int
    body: Any = None  # JSON, or ``bytes`` sent as they are
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # never answer (until the server stops)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class _Rule:
    reply: Reply
    method: str | None
    path: re.Pattern[str] | None
    body_has: str | None

    def matches(self, request: Request) -> bool:
        method_ok = self.method is None or self.method == request.method
        body_ok = self.body_has is None or self.body_has in json.dumps(request.body)
        return method_ok and body_ok and (self.path is None or bool(self.path.search(request.path)))


class FakeServer:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self._rules: list[_Rule] = []
        self._release = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self.url = ""

    def fail(
        self,
        reply: Reply,
        *,
        method: str | None = None,
        path: str | None = None,
        body_has: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer ``reply`` instead, ``times`` times, to the next requests matching ``method``, ``path``
        (a regular expression searched in the request's path) and ``body_has`` (text in its JSON body)."""
        pattern = re.compile(path) if path else None
        self._rules += [_Rule(reply, method, pattern, body_has) for _ in range(times)]

    def handle(self, request: Request) -> Reply:
        raise NotImplementedError

    def _respond(self, request: Request) -> Reply:
        self.requests.append(request)
        for rule in self._rules:
            if rule.matches(request):
                self._rules.remove(rule)
                return rule.reply
        return self.handle(request)

    def start(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                parts = urlsplit(self.path)
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
                headers = {k.lower(): v for k, v in self.headers.items()}
                reply = server._respond(Request(self.command, parts.path, query, headers, body))
                if reply.hang:
                    server._release.wait(30)
                    return
                payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                self._serve()

            def do_PUT(self) -> None:
                self._serve()

            def log_message(self, *_: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True).start()

    def stop(self) -> None:
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()


def route(pattern: str, path: str) -> re.Match[str] | None:
    return re.fullmatch(pattern, path)
