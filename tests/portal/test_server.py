"""The local server of the built portal: served as CloudFront serves it."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

from puspa_portal.server import serve


def fetch(url: str, encoding: str = "gzip") -> tuple[int, dict[str, str], bytes]:
    """GET a URL asking for `encoding`."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.status, dict(response.headers), response.read()


def test_text_is_gzipped_and_pictures_are_not(built) -> None:
    site: Path = built[0] / "site"
    with serve(site) as base:
        status, headers, body = fetch(f"{base}/layanan/kartu-keluarga/")
        assert (status, headers["Content-Encoding"]) == (200, "gzip")
        assert gzip.decompress(body) == (site / "layanan/kartu-keluarga/index.html").read_bytes()
        _, plain_headers, plain = fetch(f"{base}/layanan/kartu-keluarga/", encoding="identity")
        assert "Content-Encoding" not in plain_headers and b"<!doctype html>" in plain[:40]
        _, png_headers, png = fetch(f"{base}/assets/social.png")
        assert "Content-Encoding" not in png_headers and png.startswith(b"\x89PNG")
        status, _, redirected = fetch(f"{base}/layanan/kartu-keluarga")
        assert status == 200 and b"<!doctype html>" in gzip.decompress(redirected)[:40]
