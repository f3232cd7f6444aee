"""Precompressed copies of a built site's text files (`x.html.gz`, and `x.html.br` when the `brotli`
library is installed), beside the originals, so that any static host can serve them compressed
without compressing on each request (nginx's gzip_static and brotli_static, Caddy's
`precompressed`, and most CDNs' origin settings read them).

Levels are chosen for the build's time: gzip 6 (within 1% of level 9's size, three times faster
here) and Brotli 5 (smaller than gzip 9, about as fast as gzip 6; Brotli 11 took 70 times longer
on this guide). zlib and Brotli release the GIL, so the files are compressed on threads. A gzip
file records no time or name, so a rebuild of the same site writes the same bytes.

While the engine builds, `Ahead` compresses each page once it is written, in a process beside the
build (the engine's last stage runs in one process, so the machine's second core is free then);
`precompress` afterwards does the rest and skips a page whose bytes on disk are the bytes compressed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .forking import fork_with_pipe

try:
    import brotli
except ImportError:  # optional: .gz alone is enough for any host
    brotli = None

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map", ".bib", ".ris"})
SMALLEST = 512  # below this, a compressed copy saves less than the headers cost


def text_files(folder: Path) -> Iterable[Path]:
    """The files worth compressing: text, not tiny, and not themselves compressed."""
    for path in sorted(folder.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file() and path.stat().st_size >= SMALLEST:
            yield path


def fingerprint(data: bytes) -> str:
    """What identifies a file's bytes (to know its copies were made from exactly them)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def write_copies(path: Path, data: bytes) -> int:
    """Write `path.gz` (and `path.br`) holding `data` compressed; return how many files were written."""
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 6, mtime=0))
    if brotli is None:
        return 1
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=5))
    return 2


def compress_one(path: Path, done: dict[Path, str] | None = None) -> int:
    """Write `path.gz` (and `path.br`) unless `done` says they were made from its bytes; return how
    many files were written."""
    data = path.read_bytes()
    if done and done.get(path) == fingerprint(data):
        return 0
    return write_copies(path, data)


def precompress(folder: Path, jobs: int = 2, done: dict[Path, str] | None = None) -> int:
    """Compressed copies of every text file of a built site; returns how many were written.

    `done` (from `Ahead.finish`) names files already compressed, with the fingerprint of the bytes
    they were compressed from: those are skipped if the file still holds exactly those bytes."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return sum(pool.map(lambda path: compress_one(path, done), text_files(folder)))


class Ahead:
    """Compresses pages while the build goes on, in a process of its own (a thread would wait for
    the interpreter's lock after every file while the build holds it).

    `add(path)` as each page is finished: the engine writes a page after its last event, so the page
    added before is on disk by then and goes to the process. `finish()` when the engine is done
    (then `precompress` with its result); `stop()` if the build failed: the process is ended and
    writes nothing after it returns, so the build folder can be removed. Where processes cannot be
    forked, nothing is compressed ahead and `precompress` does it all."""

    def __init__(self) -> None:
        self._pid = 0
        self._pipe: int | None = None
        self._result: Path | None = None
        self._last: Path | None = None
        self._started = False

    def add(self, path: Path) -> None:
        """Note a page about to be written; send the one noted before (written by now)."""
        if path.suffix not in TEXT_SUFFIXES:
            return
        if not self._started:
            self._started = True
            self._start()
        if self._last is not None:
            self._send(self._last)
        self._last = path

    def _start(self) -> None:
        fd, name = tempfile.mkstemp(prefix="generator-compressed-", suffix=".json")
        os.close(fd)
        forked = fork_with_pipe(lambda read_end: _compress_from(read_end, Path(name)), child_writes=False)
        if forked is None:
            os.unlink(name)
            return
        self._pid, self._pipe = forked
        self._result = Path(name)

    def _send(self, path: Path) -> None:
        if self._pipe is None:
            return
        try:
            os.write(self._pipe, os.fsencode(str(path)) + b"\0")  # short: one write, never split
        except OSError:  # the process has gone: precompress does the rest
            self._close_pipe()

    def _close_pipe(self) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None

    def finish(self) -> dict[Path, str]:
        """Wait for the process; the files it compressed, each with the fingerprint of its bytes."""
        if self._last is not None:
            self._send(self._last)
            self._last = None
        self._close_pipe()
        done: dict[Path, str] = {}
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0
        if self._result is not None:
            try:
                done = {Path(path): mark for path, mark in json.loads(self._result.read_text(encoding="utf-8")).items()}
            except (OSError, ValueError):
                done = {}
            self._result.unlink(missing_ok=True)
            self._result = None
        return done

    def stop(self) -> None:
        """End the process at once and wait for it."""
        self._close_pipe()
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)  # it writes only copies, into a folder about to go
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = 0
        if self._result is not None:
            self._result.unlink(missing_ok=True)
            self._result = None
        self._last = None


def _compress_from(read_end: int, result: Path) -> None:
    """In the process: compress each file named on the pipe, then write what was done to `result`."""
    code = 0
    done: dict[str, str] = {}
    try:
        with os.fdopen(read_end, "rb") as stream:
            for raw in _names(stream):
                path = Path(os.fsdecode(raw))
                try:
                    data = path.read_bytes()
                    if len(data) >= SMALLEST:
                        write_copies(path, data)
                        done[str(path)] = fingerprint(data)
                except OSError:
                    continue  # precompress compresses it afterwards
        result.write_text(json.dumps(done), encoding="utf-8")
    except BaseException:  # anything at all: precompress does it all
        code = 1
    finally:
        os._exit(code)


def _names(stream: Any) -> Iterable[bytes]:
    """The NUL-terminated names read from a stream, as they arrive."""
    pending = b""
    while chunk := stream.read1(65536):
        pending += chunk
        *names, pending = pending.split(b"\0")
        yield from names
