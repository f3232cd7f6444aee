"""Converting a build's pages from Markdown to HTML in several processes.

MkDocs converts every page in one process, one after another, and on a large guide that
conversion is over half of the build. Here the plugin forks worker processes once the navigation
is known; each converts a share of the pages exactly as MkDocs would (front matter, the plugins'
`on_page_markdown`, Python-Markdown with MkDocs' link and anchor processors), and the main process
adopts a worker's HTML, table of contents and anchors instead of converting the page itself.
Everything else (the other page events, templates, search, writing files) stays in the main
process in MkDocs' order, and any warning a worker logs is logged again by the main process, so
strict mode counts it. A page whose Markdown differs from what its worker converted, or whose
worker failed, is converted by the main process as usual.

Only `build` uses it (the preview's server runs threads, which do not survive a fork), only where
`os.fork` exists, and with `GENERATOR_JOBS` processes (default: the number of CPUs, at most 4;
`GENERATOR_JOBS=1` turns it off). Nothing here imports MkDocs: pages, files and config are
passed in by the plugin.

Once every page is converted, the main process alone renders each page's template, indexes it for
search and finishes it (postpass.py), and the workers have exited. `FinishingAhead` forks one more
process then, which finishes the pages' content (the glossary marks and the sanitizer, the costly
part of postpass.py) in the same order and streams the results back through a pipe; the main
process takes each page's result when it reaches that page, or finishes the page itself if the
content differs from what the process was given or the process failed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache import digest
from .forking import fork_with_pipe

MAX_JOBS = 4
MIN_PAGES_PER_JOB = 8  # below this the fork costs more than it saves


def jobs_wanted() -> int:
    """How many processes to convert pages in: GENERATOR_JOBS, or the CPUs (at most MAX_JOBS)."""
    value = os.environ.get("GENERATOR_JOBS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


@dataclass(frozen=True)
class Converted:
    """What converting one page produced, as MkDocs' `Page.render` leaves it on the page."""

    markdown_digest: str
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # linked file's src_uri -> {anchor: original link}
    logs: list[tuple[str, int, str]] = field(default_factory=list)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def logged() -> Iterator[list[tuple[str, int, str]]]:
    """The log records (logger name, level, message) emitted inside the block.

    A worker wraps only what the main process will not do again (the conversion): the
    main process runs the other page events itself, and their messages with them."""
    capture = _Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    try:
        yield capture.records
    finally:
        root.removeHandler(capture)


MAIN_SHARE = 1.05  # the main process also runs every page's other events, yet converts a little more: at 1,000 topics (idle, 2 cores) it waited 0.74 s for the worker at 0.92, 0.11 s (reading the results) at 1.05


def split_shares(weights: Sequence[int], jobs: int, first: float = 1.0) -> list[range]:
    """Cut the pages (in build order) into `jobs` consecutive shares of about equal weight,
    the first `first` times as heavy as each of the others."""
    total = sum(weights) or 1
    unit = total / (first + jobs - 1)
    shares, start, running = [], 0, 0
    for index, weight in enumerate(weights):
        running += weight
        if len(shares) < jobs - 1 and running >= unit * (first + len(shares)):
            shares.append(range(start, index + 1))
            start = index + 1
    shares.append(range(start, len(weights)))
    return shares


class ParallelPages:
    """Worker processes converting pages; the main process converts the first share itself."""

    def __init__(self, keys: list[str], workers: list[tuple[int, Path, set[str]]], folder: Path):
        """Use `start`; `keys` are the pages the `workers` (pid, result file, their pages) convert."""
        self.keys = set(keys)
        self.workers = workers  # (pid, result file, the pages it converts)
        self.folder = folder
        self.results: dict[str, Converted] = {}
        self.failed: list[str] = []

    @classmethod
    def start(
        cls,
        pages: Sequence[Any],
        weights: Sequence[int],
        jobs: int,
        convert: Callable[[Any], Converted],
    ) -> ParallelPages | None:
        """Fork `jobs - 1` workers for all but the first share of `pages`; None when not worth it."""
        if jobs < 2 or not hasattr(os, "fork") or len(pages) < jobs * MIN_PAGES_PER_JOB:
            return None
        shares = split_shares(weights, jobs, MAIN_SHARE)
        folder = Path(tempfile.mkdtemp(prefix="generator-pages-"))
        workers = []
        for number, share in enumerate(shares[1:], start=1):
            out = folder / f"{number}.pickle"
            mine = [pages[i] for i in share]
            try:
                pid = os.fork()
            except OSError:  # no more processes: the main process converts the remaining shares
                break
            if pid == 0:  # the worker: convert, write, leave without running the parent's clean-up
                _work(mine, convert, out)
            workers.append((pid, out, {p.file.src_uri for p in mine}))
        return cls([key for _, _, keys in workers for key in keys], workers, folder)

    def handles(self, key: str) -> bool:
        """Whether a worker converts this page."""
        return key in self.keys

    def take(self, key: str, markdown: str) -> Converted | None:
        """The worker's result for this page, if it converted exactly this Markdown (waits for the worker)."""
        for worker in list(self.workers):
            if key in worker[2]:
                self._collect(worker)
        result = self.results.pop(key, None)
        if result is None or result.markdown_digest != digest(markdown):
            return None
        return result

    def _collect(self, worker: tuple[int, Path, set[str]]) -> None:
        pid, out, _ = worker
        self.workers.remove(worker)
        _, status = os.waitpid(pid, 0)
        try:
            with out.open("rb") as stream:
                payload = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError):
            payload = {"error": f"worker {pid} left no result (exit status {status})"}
        if "error" in payload:
            self.failed.append(payload["error"])
        else:
            self.results.update(payload["pages"])

    def close(self) -> None:
        """Wait for any worker still running and remove the result files."""
        for worker in list(self.workers):
            self._collect(worker)
        shutil.rmtree(self.folder, ignore_errors=True)


def _work(pages: list[Any], convert: Callable[[Any], Converted], out: Path) -> None:
    code = 0
    try:
        # This process prints nothing: what `convert` logs inside `logged()` is replayed by the main
        # process, and the rest the main process logs itself when it runs the same page events.
        for name in ("", "mkdocs"):
            logging.getLogger(name).handlers = []
        logging.getLogger().addHandler(logging.NullHandler())  # else Python's last-resort handler prints warnings
        logging.getLogger("mkdocs").propagate = True
        payload: dict[str, Any] = {"pages": {page.file.src_uri: convert(page) for page in pages}}
    except BaseException:  # report anything, so the main process converts these pages itself
        payload = {"error": traceback.format_exc(limit=5)}
        code = 1
    try:
        with out.open("wb") as stream:
            pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(code)


def _fingerprint(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class FinishingAhead:
    """A forked process finishing page contents ahead of the main process (see the module's docstring)."""

    def __init__(self, pid: int, stream: Any):
        self.pid = pid
        self.stream = stream  # the pipe's reading end
        self.early: dict[str, tuple[bytes, str | None]] = {}  # results read while looking for another page
        self.ended = False

    @classmethod
    def start(cls, items: Sequence[tuple[str, str]], finish: Callable[[str, str], str]) -> FinishingAhead | None:
        """Fork a process calling `finish(content, name)` on each (name, content) in order; None if it
        cannot (no fork, or too few pages to be worth one)."""
        if len(items) < MIN_PAGES_PER_JOB or jobs_wanted() < 2:
            return None
        forked = fork_with_pipe(lambda write_end: _finish_ahead(items, finish, write_end), child_writes=True)
        if forked is None:
            return None
        pid, read_end = forked
        return cls(pid, os.fdopen(read_end, "rb"))

    def take(self, name: str, content: str) -> str | None:
        """The finished content for this page if the process finished exactly this content; else None."""
        while name not in self.early and not self.ended:
            try:
                got, mark, result = pickle.load(self.stream)
            except (EOFError, OSError, pickle.UnpicklingError):
                self.ended = True
                break
            self.early[got] = (mark, result)
        mark, result = self.early.pop(name, (b"", None))
        if result is None or mark != _fingerprint(content):
            return None
        return result

    def close(self) -> None:
        """Stop the process (closing the pipe ends it if it is still writing) and wait for it."""
        self.stream.close()
        self.early.clear()
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _finish_ahead(items: Sequence[tuple[str, str]], finish: Callable[[str, str], str], write_end: int) -> None:
    code = 0
    try:
        for name in ("", "mkdocs"):  # the main process reports any problem itself, finishing the page again
            logging.getLogger(name).handlers = []
        logging.getLogger().addHandler(logging.NullHandler())
        with os.fdopen(write_end, "wb") as out:
            for name, content in items:
                try:
                    result: str | None = finish(content, name)
                except Exception:  # noqa: BLE001 - the main process finishes this page and reports why
                    result = None
                pickle.dump((name, _fingerprint(content), result), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
    except BaseException:  # a closed pipe (the build ended) or anything: the main process carries on
        code = 1
    finally:
        os._exit(code)
