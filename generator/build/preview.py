"""The preview's output folder: what a dirty rebuild leaves behind.

`serve` rebuilds only what changed (dirty builds), and MkDocs never empties the
folder it serves from, so the HTML of a deleted topic stayed there and kept
being served. After each rebuild the files written by the previous build but
not by this one are removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def remove_stale(previous: Iterable[str], current: Iterable[str], site_dir: str | Path) -> list[Path]:
    """Delete the files in `previous` but not in `current` (absolute paths inside `site_dir`), and the
    folders they leave empty; return what was deleted. Nothing outside `site_dir` is touched."""
    root = Path(site_dir).resolve()
    removed = []
    for name in sorted(set(previous) - set(current)):
        path = Path(name).resolve()
        if root not in path.parents or not path.is_file():
            continue
        path.unlink()
        removed.append(path)
        folder = path.parent
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed
