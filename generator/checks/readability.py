"""Readability measures for a topic's plain-language layer, per language.

Each language has its formula, computed by textstat 0.7.8 (pyphen syllables, works offline):

- English: the Flesch–Kincaid grade (a US school grade; lower is easier), limit `reading.max_grade`.
- Spanish: Szigriszt-Pazos' perspicuity (0–100; higher is easier), limit `reading.min_score`,
  read on the INFLESZ scale (55–65 "normal", 65–80 "fairly easy"). Chosen over Fernández Huerta
  by measurement: on our sample texts the two rank every text the same (both are linear in
  syllables per word and words per sentence), so the choice rests on the scale that interprets the
  number, and INFLESZ was validated on Spanish health information for the public.
- Any other language: no formula (its sentence length and word counts are still checked).

Words and sentences are counted with Unicode letters ("niño" is one word). Markdown is reduced to
the words a reader reads first, so that link targets, citation keys and list markers do not count.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass

from ..cache import Cache, code_version, versions

# Linear patterns (issue 14): `[^\]]*` from every `[` of a line of brackets, or `\s*` from every
# space of a long run, made `check` take minutes on one hostile line.
_CITATION = re.compile(r"(?<!\s)\s*+\[-?@[^\[\]]++\]")
_LINK = re.compile(r"!?\[([^\[\]]*+)\]\([^()]*+\)")
_HTML_TAG = re.compile(r"<[^<>]++>")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$", re.MULTILINE)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_EMPHASIS = re.compile(r"[*_`]+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+")
# A word: letters or digits in any script, with inner apostrophes and hyphens ("niño", "don't", "co-op").
_WORD = re.compile(r"[^\W_][\w’'\-]*")


@dataclass(frozen=True)
class Formula:
    """A readability formula: its name, whether a higher value is harder, and the limit's setting."""

    name: str
    higher_is_harder: bool
    setting: str  # the field of `reading:` in site.yml that limits it
    unit: str  # how a value is said: "grade 7.2", "score 61.0"


FORMULAS = {
    "en": Formula("Flesch–Kincaid grade", True, "max_grade", "grade"),
    "es": Formula("Szigriszt-Pazos perspicuity (INFLESZ)", False, "min_score", "score"),
}


def formula_for(language: str) -> Formula | None:
    """The formula of a language tag ("es-MX" -> Spanish's), or None when there is none."""
    return FORMULAS.get(language.split("-", 1)[0].lower())


@dataclass(frozen=True)
class Readability:
    """Plain-text measures of one piece of prose."""

    words: int
    sentences: int
    grade: float  # the language's formula's value (a grade in English, a score in Spanish; 0 if none)
    longest_sentence: int
    longest_sentence_text: str


def markdown_to_text(markdown: str) -> str:
    """Reduce Markdown to running text, one block per paragraph.

    Headings and list items become sentences of their own (a full stop is
    added when they have none), so a heading is not glued to the next line.
    """
    text = _CITATION.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    paragraphs: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("!!!", "???", ":::")):
            paragraphs.append([])
            continue
        is_block = bool(_HEADING.match(line) or _LIST_MARKER.match(line))
        line = _HEADING.sub(r"\1", line)
        line = _LIST_MARKER.sub("", line)
        line = _EMPHASIS.sub("", line).strip()
        if is_block and line and line[-1] not in ".!?:":
            line += "."
        if is_block:
            paragraphs.extend([[line], []])
        else:
            paragraphs[-1].append(line)
    return "\n".join(" ".join(p) for p in paragraphs if p)


def sentences_of(text: str) -> list[str]:
    """Split running text into sentences (a simple rule: . ! ? then space)."""
    parts: list[str] = []
    for paragraph in text.splitlines():
        parts.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())
    return parts


def word_count(text: str) -> int:
    """Count words as a reader would: runs of letters and digits."""
    return len(_WORD.findall(text))


def formula_value(text: str, language: str) -> float:
    """The language's formula on running text (0.0 when the language has none)."""
    formula = formula_for(language)
    if formula is None or not text.strip():
        return 0.0
    import textstat  # here, not at the top: with a warm cache it is never needed (and loads a dictionary)

    primary = language.split("-", 1)[0].lower()
    textstat.set_lang(primary)  # textstat's syllables (pyphen) and constants for this language
    try:
        if primary == "es":
            return float(textstat.szigriszt_pazos(text))
        return float(textstat.flesch_kincaid_grade(text))
    finally:
        textstat.set_lang("en")


def measure(markdown: str, language: str = "en") -> Readability:
    """Measure Markdown prose: words, sentences, the language's formula, longest sentence."""
    text = markdown_to_text(markdown)
    sentences = sentences_of(text)
    lengths = [(word_count(s), s) for s in sentences]
    longest = max(lengths, default=(0, ""))
    words = word_count(text)
    grade = formula_value(text, language) if words else 0.0
    return Readability(
        words=words,
        sentences=len(sentences),
        grade=round(grade, 1),
        longest_sentence=longest[0],
        longest_sentence_text=longest[1],
    )


@functools.cache
def _kind(name: str) -> str:
    """A cache kind: what is measured, by which version of this module and of textstat."""
    return f"{name} {code_version(__file__)} {versions('textstat')}"


def measure_cached(markdown: str, cache: Cache | None, language: str = "en") -> Readability:
    """`measure`, remembered in `cache` (keyed by the language, the text and textstat's version)."""
    if cache is None:
        return measure(markdown, language)
    return Readability(**cache.get(_kind(f"readability {language}"), markdown, lambda: asdict(measure(markdown, language))))


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a layer's Markdown, with the offset (in lines) of its first line."""

    offset: int
    markdown: str


def paragraphs_of(markdown: str) -> list[Paragraph]:
    """A layer's paragraphs (blocks between blank lines), outside fenced code."""
    found, start, block, fence = [], 0, [], False
    lines = markdown.split("\n")
    for index, line in enumerate(lines + [""]):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not line.strip() and not fence:
            if block:
                found.append(Paragraph(start, "\n".join(block)))
            block = []
            continue
        if not block:
            start = index
        block.append(line)
    return found


def line_of_sentence(markdown: str, sentence: str) -> int:
    """The offset (in lines) in `markdown` of the line where a sentence starts: found by its first words."""
    words = _WORD.findall(sentence)[:4]
    if not words:
        return 0
    pattern = re.compile(r"\W+".join(re.escape(w) for w in words))
    flat = markdown.replace("\n", " ")
    match = pattern.search(flat)
    return markdown[: match.start()].count("\n") if match else 0


def words_in(markdown: str) -> int:
    """How many words a reader reads in Markdown prose (no grade: that is the slow part)."""
    return word_count(markdown_to_text(markdown))


def words_cached(markdown: str, cache: Cache | None) -> int:
    """`words_in`, remembered in `cache`."""
    if cache is None:
        return words_in(markdown)
    return cache.get(_kind("words"), markdown, lambda: words_in(markdown))
