"""A generated page never replaces a hand-written one (issue 14: a section named `about` replaced the About page)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.e2e.test_build import ROOT, tree_digest

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def mini_project(where: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", where / "docs")
    shutil.copytree(MINI, where / "content")
    return where


def test_a_section_named_like_a_docs_page_is_an_error_naming_both(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = mini_project(tmp_path)
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 0
    before = tree_digest(project / "site")
    (project / "content" / "sections" / "about.yml").write_text("title: About us\norder: 2\nsummary: Us.\nintro: Us.\n", encoding="utf-8")
    topic = project / "content" / "topics" / "beta.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("section: basics", "section: about", 1), encoding="utf-8")
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 1
    # MkDocs logs a plugin's error (its handler's stream is whichever stderr the first build saw).
    err = caplog.text
    assert "content/sections/about.yml: its page would be published at /about/, the address of docs/about.md" in err
    assert tree_digest(project / "site") == before
