"""The built portal on 127.0.0.1, served the way CloudFront serves it (gzip for text).

Used by `make audit`, `make screenshots` and the browser tests.
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
"""What CloudFront compresses (among the types the portal has)."""


class CompressingHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types as CloudFront's `Compress: true` does."""

    def send_head(self) -> Any:
        """Serve the file, compressed when the client accepts gzip and the type is text."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the address with a slash
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


class _Body:
    """The compressed bytes, as the file object SimpleHTTPRequestHandler copies out."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        """Everything at once, then nothing."""
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        """Nothing to close."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1; yield its address."""
    handler = functools.partial(CompressingHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
