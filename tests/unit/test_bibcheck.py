"""Bibliography rules (generator/references/rules.py): each rule fails on a bad entry and passes a good one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.diagnostics import Diagnostics
from generator.references.bibfields import read_entries
from generator.references.cite import find_citations, load_bibliography
from generator.references.rules import check_bibtex, unverified_fields

ROOT = Path(__file__).resolve().parents[2]
REL = "content/references.bib"

GOOD_ARTICLE = """@article{good,
  author  = {Gelso, Charles J. and Kivlighan, Jr., Dennis M.},
  title   = {The real relationship},
  journal = {Psychotherapy},
  year    = {2018},
  volume  = {55},
  number  = {4},
  pages   = {434--444},
  doi     = {10.1037/pst0000183}
}
"""


def messages(text: str) -> list[str]:
    diags = Diagnostics()
    check_bibtex(text, REL, diags)
    return [str(d) for d in diags.sorted()]


def test_a_complete_article_passes() -> None:
    assert messages(GOOD_ARTICLE) == []


@pytest.mark.parametrize(
    ("drop", "expected"),
    [
        ("journal", "good.journal: a journal article needs its journal"),
        ("volume", "good.volume: a journal article needs its volume"),
        ("pages", "good.pages: a journal article needs its pages or article number"),
        ("doi", "good.doi: a journal article needs its DOI"),
    ],
)
def test_an_article_missing_a_field_is_located(drop: str, expected: str) -> None:
    text = "\n".join(line for line in GOOD_ARTICLE.splitlines() if not line.strip().startswith(drop))
    found = messages(text)
    if drop == "volume":  # the pages left behind now belong to no print issue: reported too
        assert len(found) == 2 and found[0].startswith(f"{REL}:1: {expected}") and "print pages without their volume" in found[1], found
        return
    assert len(found) == 1 and found[0].startswith(f"{REL}:1: {expected}"), found


def test_no_doi_and_unverified_fields_are_accepted_and_listed() -> None:
    text = GOOD_ARTICLE.replace("  doi     = {10.1037/pst0000183}", "  nodoi   = {true}")
    assert messages(text) == []
    gap = GOOD_ARTICLE.replace("  volume  = {55},\n", "  unverified = {volume, pages},\n").replace("  pages   = {434--444},\n", "")
    assert messages(gap) == []
    assert unverified_fields(gap) == {"good": ["pages", "volume"]}


@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_print_pages_need_their_volume(volume: bool, pages: bool, eid: bool, declared: bool) -> None:
    """Whatever else an article has, pages without a volume are reported (an online-first year with
    print pages: Østergård et al., Hatcher et al.), declared or not; nothing else reports it."""
    text = GOOD_ARTICLE
    if not volume:
        text = text.replace("  volume  = {55},\n", "  unverified = {volume},\n" if declared else "")
    if not pages:
        text = text.replace("  pages   = {434--444},\n", "")
    if eid:
        text = text.replace("  doi ", "  eid     = {7},\n  doi ")
    found = [m for m in messages(text) if "print pages without their volume" in m]
    assert len(found) == (1 if pages and not volume else 0), found
    if found:
        line = int(found[0].split(":")[1])
        assert text.splitlines()[line - 1].strip().startswith("pages")


def test_an_article_number_stands_for_pages() -> None:
    text = GOOD_ARTICLE.replace("pages   = {434--444}", "eid     = {102002}")
    assert messages(text) == []


def test_a_blog_post_written_as_a_periodical_needs_no_volume() -> None:
    text = """@article{blog, author={Daymond, Kathleen}, title={Contracting}, journal={BACP Blog},
  entrysubtype={magazine}, date={2022-04-26}, url={https://www.bacp.co.uk/news/}}"""
    assert messages(text) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kivlighan, Dennis M., Jr.", 'reads "Jr." as the given name; BibTeX writes a suffix second: "Kivlighan, Jr., Dennis M."'),
        ("Worthington, Everett L., III", 'reads "III" as the given name'),
        ("Kivlighan, Jr.", "has a suffix but no given name"),
        ("Dennis M. Kivlighan Jr.", 'reads "Jr." as the family name; write "Kivlighan, Jr., Dennis M."'),
        ("Kivlighan, Jr., Dennis, M.", "has 3 commas"),
    ],
)
def test_swapped_name_parts_are_flagged(name: str, expected: str) -> None:
    text = GOOD_ARTICLE.replace("Kivlighan, Jr., Dennis M.", name)
    found = messages(text)
    assert len(found) == 1 and found[0].startswith(f"{REL}:2: good.author: ") and expected in found[0], found


def test_suffix_in_the_right_place_and_group_authors_pass() -> None:
    text = GOOD_ARTICLE.replace("Gelso, Charles J.", "{American Psychological Association}")
    assert messages(text) == []


def test_empty_editor_is_a_located_message_not_a_crash() -> None:
    text = "@book{w, editor={{}}, title={A book}, year={2020}}\n"
    diags = Diagnostics()
    bibliography = load_bibliography(text, REL, diags)
    check_bibtex(text, REL, diags)
    assert [str(d) for d in diags.sorted()] == [f"{REL}:1: w.editor: editor is empty: give at least one name, or remove the field"]
    # And it still formats (as a book with no editor), so a preview shows the page.
    assert bibliography.all_references()[0].text == "A book. (2020)."


def test_two_ands_in_a_row_is_an_empty_name() -> None:
    text = GOOD_ARTICLE.replace("Gelso, Charles J. and", "Gelso, Charles J. and and")
    assert any("has an empty name" in m for m in messages(text))


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("url", 'https://a.example/"><script>alert(1)</script>', "url contains a quote, angle bracket"),
        ("url", "javascript:alert(1)", 'url "javascript:alert(1)" is not a web address'),
        ("doi", '10.1037/x" onmouseover="alert(1)', "doi contains a quote"),
        ("doi", "https://doi.org/10.1037/pst0000183", "is not a DOI: expected the bare DOI"),
    ],
)
def test_link_fields_that_could_inject_html_are_rejected(field: str, value: str, expected: str) -> None:
    text = GOOD_ARTICLE.replace("  doi     = {10.1037/pst0000183}", f"  doi     = {{10.1037/pst0000183}},\n  {field} = {{{value}}}")
    if field == "doi":
        text = GOOD_ARTICLE.replace("10.1037/pst0000183", value)
    found = messages(text)
    assert any(expected in m and f"good.{field}" in m for m in found), found


def test_formatted_output_escapes_what_a_field_holds() -> None:
    # The check rejects these; the output is escaped as well, in case an entry is formatted unchecked.
    text = '@online{x, title={<b>Bold</b>}, url={https://a.example/"><script>x</script>}, urldate={2026-12-01}}\n'
    html = load_bibliography(text, REL, Diagnostics()).all_references()[0].html
    assert "<script>" not in html and "<b>" not in html
    assert 'href="https://a.example/&quot;&gt;&lt;script&gt;' in html


def test_a_web_page_needs_a_retrieval_date_unless_dated_or_stable() -> None:
    page = "@online{p, author={{Samaritans}}, title={Contact a {Samaritan}}, url={https://www.samaritans.org/}}"
    assert any("p.urldate: an undated web page needs the date it was checked" in m for m in messages(page))
    assert messages(page.replace("url={https://www.samaritans.org/}}", "url={https://www.samaritans.org/}, urldate={2026-12-01}}")) == []
    assert messages(page.replace("url={https://www.samaritans.org/}}", "url={https://www.samaritans.org/}, stable={true}}")) == []
    assert messages(page.replace("url={https://www.samaritans.org/}}", "url={https://www.samaritans.org/}, year={2024}}")) == []
    bad_date = page.replace("url={https://www.samaritans.org/}}", "url={https://www.samaritans.org/}, urldate={1 Dec 2026}}")
    assert any('"1 Dec 2026" is not a date' in m for m in messages(bad_date))


def test_field_lines_are_read() -> None:
    entry = read_entries("% comment\n\n" + GOOD_ARTICLE)[0]
    assert (entry.key, entry.line, entry.line_of("doi"), entry.get("pages")) == ("good", 3, 11, "434--444")


def test_the_guides_bibliography_passes_every_rule() -> None:
    assert messages((ROOT / "content" / "references.bib").read_text(encoding="utf-8")) == []


def test_the_manual_lists_every_unverified_field() -> None:
    """manual/references.md says what could not be checked; it must match the file."""
    manual = (ROOT / "manual" / "references.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([\w:.-]+)` \| ([a-z, ]+) \|", manual, re.MULTILINE))
    declared = unverified_fields((ROOT / "content" / "references.bib").read_text(encoding="utf-8"))
    assert {k: sorted(v.replace(" ", "").split(",")) for k, v in listed.items()} == declared


def test_every_cited_key_is_an_entry() -> None:
    keys = {e.key for e in read_entries((ROOT / "content" / "references.bib").read_text(encoding="utf-8"))}
    for topic in (ROOT / "content" / "topics").glob("*.md"):
        for mark in find_citations(topic.read_text(encoding="utf-8")):
            assert {i.key for i in mark.items} <= keys, topic.name
