"""Citations are APA, from Pandoc's citeproc with the CSL APA style, and link to their entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.diagnostics import Diagnostics
from generator.references.cite import find_citations, load_bibliography

BIB = (Path(__file__).resolve().parents[2] / "content" / "references.bib").read_text()


def bib():
    return load_bibliography(BIB, "content/references.bib", Diagnostics())


def test_find_citations_with_locators() -> None:
    marks = find_citations("a [@bordin1979]\nb [@fluckiger2018; @rogers1957, p. 101]")
    assert [(m.line, [(i.key, i.locator) for i in m.items]) for m in marks] == [
        (1, [("bordin1979", None)]),
        (2, [("fluckiger2018", None), ("rogers1957", "p. 101")]),
    ]


def test_in_text_citations_are_apa_and_link_each_work() -> None:
    texts, refs = bib().format_page(["[@fluckiger2018; @horvath2011] and [@rogers1957, p. 101] and [@safranmuran2000]"])
    assert texts[0] == (
        '<span class="citation" data-cites="fluckiger2018 horvath2011">(<a href="#ref-fluckiger2018">Flückiger et al., 2018</a>; '
        '<a href="#ref-horvath2011">Horvath et al., 2011</a>)</span> and '
        '<span class="citation" data-cites="rogers1957">(<a href="#ref-rogers1957">Rogers, 1957, p. 101</a>)</span> and '
        '<span class="citation" data-cites="safranmuran2000">(<a href="#ref-safranmuran2000">Safran &amp; Muran, 2000</a>)</span>'
    )
    assert [r.key for r in refs] == ["fluckiger2018", "horvath2011", "rogers1957", "safranmuran2000"]


def test_year_only_citation_links_to_its_entry() -> None:
    texts, _ = bib().format_page(["Martin et al. [-@martin2000] found"])
    assert texts[0] == 'Martin et al. <span class="citation" data-cites="martin2000">(<a href="#ref-martin2000">2000</a>)</span> found'


def test_reference_entry_is_apa() -> None:
    _, refs = bib().format_page(["[@fluckiger2018]"])
    assert refs[0].text == (
        "Flückiger, C., Del Re, A. C., Wampold, B. E., & Horvath, A. O. (2018). The alliance in adult psychotherapy: "
        "A meta-analytic synthesis. Psychotherapy, 55(4), 316–340. https://doi.org/10.1037/pst0000172"
    )
    assert '<a href="https://doi.org/10.1037/pst0000172">' in refs[0].html


def test_broken_entries_are_reported_and_others_load() -> None:
    text = BIB + "\n@article{broken,\n  title = {Unclosed,\n  year = {2020}\n\n@article{bordin1979,\n title={Again}\n}\n@weird{x,\n title={X}\n}\n"
    diags = Diagnostics()
    b = load_bibliography(text, "content/references.bib", diags)
    found = [str(d) for d in diags.sorted()]
    assert any("broken: unbalanced braces" in m for m in found), found
    assert any("bordin1979: duplicate key: already defined on line" in m for m in found), found
    assert any("x: unknown entry type '@weird'" in m for m in found), found
    assert "fluckiger2018" in b


def test_pandoc_runs_once_per_build_and_not_at_all_on_a_warm_cache(tmp_path, monkeypatch) -> None:
    import datetime as dt

    from generator.cache import Cache
    from generator.content.load import load_site
    from generator.pages.render import Renderer
    from generator.references import csl

    mini = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
    runs = []
    for build in range(2):
        if build == 1:  # warm: no process may start at all (not even `pandoc --version`)
            monkeypatch.setattr(csl.subprocess, "run", lambda *a, **k: pytest.fail("pandoc started on a warm cache"))
        site, _diags = load_site(mini)
        cache = Cache(tmp_path / "cache.json")
        before = csl.RUNS
        Renderer(site, cache=cache, today=dt.date(2026, 11, 26)).pages()
        cache.save()
        runs.append(csl.RUNS - before)
    assert runs == [1, 0]


def test_a_citation_that_was_not_prepared_still_formats() -> None:
    b = bib()
    b.prepare(["[@bordin1979]"])
    texts, refs = b.format_page(["[@rogers1957; @bordin1979]", "[@nosuchkey]"])
    assert "Rogers, 1957" in texts[0] and texts[1] == "[@nosuchkey]"
    assert [r.key for r in refs] == ["bordin1979", "rogers1957"]


def test_narrative_citation_links_and_leaves_addresses_alone() -> None:
    texts, refs = bib().format_page(["@bordin1979 proposed it; write to jo@samaritans.org; @nobody is not a key."])
    assert texts[0] == (
        '<span class="citation" data-cites="bordin1979">Bordin (<a href="#ref-bordin1979">1979</a>)</span> proposed it; '
        "write to jo@samaritans.org; @nobody is not a key."
    )
    assert [r.key for r in refs] == ["bordin1979"]
