"""The downloads (references.bib, references.ris) parse with real parsers and hold every entry."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import rispy

from generator.references.bibfields import read_entries
from generator.references.citepage import cite_this_page, page_url, sentence_start
from generator.references.exports import INTERNAL_FIELDS, bibtex_file, ris_file

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "content" / "references.bib").read_text(encoding="utf-8")
KEYS = [e.key for e in read_entries(TEXT)]


def test_bibtex_download_parses_and_holds_every_entry() -> None:
    library = bibtexparser.parse_string(bibtex_file(TEXT, "The Therapeutic Relationship"))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == KEYS
    gelso = next(e for e in library.entries if e.key == "gelso2018")
    assert gelso["author"] == "Gelso, Charles J. and Kivlighan, Jr., Dennis M. and Markin, Rayna D."
    assert gelso["doi"] == "10.1037/pst0000183"
    # Fields that only say how an entry was checked stay out of the download.
    assert not any(name in INTERNAL_FIELDS for e in library.entries for name in e.fields_dict)


def test_ris_download_parses_and_holds_every_entry() -> None:
    records = rispy.loads(ris_file(TEXT))
    assert [r["id"] for r in records] == KEYS
    by_key = {r["id"]: r for r in records}
    gelso = by_key["gelso2018"]
    assert gelso["type_of_reference"] == "JOUR"
    assert gelso["authors"] == ["Gelso, Charles J.", "Kivlighan, Dennis M., Jr.", "Markin, Rayna D."]
    assert (gelso["volume"], gelso["number"], gelso["start_page"], gelso["end_page"]) == ("55", "4", "434", "444")
    assert by_key["fluckiger2018"]["authors"][0] == "Flückiger, Christoph"  # LaTeX accents as text
    book = by_key["norcrosslambert2019"]
    assert book["type_of_reference"] == "BOOK" and book["secondary_authors"] == ["Norcross, John C.", "Lambert, Michael J."]
    page = by_key["samaritans_contact"]
    assert page["type_of_reference"] == "ELEC" and page["authors"] == ["Samaritans"] and page["access_date"] == "2026/12/01/"
    assert by_key["daymond2022"]["type_of_reference"] == "BLOG"
    assert by_key["ostergard2018"]["title"].endswith("psychotherapy—A systematic review and meta-analysis")


def test_ris_has_no_record_numbers() -> None:
    # RIS records start at TY; rispy's default "1." header lines are left out.
    first_lines = [block.splitlines()[0] for block in ris_file(TEXT).strip().split("\n\n")]
    assert all(line.startswith("TY  - ") for line in first_lines)


def test_cite_this_page_is_apa7() -> None:
    import datetime as dt

    url = page_url("https://example.org/guide/", "basics/working-alliance.md")
    assert url == "https://example.org/guide/basics/working-alliance/"
    assert cite_this_page("The Therapeutic Relationship", "The working alliance: goals, tasks and bond", dt.date(2026, 3, 4), url) == (
        "The Therapeutic Relationship. (2026, March 4). <i>The working alliance: Goals, tasks and bond</i>. "
        '<a href="https://example.org/guide/basics/working-alliance/">https://example.org/guide/basics/working-alliance/</a>'
    )
    # A title ending in "?" takes no full stop; text is escaped; no site_url means no URL.
    assert cite_this_page("A & B", "What is <it>?", dt.date(2026, 1, 2), "") == "A &amp; B. (2026, January 2). <i>What is &lt;it&gt;?</i>"
    assert page_url("", "x.md") == "" and page_url("https://e.org", "index.md") == "https://e.org/"
    assert sentence_start("trust: how it grows") == "Trust: How it grows"
