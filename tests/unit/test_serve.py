"""The local static server used by the browser tests and the audit compresses text, as hosts do."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

from audit.browser import serve


def test_text_is_gzipped_for_clients_that_accept_it(tmp_path: Path) -> None:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>hello</p>" * 200, encoding="utf-8")
    (tmp_path / "style.css").write_text("p { color: red }\n" * 100, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG" + b"\0" * 100)
    with serve(tmp_path) as base:
        asked = urllib.request.Request(base + "/page/", headers={"Accept-Encoding": "gzip, br"})
        with urllib.request.urlopen(asked) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode() == "<p>hello</p>" * 200
        with urllib.request.urlopen(base + "/style.css") as response:  # not asked for: sent as it is
            assert response.headers["Content-Encoding"] is None and response.read().startswith(b"p { color")
        png = urllib.request.Request(base + "/image.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(png) as response:
            assert response.headers["Content-Encoding"] is None
        with urllib.request.urlopen(urllib.request.Request(base + "/page", headers={"Accept-Encoding": "gzip"})) as response:
            assert response.url.endswith("/page/")  # a folder without its slash still redirects
