"""Incremental preview builds: which pages a rebuild can skip, and the search index they leave behind.

`python -m generator serve` runs MkDocs' dirty builds: after the first build, MkDocs rebuilds a
page only if its file says it was modified. For a generated page that is the case when its
Markdown changed, or when anything every page shares changed (the navigation, the configuration
and theme, the glossary tooltips, the help line, the preview's problem banner, the set of pages);
then every page is rebuilt. Nothing here imports MkDocs: the plugin does the wiring.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..cache import digest


def shared_fingerprint(parts: Mapping[str, Any], folders: Iterable[str | Path | None] = ()) -> str:
    """A hash of everything every page shows, plus the names and times of the files in `folders` (theme overrides)."""
    stamps = []
    for folder in folders:
        if folder is not None and Path(folder).is_dir():
            stamps += sorted((str(p), p.stat().st_mtime_ns) for p in Path(folder).rglob("*") if p.is_file())
    return digest(json.dumps({"parts": parts, "files": stamps}, sort_keys=True, default=str))


def pages_to_skip(
    digests: Mapping[str, str], shared: str, built_digests: Mapping[str, str], built_shared: str | None
) -> set[str]:
    """The generated pages whose output cannot have changed since the last build."""
    if built_shared != shared:
        return set()
    return {path for path, value in digests.items() if built_digests.get(path) == value}


def page_of(location: str) -> str:
    """The page a search entry belongs to: its location without the anchor."""
    return location.split("#", 1)[0]


def merge_search_entries(
    previous: list[dict[str, Any]], fresh: list[dict[str, Any]], rebuilt: set[str], pages: set[str]
) -> list[dict[str, Any]]:
    """The previous build's entries for pages not rebuilt (and still in the site), then this build's."""
    kept = [e for e in previous if page_of(e["location"]) not in rebuilt and page_of(e["location"]) in pages]
    return kept + fresh
