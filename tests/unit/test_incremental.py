"""Which pages an incremental preview may skip, and how its search index is merged."""

from __future__ import annotations

from pathlib import Path

from generator.build.incremental import (
    merge_search_entries,
    pages_to_skip,
    shared_fingerprint,
)


def test_only_pages_with_the_same_markdown_and_shared_parts_are_skipped() -> None:
    built = {"a.md": "1", "b.md": "2", "gone.md": "3"}
    now = {"a.md": "1", "b.md": "changed", "new.md": "4"}
    assert pages_to_skip(now, "shared", built, "shared") == {"a.md"}
    assert pages_to_skip(now, "shared-changed", built, "shared") == set()
    assert pages_to_skip(now, "shared", {}, None) == set()  # the first build builds everything


def test_shared_fingerprint_sees_every_part_and_theme_files(tmp_path: Path) -> None:
    parts = {"nav": [{"Home": "index.md"}], "tooltips": {"ROM": "Routine outcome monitoring."}}
    first = shared_fingerprint(parts, [tmp_path, None])
    assert shared_fingerprint(dict(parts), [tmp_path]) == first
    assert shared_fingerprint({**parts, "nav": [{"Start": "index.md"}]}, [tmp_path]) != first
    (tmp_path / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    assert shared_fingerprint(parts, [tmp_path]) != first


def test_search_entries_of_rebuilt_and_removed_pages_are_replaced() -> None:
    previous = [
        {"location": "", "title": "Home"},
        {"location": "#doors", "title": "Doors"},
        {"location": "a/", "title": "A old"},
        {"location": "a/#part", "title": "A part old"},
        {"location": "ab/", "title": "AB"},
        {"location": "gone/", "title": "Gone"},
    ]
    fresh = [{"location": "a/", "title": "A new"}]
    merged = merge_search_entries(previous, fresh, rebuilt={"a/"}, pages={"", "a/", "ab/"})
    assert [e["title"] for e in merged] == ["Home", "Doors", "AB", "A new"]
    # The home page ("") rebuilt: only its own entries go (a prefix match would drop every page).
    merged = merge_search_entries(previous, [{"location": "", "title": "Home new"}], rebuilt={""}, pages={"", "a/", "ab/"})
    assert [e["title"] for e in merged] == ["A old", "A part old", "AB", "Home new"]
