"""Headless Chromium (Debian's chromium + chromium-driver) through Selenium, and a local static server."""

from __future__ import annotations

import functools
import http.server
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Every name but the local ones fails inside Chromium: nothing can leave the machine,
    # and a page's attempt to reach another host still shows up in the request log.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
)


def browser_missing() -> str | None:
    """Why a browser cannot be started here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} not found (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    return None


def start_chromium(width: int = 1280, height: int = 900) -> Any:
    """A headless Chromium with the performance log on (for request tracing)."""
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chrome-profile-")
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


_COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that, like any production host, gzips text for clients that accept it
    (so Lighthouse measures what a reader would download, not the test server's raw bytes)."""

    def log_message(self, *args: Any) -> None:
        pass

    compress = True

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in _COMPRESSIBLE or not path.is_file():
            super().do_GET()
            return
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    import gzip

    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser or crawler closing a connection early is not a problem to report


class _PlainHandler(_QuietHandler):
    """The same server sending every file as it is: a host with no compression at all."""

    compress = False


@contextmanager
def serve(folder: Path, compress: bool = True) -> Iterator[str]:
    """Serve a folder on http://127.0.0.1:<free port>; yields the base URL (no trailing slash).
    With `compress=False`, nothing is compressed (the weakest static host)."""
    handler = functools.partial(_QuietHandler if compress else _PlainHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(site_dir: Path) -> list[str]:
    """Every page of a built site, as paths from the root ('/', '/basics/', …), from its HTML files."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel == "404.html":
            continue
        pages.append("/" + rel.removesuffix("index.html"))
    return pages
