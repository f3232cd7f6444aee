"""The quality gates on the real site (they must pass), and on pages built to break each one (they must fail)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from audit import gates
from audit.browser import serve, site_pages

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUR_JS = sorted((ROOT / "generator" / "assets" / "javascripts").glob("*.js"))


@pytest.fixture(scope="module")
def page_results(driver, served, project, node_tools):  # type: ignore[no-untyped-def]
    return gates.check_pages(driver, served, site_pages(project / "site"))


def test_accessibility_gate_passes_on_every_page(page_results) -> None:  # type: ignore[no-untyped-def]
    axe, _ = page_results
    assert axe.passed, "\n".join(axe.problems[:40])


def test_privacy_gate_passes_on_every_page(page_results, project) -> None:  # type: ignore[no-untyped-def]
    _, privacy = page_results
    assert privacy.passed, "\n".join(privacy.problems)
    static = gates.static_scan(project / "site", OUR_JS)
    assert static.passed, "\n".join(static.problems)


def test_search_gate_passes(driver, served) -> None:  # type: ignore[no-untyped-def]
    result = gates.search_quality(driver, served, gates.load_queries(HERE / "search-queries.yml"))
    print(result.summary, *result.problems, sep="\n")  # the misses, for the log
    assert len(gates.load_queries(HERE / "search-queries.yml")) >= 30
    assert result.passed, "\n".join([result.summary, *result.problems])


def test_link_gates_pass(served, project) -> None:  # type: ignore[no-untyped-def]
    anchors = gates.anchor_check(project / "site")
    assert anchors.passed, "\n".join(anchors.problems)
    crawl = gates.link_check(served)
    assert crawl.passed, "\n".join([crawl.summary, *crawl.problems])


def test_html_gate_passes(project, node_tools) -> None:  # type: ignore[no-untyped-def]
    result = gates.html_check(project / "site", ROOT / "audit" / "html-allowlist.yml")
    assert result.passed, "\n".join([result.summary, *result.problems[:30]])


# -- each gate fails on a page built to break it ------------------------------------------------------


@pytest.fixture(scope="module")
def broken_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site with one page per kind of breakage, made from the real about page."""
    site = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(project / "site", site)
    # Without the page's Content-Security-Policy: each gate must catch its breakage on its own
    # (the policy would block the inline style and the font before a gate could see them).
    about = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", (site / "about" / "index.html").read_text(encoding="utf-8"))

    def page(name: str, body: str = "", head: str = "") -> None:
        html = about.replace("</head>", head + "</head>", 1).replace("<h1", body + "<h1", 1)
        (site / name).mkdir()
        (site / name / "index.html").write_text(html, encoding="utf-8")

    page("low-contrast", body='<p>Read <a href="../about/" style="color:#9e9e9e;text-decoration:none">this link</a> in the text.</p>')
    page("external-font", head='<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')
    page("dead-link", body='<p><a href="../nowhere/">a dead link</a> and <a href="../about/#no-such-anchor">a dead anchor</a></p>')
    page("bad-html", body='<p id="twice">one</p><p id="twice">two</p><span><div>block in inline</div></span>')
    # Link the broken pages from the home page, so a crawl from "/" reaches them.
    home = site / "index.html"
    links = "".join(f'<a href="{n}/">{n}</a> ' for n in ("low-contrast", "external-font", "dead-link", "bad-html"))
    home.write_text(home.read_text(encoding="utf-8").replace("<h1", f"<p>{links}</p><h1", 1), encoding="utf-8")
    return site


def test_accessibility_gate_fails_on_a_low_contrast_link(driver, broken_site, node_tools) -> None:  # type: ignore[no-untyped-def]
    with serve(broken_site) as base:
        axe, _ = gates.check_pages(driver, base, ["/low-contrast/"])
    assert not axe.passed
    assert any("color-contrast" in p or "link-in-text-block" in p for p in axe.problems), axe.problems


def test_privacy_gates_fail_on_an_external_font(driver, broken_site, node_tools) -> None:  # type: ignore[no-untyped-def]
    with serve(broken_site) as base:
        _, privacy = gates.check_pages(driver, base, ["/external-font/"])
    assert not privacy.passed and any("fonts.googleapis.com" in p for p in privacy.problems), privacy.problems
    static = gates.static_scan(broken_site)
    assert not static.passed and any("fonts.googleapis.com" in p for p in static.problems)


def test_link_gates_fail_on_a_dead_link(broken_site) -> None:
    anchors = gates.anchor_check(broken_site)
    assert not anchors.passed
    assert any("../nowhere/: no such file" in p for p in anchors.problems)
    assert any('no element with id "no-such-anchor"' in p for p in anchors.problems)
    with serve(broken_site) as base:
        crawl = gates.link_check(base)
    assert not crawl.passed and any("nowhere" in p for p in crawl.problems), crawl.problems


def test_html_gate_fails_on_invalid_html(broken_site, node_tools) -> None:  # type: ignore[no-untyped-def]
    result = gates.html_check(broken_site, ROOT / "audit" / "html-allowlist.yml")
    assert not result.passed
    assert any("bad-html" in p and "Duplicate ID" in p for p in result.problems), result.problems


def test_search_gate_fails_on_a_query_with_no_match(driver, served) -> None:  # type: ignore[no-untyped-def]
    result = gates.search_quality(driver, served, [{"query": "xylophone quasar", "expect": "/basics/working-alliance/"}])
    assert not result.passed
    assert result.problems == ['"xylophone quasar": expected /basics/working-alliance/, got no results']
