"""Topic keywords in the search index (generator/build/keywords.py), on generated indexes and metadata."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.build import keywords

slugs = st.text("abcdefghij-", min_size=1, max_size=12)
words = st.lists(st.text(min_size=1, max_size=15).filter(str.strip), min_size=1, max_size=8)


@st.composite
def indexes(draw: Any) -> tuple[list[dict[str, Any]], str]:
    """A search index of several pages, each with a page entry and section entries, and one page's url."""
    pages = draw(st.lists(slugs, min_size=1, max_size=5, unique=True))
    entries = []
    for page in pages:
        url = f"section/{page}/"
        entries.append({"location": url, "title": page, "text": ""})
        for anchor in draw(st.lists(slugs, max_size=4, unique=True)):
            entries.append({"location": f"{url}#{anchor}", "title": anchor, "text": ""})
    return entries, f"section/{draw(st.sampled_from(pages))}/"


@given(indexes(), words)
def test_only_the_page_entry_of_that_page_gets_the_keywords(index: tuple[list[dict[str, Any]], str], kws: list[str]) -> None:
    entries, url = index
    text = keywords.keyword_text(kws)
    assert keywords.add_to_entries(entries, url, text) == 1
    for entry in entries:
        assert ("keywords" in entry) == (entry["location"] == url)
        if entry["location"] == url:
            assert entry["keywords"] == text


@given(indexes())
def test_no_keywords_change_nothing(index: tuple[list[dict[str, Any]], str]) -> None:
    entries, url = index
    before = [dict(e) for e in entries]
    assert keywords.add_to_entries(entries, url, "") == 0
    assert entries == before


@given(st.one_of(st.none(), st.integers(), st.text(), st.dictionaries(st.text(), st.text()),
                 st.lists(st.one_of(st.none(), st.integers(), st.text(), st.lists(st.text())))))
def test_keyword_text_takes_only_a_list_of_words(meta: Any) -> None:
    """Whatever a page's metadata holds, the text is the non-blank strings of a list, space-separated, or ""."""
    text = keywords.keyword_text(meta)
    expected = [w for w in meta if isinstance(w, str) and w.strip()] if isinstance(meta, list) else []
    assert text == " ".join(expected)


def test_the_field_is_declared_once_and_a_projects_own_setting_wins() -> None:
    fields: dict[str, Any] = {"title": {"boost": 1e3}}
    keywords.add_field(fields)
    assert fields["keywords"] == {"boost": keywords.BOOST}
    own: dict[str, Any] = {"keywords": {"boost": 5.0}}
    keywords.add_field(own)
    assert own["keywords"] == {"boost": 5.0}
