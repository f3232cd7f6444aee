"""The persistent cache of readability measures and formatted citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cache import FILE_NAME, Cache, code_version, project_cache
from generator.checks.run import check_site
from generator.content.load import load_site
from generator.pages.render import Renderer

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mini"


def counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def compute() -> object:
        calls.append(1)
        return value

    return calls, compute


def test_a_saved_result_is_reused_by_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    calls, compute = counting({"grade": 5.0})
    first = Cache(path)
    assert first.get("k", "some text", compute) == {"grade": 5.0}
    assert first.get("k", "some text", compute) == {"grade": 5.0}
    first.save()
    second = Cache(path)
    assert second.get("k", "some text", compute) == {"grade": 5.0}
    assert len(calls) == 1 and second.hits == 1 and second.misses == 0


def test_different_text_or_kind_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.json")
    calls, compute = counting(1)
    cache.get("readability textstat=1", "a", compute)
    cache.get("readability textstat=1", "b", compute)
    cache.get("readability textstat=2", "a", compute)  # a library upgrade starts afresh
    assert len(calls) == 3


@pytest.mark.parametrize("stored", ["{not json", '{"format": 99, "entries": {}}', '["a list"]', '{"format": 1, "entries": {"k": 3}}', ""])
def test_an_unreadable_or_foreign_file_is_an_empty_cache(tmp_path: Path, stored: str) -> None:
    path = tmp_path / "c.json"
    path.write_text(stored, encoding="utf-8")
    cache = Cache(path)
    calls, compute = counting(7)
    assert cache.get("k", "t", compute) == 7 and calls == [1]
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 1


def test_saving_keeps_only_what_was_used_per_kind(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    cache = Cache(path)
    for text in ("old", "kept"):
        cache.get("words", text, lambda: 1)
    cache.get("citation", "x", lambda: "(A, 2000)")
    cache.save()
    again = Cache(path)
    again.get("words", "kept", lambda: 1)  # "old" was edited away; citations not formatted this run
    again.save()
    entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
    assert len(entries["words"]) == 1 and len(entries["citation"]) == 1


def test_a_read_only_folder_is_not_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    cache = Cache(blocked / "c.json")
    cache.get("k", "t", lambda: 1)
    cache.save()  # cannot create a folder inside a file: nothing raised, nothing left behind
    assert list(tmp_path.iterdir()) == [blocked]


def test_turned_off_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", "off")
    assert project_cache(tmp_path).path is None
    monkeypatch.delenv("GENERATOR_CACHE")
    assert project_cache(tmp_path).path == tmp_path / ".cache" / FILE_NAME


def _check_and_render(content: Path, cache: Cache | None) -> tuple[list[str], list[str]]:
    site, diags = load_site(content)
    assert site is not None
    check_site(site, diags, cache)
    pages = Renderer(site, cache=cache).pages()
    return [str(d) for d in diags.sorted()], [p.markdown for p in pages]


def test_a_warm_cache_gives_the_same_diagnostics_and_pages_as_none(tmp_path: Path) -> None:
    cache_path = tmp_path / "c.json"
    cold = Cache(cache_path)
    without = _check_and_render(FIXTURE, None)
    assert _check_and_render(FIXTURE, cold) == without
    assert cold.misses > 0
    cold.save()
    warm = Cache(cache_path)
    assert _check_and_render(FIXTURE, warm) == without
    assert warm.misses == 0 and warm.hits > 0
    assert any((tmp_path / "jinja").iterdir())  # compiled templates are kept next to the cache


def test_an_edited_module_gets_a_new_code_version(tmp_path: Path) -> None:
    module = tmp_path / "measure.py"
    module.write_text("def words(t): return len(t.split())\n", encoding="utf-8")
    before = code_version(str(module))
    assert code_version(str(module)) == before
    module.write_text("def words(t): return len(t.split()) + 0\n", encoding="utf-8")
    assert code_version(str(module)) != before
    assert code_version(str(tmp_path / "missing.py")) == "?"
