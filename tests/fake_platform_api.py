"""A stand-in for the Slack and Telegram Web APIs on loopback: it records every call and answers "ok"."""

from __future__ import annotations

import json
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List
from urllib.parse import parse_qs


def parse_body(content_type: str, body: bytes) -> Dict[str, Any]:
    """Return the fields of a JSON, urlencoded or multipart body."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json":
        return json.loads(body or b"{}")
    if kind == "application/x-www-form-urlencoded":
        return {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}
    if kind == "multipart/form-data":
        msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        return {part.get_param("name", header="content-disposition"): part.get_content() for part in msg.iter_parts()}
    return {"raw": body.decode("utf-8", "replace")}


class FakePlatformAPI:
    """Records calls as {"method": last path segment, "fields": {...}}; start() returns the base URL."""

    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fields = parse_body(self.headers.get("Content-Type", ""), body)
                method = self.path.rstrip("/").rsplit("/", 1)[-1]
                with api._lock:
                    api.calls.append({"method": method, "fields": fields, "path": self.path})
                if method.lower() == "answercallbackquery":
                    result: Any = True
                else:
                    result = {"message_id": len(api.calls), "date": int(time.time()), "chat": {"id": 1, "type": "private"}}
                payload = {"ok": True, "result": result, "ts": "1.0", "channel": "D1"}
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> str:
        """Start serving and return the base URL."""
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, predicate: Callable[[List[Dict[str, Any]]], bool], timeout: float = 30.0) -> List[Dict[str, Any]]:
        """Wait until ``predicate(calls)`` holds and return the calls, or fail with what was recorded."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                calls = list(self.calls)
            if predicate(calls):
                return calls
            time.sleep(0.1)
        raise AssertionError(f"the expected API calls did not arrive; recorded: {self.calls}")

    def clear(self) -> None:
        """Forget the recorded calls."""
        with self._lock:
            self.calls.clear()
