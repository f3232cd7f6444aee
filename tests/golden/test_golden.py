"""Golden tests: the Markdown we render for fixed content equals committed files.

Regenerate after an intended change with `pytest tests/golden --update-golden`
and review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.content.load import load_site
from generator.pages.render import Renderer

EXPECTED = Path(__file__).resolve().parent / "expected"
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def rendered_pages() -> dict[str, str]:
    site, diags = load_site(MINI)
    assert not diags.errors, [str(d) for d in diags.errors]
    return {p.path: p.markdown for p in Renderer(site, today=dt.date(2026, 11, 26)).pages()}


PAGES = rendered_pages()


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_matches_golden(path: str, update_golden: bool) -> None:
    target = EXPECTED / path
    if update_golden:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGES[path], encoding="utf-8")
    assert target.is_file(), f"no golden file for {path}: run pytest tests/golden --update-golden"
    assert PAGES[path] == target.read_text(encoding="utf-8")


def test_no_stale_golden_files() -> None:
    committed = {str(p.relative_to(EXPECTED)) for p in EXPECTED.rglob("*.md")}
    assert committed == set(PAGES)
