"""`therapy-guide export-pages` then another engine, then `therapy-guide finish` (issue 22).

Here the other engine is MkDocs itself without the generator plugin (what any engine that reads
mkdocs.yml and Material's templates sees); audit/conformance.py does the same with Zensical.
The finished pages must carry what the plugin's own build gives: the same article HTML, the
policy, Get help now, tooltips, and the search pointed at the guide's worker.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .test_build import make_project

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("export"))
    run("generator", "build", "--site-dir", str(project / "site"), cwd=project)
    run("generator", "export-pages", str(project / "pages"), cwd=project)
    run("mkdocs", "build", "-q", "-f", str(project / "pages" / "mkdocs.yml"), "-d", str(project / "pages" / "site"), cwd=project)
    return project


def article(path: Path) -> str:
    found = ARTICLE.search(path.read_text(encoding="utf-8"))
    return " ".join(found.group(1).split()) if found else ""


def test_the_export_has_what_another_engine_needs(built: Path) -> None:
    pages = built / "pages"
    assert (pages / "mkdocs.yml").is_file() and (pages / "overrides" / "main.html").is_file()
    assert (pages / "docs" / "basics" / "index.md").is_file() and (pages / "docs" / "stylesheets" / "guide.css").is_file()
    assert "generator" not in (pages / "mkdocs.yml").read_text(encoding="utf-8").split("plugins:", 1)[1].split("markdown_extensions", 1)[0]


def test_finish_refuses_pages_it_did_not_export_and_changes_nothing(built: Path, tmp_path: Path) -> None:
    stray = tmp_path / "site"
    stray.mkdir()
    (stray / "index.html").write_text("<html><head></head><body><script>alert(1)</script></body></html>", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "finish", str(stray), "--pages", str(built / "pages")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no content markers" in done.stderr and "Traceback" not in done.stderr
    assert "Content-Security-Policy" not in (stray / "index.html").read_text(encoding="utf-8")


def test_finished_pages_match_the_plugins_build(built: Path) -> None:
    other = built / "pages" / "site"
    run("generator", "finish", str(other), "--pages", str(built / "pages"), cwd=built)
    ours = {p.relative_to(built / "site").as_posix() for p in (built / "site").rglob("*.html")}
    theirs = {p.relative_to(other).as_posix() for p in other.rglob("*.html")}
    assert ours == theirs
    different = [name for name in sorted(ours) if article(built / "site" / name) != article(other / name)]
    assert different == []
    for name in sorted(theirs):
        page = (other / name).read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in page and "guide-help-now" in page, name
        assert "guide:content:" not in page, name
    topic = (other / "basics" / "core-conditions" / "index.html").read_text(encoding="utf-8")
    assert "<abbr title=" in topic and "javascripts/search-boot.js?worker=" in topic


def first_answer(site: Path, index: Path, form: str, query: str) -> str | None:
    """The first result the site's search worker gives (the engine's worker behind the guide's
    wrapper, run in Node by audit/search_worker_harness.js)."""
    import json
    import shutil

    if shutil.which("node") is None:
        pytest.skip("Node is not installed")
    worker = re.search(r'"search":\s*"([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    assert worker is not None
    harness = Path(__file__).resolve().parents[2] / "audit" / "search_worker_harness.js"
    done = subprocess.run(["node", str(harness), str(site), worker.group(1), str(index), form, query],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout)
    assert answer["ready"], "the worker never said it was ready"
    return answer["first"]


@pytest.mark.parametrize("query", ["i want to die", "suicidal", "crisis line"])
def test_a_crisis_search_answers_get_help_now_first(built: Path, query: str) -> None:
    """The worker wrapper loads the engine's worker only with the index (the setup message) and
    must still answer: the deferred import and the message dispatched again are exercised here."""
    site = built / "site"
    assert first_answer(site, site / "search" / "search_index.json", "material", query) == "help/"


def test_an_ordinary_search_is_left_alone(built: Path) -> None:
    site = built / "site"
    first = first_answer(site, site / "search" / "search_index.json", "material", "empathy")
    assert first is not None and not first.startswith("help/")
