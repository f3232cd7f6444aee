"""The study deck and the trainee handouts: the model, the checks (on generated variants) and the CSV."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks.run import check_site
from generator.content.load import load_site
from generator.pages.render import Renderer, flashcards_csv

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def problems(root: Path) -> list[str]:
    site, diags = load_site(root)
    check_site(site, diags)
    return [str(d) for d in diags.sorted()]


def with_cards(tmp: Path, cards: list[dict]) -> Path:
    root = tmp / "content"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(MINI, root)
    (root / "flashcards.yml").write_text(yaml.safe_dump(cards, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(WORD, min_size=1, max_size=60))
def test_a_back_longer_than_the_limit_is_two_cards(tmp_path: Path, words: list[str]) -> None:
    root = with_cards(tmp_path, [{"front": "A question?", "back": " ".join(words), "kind": "term"}])
    found = [p for p in problems(root) if "flashcards.yml" in p]
    if len(words) > 25:
        assert found == [f"content/flashcards.yml:2: [0].back: expected one idea in at most 25 words (flashcards.max_back_words in site.yml), got {len(words)}; split it into two cards"]
    else:
        assert found == []


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["figure", "measure", "term"]), cite=st.booleans())
def test_figures_and_measures_need_a_source(tmp_path: Path, kind: str, cite: bool) -> None:
    card = {"front": "What?", "back": "r = .3", "kind": kind}
    if cite:
        card["sources"] = ["fluckiger2018"]
    found = [p for p in problems(with_cards(tmp_path, [card])) if "flashcards.yml" in p]
    needs = kind != "term" and not cite
    assert (found == [f"content/flashcards.yml:1: [0].sources: a {kind} card needs the reference key of the work it comes from"]) if needs else found == []


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=st.text(alphabet="abc XYZ?", min_size=1, max_size=20).filter(str.strip), spaces=st.sampled_from([" ", "  "]))
def test_the_same_front_twice_is_refused_whatever_its_case_and_spacing(tmp_path: Path, front: str, spaces: str) -> None:
    other = spaces.join(front.upper().split())
    cards = [{"front": front, "back": "One.", "kind": "term"}, {"front": other, "back": "Two.", "kind": "term"}]
    found = [p for p in problems(with_cards(tmp_path, cards)) if "flashcards.yml" in p]
    assert found == ["content/flashcards.yml:4: [1].front: the same front as card 1"]


def test_unknown_source_and_unknown_kind_are_located(tmp_path: Path) -> None:
    cards = [{"front": "A?", "back": "B.", "kind": "figure", "sources": ["flukiger2018"]}, {"front": "C?", "back": "D.", "kind": "fact"}]
    found = [p for p in problems(with_cards(tmp_path, cards)) if "flashcards.yml" in p]
    assert any(p.startswith('content/flashcards.yml:5: [0].sources[0]: unknown reference key "flukiger2018" (did you mean "fluckiger2018"?)') for p in found), found
    assert any(p.startswith("content/flashcards.yml:8: [1].kind:") and "figure" in p for p in found), found


def test_the_csv_has_the_deck_then_the_glossary_with_sources(tmp_path: Path) -> None:
    site, _ = load_site(with_cards(tmp_path, [{"front": "=1+1?", "back": "@two", "kind": "figure", "sources": ["fluckiger2018"]}]))
    rows = list(csv.reader(io.StringIO(flashcards_csv(site))))
    assert rows[0] == ["front", "back", "source", "tags"]
    assert rows[1][:2] == ["'=1+1?", "'@two"] and "Flückiger" in rows[1][2] and rows[1][3] == "figure"
    assert len(rows) == 2 + len(site.glossary) and all(r[3] == "term glossary" for r in rows[2:])


def handout(tmp: Path, text: str) -> list[str]:
    root = tmp / "content"
    if not root.exists():
        shutil.copytree(MINI, root)
    (root / "handouts").mkdir(exist_ok=True)
    (root / "handouts" / "card.yml").write_text(text, encoding="utf-8")
    return problems(root)


def test_a_handout_group_needs_something_in_it(tmp_path: Path) -> None:
    found = handout(tmp_path, "title: Card\nintro: Hello.\ngroups:\n  - heading: Empty\n")
    assert any(p.startswith("content/handouts/card.yml:4: groups[0]") and "at least one of questions, items or write_in" in p for p in found), found


def test_a_handout_is_published_at_its_own_address_and_its_prompts_get_space(tmp_path: Path) -> None:
    found = handout(tmp_path, "title: Card\nintro: Hello.\ngroups:\n  - heading: Write\n    write_in: [What happened?]\n    items: [A point]\n")
    assert found == []
    site, _ = load_site(tmp_path / "content")
    pages = {p.path: p for p in Renderer(site).pages()}
    page = pages["handouts/card.md"]
    assert '<ol class="write-in">' in page.markdown and "- A point" in page.markdown
    assert "handouts/card.md" in pages["study-guide.md"].markdown


def test_the_pdf_has_a_contents_list_with_page_numbers_and_bookmarks() -> None:
    """The study guide's PDF: every contents entry points at a heading in the PDF and gets its page
    number; the sections and topics are bookmarks; no link to a topic page is left on paper."""
    import re

    import pytest

    weasyprint = pytest.importorskip("weasyprint")
    from generator.build.pdf import study_guide_html

    site, _ = load_site(MINI)
    html = study_guide_html(site)
    contents = re.search(r'<nav[^>]*class="study-contents".*?</nav>', html, re.S)
    assert contents is not None
    targets = re.findall(r'href="#([^"]+)"', contents.group(0))
    assert targets and all(f'id="{t}"' in html for t in targets), targets
    assert "study-link" not in html and 'href="basics/' not in html
    document = weasyprint.HTML(string=html).render()
    titles = []

    def walk(nodes: list) -> None:  # type: ignore[type-arg]
        for node in nodes:  # (label, target, children, state) in WeasyPrint 60+
            titles.append(node[0])
            walk(node[2])

    walk(document.make_bookmark_tree())
    assert {"Basics", "Alpha topic", "Beta topic"} <= set(titles), titles
    # target-counter() resolves to the page each entry starts on: the contents show numbers.
    assert "leader(" in html and "target-counter" in html
