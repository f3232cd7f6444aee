"""Golden test of the formatted references against APA 7, written by hand from APA's rules.

The expected strings were not copied from the output: each was written from the APA 7 rules for
its type (Publication Manual, 7th ed., ch. 9–10) and then compared. `*…*` marks italics. There is
at least one entry per type the guide uses (journal article, book, edited book, chapter, report,
web page with a group author) and every entry with a suffix, an editor or a title ending in "?".
The chapter is a test-only entry (the guide cites no chapter), with placeholder names.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.content.diagnostics import Diagnostics
from generator.references.cite import load_bibliography

ROOT = Path(__file__).resolve().parents[2]
TEST_ONLY = """
@incollection{chapter,
  author    = {Placeholder, Ann B. and Example, Carl D.},
  title     = {A chapter used only to test the chapter format},
  booktitle = {An edited book used only in tests},
  editor    = {Editor, Eve F. and Second, Sam G.},
  edition   = {2},
  pages     = {10--25},
  publisher = {Test Press},
  year      = {2020}
}
"""
BIB = load_bibliography((ROOT / "content" / "references.bib").read_text(encoding="utf-8") + TEST_ONLY, "references.bib", Diagnostics())
REFERENCES = {r.key: r for r in BIB.all_references()}


def as_text(markup: str) -> str:
    """A reference's HTML as text with *italics*: links keep their text."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</?i>", "*", markup)))


EXPECTED = {
    # Journal article: Author, A. A. (Year). Title in sentence case. *Journal*, *volume*(issue), pages. DOI
    "bordin1979": "Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the working alliance. "
    "*Psychotherapy: Theory, Research & Practice*, *16*(3), 252–260. https://doi.org/10.1037/h0085885",
    # Journal article with an article number in place of pages; a particle that stays with the surname.
    "dejong2021": "de Jong, K., Conijn, J. M., Gallagher, R. A. V., Reshetnikova, A. S., Heij, M., & Lutz, M. C. (2021). "
    "Using progress feedback to improve outcomes and reduce drop-out, treatment duration, and deterioration: "
    "A multilevel meta-analysis. *Clinical Psychology Review*, *85*, 102002. https://doi.org/10.1016/j.cpr.2021.102002",
    # Suffix after the initials, set off by commas (APA 9.8).
    "gelso2018": "Gelso, C. J., Kivlighan, D. M., Jr., & Markin, R. D. (2018). The real relationship and its role in "
    "psychotherapy outcome: A meta-analysis. *Psychotherapy*, *55*(4), 434–444. https://doi.org/10.1037/pst0000183",
    "hook2013": "Hook, J. N., Davis, D. E., Owen, J., Worthington, E. L., Jr., & Utsey, S. O. (2013). Cultural humility: "
    "Measuring openness to culturally diverse clients. *Journal of Counseling Psychology*, *60*(3), 353–366. "
    "https://doi.org/10.1037/a0032595",
    # A title ending in "?" takes no full stop after it (APA 9.19).
    "zilchamano2015": "Zilcha-Mano, S., Solomonov, N., Chui, H., McCarthy, K. S., Barrett, M. S., & Barber, J. P. (2015). "
    "Therapist-reported alliance: Is it really a predictor of outcome? *Journal of Counseling Psychology*, *62*(4), "
    "568–578. https://doi.org/10.1037/cou0000106",
    "wampold2015": "Wampold, B. E. (2015). How important are the common factors in psychotherapy? An update. "
    "*World Psychiatry*, *14*(3), 270–277. https://doi.org/10.1002/wps.20238",
    # Proper nouns keep their capitals inside a sentence-case title; an em dash is one character. An
    # online-first article (its print volume not seen): the online year and the DOI, no print pages.
    "hatcher2019": "Hatcher, R. L., Lindqvist, K., & Falkenström, F. (2019). Psychometric evaluation of the Working "
    "Alliance Inventory—Therapist version: Current and new short forms. *Psychotherapy Research*. "
    "https://doi.org/10.1080/10503307.2019.1677964",
    # The print version of an article first published online: the print year with volume, issue and pages.
    "ostergard2018": "Østergård, O. K., Randa, H., & Hougaard, E. (2020). The effect of using the Partners for Change "
    "Outcome Management System as feedback tool in psychotherapy—A systematic review and meta-analysis. "
    "*Psychotherapy Research*, *30*(2), 195–212. https://doi.org/10.1080/10503307.2018.1517949",
    # Book: title in italics and sentence case; edition in parentheses; publisher without location (APA 7).
    "safranmuran2000": "Safran, J. D., & Muran, J. C. (2000). *Negotiating the therapeutic alliance: A relational "
    "treatment guide*. Guilford Press.",
    "wampoldimel2015": "Wampold, B. E., & Imel, Z. E. (2015). *The great psychotherapy debate: The evidence for what "
    "makes psychotherapy work* (2nd ed.). Routledge.",
    # Edited book, one volume of a multivolume work: "(Eds.)" once, "Vol. 1." inside the italic title.
    "norcrosslambert2019": "Norcross, J. C., & Lambert, M. J. (Eds.). (2019). *Psychotherapy relationships that work: "
    "Vol. 1. Evidence-based therapist contributions* (3rd ed.). Oxford University Press.",
    # Chapter in an edited book: editors' initials first, "(Eds.)", book title italic, edition and pages together.
    "chapter": "Placeholder, A. B., & Example, C. D. (2020). A chapter used only to test the chapter format. In E. F. "
    "Editor & S. G. Second (Eds.), *An edited book used only in tests* (2nd ed., pp. 10–25). Test Press.",
    # Report by individual authors: title italic, the issuing body as publisher, DOI.
    "eubanks2015manual": "Eubanks, C. F., Muran, J. C., & Safran, J. D. (2015). *Rupture Resolution Rating System "
    "(3RS): Manual*. Brief Psychotherapy Research Program, Mount Sinai-Beth Israel Medical Center. "
    "https://doi.org/10.13140/2.1.1666.8488",
    # Web page, group author (roman, not italic); undated, with a retrieval date (APA 9.16).
    "samaritans_contact": "Samaritans. (n.d.). *Contact a Samaritan*. Retrieved December 1, 2026, from "
    "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
    # Web page, group author, dated: no retrieval date; author and site the same, so no site name.
    "mind2018": "Mind. (2018). *Talking therapy and counselling: Getting the most from therapy*. "
    "https://www.mind.org.uk/information-support/drugs-and-treatments/talking-therapy-and-counselling/getting-the-most-from-therapy/",
    # Web page whose group author is also its title: the author stays roman.
    "lifeline988": "988 Suicide & Crisis Lifeline. (n.d.). *988 Suicide & Crisis Lifeline*. https://988lifeline.org",
    # Undated works by one group author take n.d.-a, n.d.-b, ... in title order (APA 9.47); the guide
    # has four by BACP, and "What is counselling?" sorts last.
    "bacp_concerns": "British Association for Counselling and Psychotherapy. (n.d.-a). *Get help with counselling "
    "concerns*. https://www.bacp.co.uk/about-therapy/get-help-with-counselling-concerns-service/",
    "bacp_whatis": "British Association for Counselling and Psychotherapy. (n.d.-d). *What is counselling?* "
    "https://www.bacp.co.uk/about-therapy/what-is-counselling/",
    # Web page on a site with its own name (the site name in roman after the title).
    "apa_ptsd_findtherapist": "American Psychological Association. (n.d.). *Finding a good therapist*. Clinical Practice "
    "Guideline for the Treatment of PTSD. https://gradpsych.apags.org/ptsd-guideline/patients-and-families/"
    "finding-good-therapist.aspx",
    "atchity2023": "Atchity, V. (2023, January 9). *Three questions to ask a prospective therapist*. National Alliance "
    "on Mental Illness. https://www.nami.org/mental-health-professionals/three-questions-to-ask-a-prospective-therapist/",
    # Blog post: formatted like a periodical article, with the full date (APA 10.1, example 17).
    "daymond2022": "Daymond, K. (2022, April 26). Contracting between client and counsellor. *BACP Blog*. "
    "https://www.bacp.co.uk/news/news-from-bacp/blogs/2022/26-april-contracting-between-client-and-counsellor/",
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_reference_is_apa7(key: str) -> None:
    assert as_text(REFERENCES[key].html) == EXPECTED[key]


def test_dois_and_urls_are_links() -> None:
    assert '<a href="https://doi.org/10.1037/pst0000183">https://doi.org/10.1037/pst0000183</a>' in REFERENCES["gelso2018"].html
    assert '<a href="https://988lifeline.org">https://988lifeline.org</a>' in REFERENCES["lifeline988"].html


def test_group_author_is_not_italic() -> None:
    assert REFERENCES["lifeline988"].html.startswith("988 Suicide &amp; Crisis Lifeline. (n.d.). <i>")


@pytest.mark.parametrize("key", sorted(k for k in REFERENCES if k != "chapter"))
def test_no_entry_has_the_faults_a_marker_would_circle(key: str) -> None:
    text = as_text(REFERENCES[key].html)
    for fault in ("?.", "..", "–-", "—-", "-–", ",,", " ,", "(eds.)", "Retrieved http", "Retrieved, "):
        assert fault not in text, (key, fault, text)
    assert re.search(r"\(\s*\)", text) is None and re.search(r", \(\d+\)", text) is None, text  # no issue without a volume


def test_editors_are_named_once() -> None:
    text = as_text(REFERENCES["norcrosslambert2019"].html)
    assert text.count("Norcross") == 1 and text.count("Lambert") == 1


IN_TEXT = {
    "[@gelso2018]": "(Gelso et al., 2018)",
    "[@samaritans_contact]": "(Samaritans, n.d.)",
    "[@bacp_concerns; @bacp_whatis]": "(British Association for Counselling and Psychotherapy, n.d.-a, n.d.-d)",
    "[@safran2001]": "(Safran et al., 2001)",
    "[@rogers1957, p. 101]": "(Rogers, 1957, p. 101)",
    "[@martin2000; @fluckiger2018]": "(Flückiger et al., 2018; Martin et al., 2000)",
    "[@wampoldimel2015]": "(Wampold & Imel, 2015)",
    "@hook2013 found": "Hook et al. (2013) found",
    "Martin et al. [-@martin2000]": "Martin et al. (2000)",
}


@pytest.mark.parametrize("citation", sorted(IN_TEXT))
def test_in_text_citation_is_apa7(citation: str) -> None:
    texts, _ = BIB.format_page([citation])
    assert as_text(texts[0]) == IN_TEXT[citation]
