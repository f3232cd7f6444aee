"""A persistent cache for results that are pure functions of text: readability and citations.

Both have a start-up cost that dwarfs the work on a small guide: textstat loads the CMU
pronouncing dictionary (about 1.2 s) before counting the first syllable, and formatting the
citations starts Pandoc's citeproc as a separate process (csl.py, once per run). Their results
depend only on the text measured or the bibliography and citations formatted (and on the code and
the libraries' versions, which are part of every key), so they are stored in one JSON file and
reused by the next build. A missing, unreadable or foreign file is an empty cache; the cache never
decides whether content is valid, it only remembers numbers and formatted strings.

Set `GENERATOR_CACHE=off` to build without it. Saving keeps only the entries this run used,
so the file does not grow as content changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

FORMAT = 1
FILE_NAME = "generator-cache.json"


def versions(*packages: str) -> str:
    """'name=version' for each installed package: part of a cache kind, so an upgrade starts afresh."""
    found = []
    for name in packages:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return ",".join(found)


def code_version(module_file: str) -> str:
    """A short hash of a module's source: part of a cache kind, so results computed by older code
    (say, a changed word count) are not reused after an edit. Nobody has to remember to bump a number."""
    try:
        return hashlib.sha256(Path(module_file).read_bytes()).hexdigest()[:12]
    except OSError:
        return "?"


def digest(text: str) -> str:
    """A stable hash of some text: a cache entry's key, and how pages and files are compared."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


Entries = dict[str, dict[str, Any]]  # kind -> text hash -> result


class Cache:
    """Results keyed by kind and text. Without a path it lives in memory only (one process).

    A kind names the computation and the library versions it depends on, e.g.
    "readability textstat=0.7.8". Saving replaces the entries of each kind used since the
    last save with the ones used, and keeps kinds this run did not touch (`check` does not
    format citations, so it keeps theirs).
    """

    def __init__(self, path: Path | None = None):
        self.path = path
        self.stored: Entries = self._read(path) if path is not None else {}
        self.used: Entries = {}
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _read(path: Path) -> Entries:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        entries = data.get("entries") if isinstance(data, dict) and data.get("format") == FORMAT else None
        if not isinstance(entries, dict) or not all(isinstance(v, dict) for v in entries.values()):
            return {}
        return entries

    def get(self, kind: str, text: str, compute: Callable[[], Any]) -> Any:
        """The stored result for this text, or `compute()` (stored for next time). Results must be JSON."""
        key = digest(text)
        used = self.used.setdefault(kind, {})
        if key in used:
            self.hits += 1
            return used[key]
        stored = self.stored.get(kind, {})
        if key in stored:
            self.hits += 1
            value = stored[key]
        else:
            self.misses += 1
            value = compute()
        used[key] = value
        return value

    def save(self) -> None:
        """Write what this run used (atomically) and start counting afresh; a read-only disk is not an error."""
        merged = {**self.stored, **self.used}
        changed = merged != self.stored
        self.stored, self.used, self.hits, self.misses = merged, {}, 0, 0
        if self.path is None or not changed:
            return
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".cache-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"format": FORMAT, "entries": merged}, out, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


def project_cache(project_dir: Path) -> Cache:
    """The cache kept in `<project>/.cache/`, or an in-memory one when GENERATOR_CACHE=off."""
    if os.environ.get("GENERATOR_CACHE", "").lower() in {"off", "0", "no", "false"}:
        return Cache()
    return Cache(project_dir / ".cache" / FILE_NAME)
