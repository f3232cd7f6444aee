"""Readability measures for a topic's plain-language layer.

The grade is Flesch–Kincaid as computed by textstat 0.7.8 (pyphen syllables,
works offline). Markdown is reduced to the words a reader reads first, so that
link targets, citation keys and list markers do not count as words.
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
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_WORD = re.compile(r"[A-Za-z0-9’'][A-Za-z0-9’'\-]*")


@dataclass(frozen=True)
class Readability:
    """Plain-text measures of one piece of prose."""

    words: int
    sentences: int
    grade: float
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


def measure(markdown: str) -> Readability:
    """Measure Markdown prose: words, sentences, FK grade, longest sentence."""
    text = markdown_to_text(markdown)
    sentences = sentences_of(text)
    lengths = [(word_count(s), s) for s in sentences]
    longest = max(lengths, default=(0, ""))
    words = word_count(text)
    grade = 0.0
    if words:
        import textstat  # here, not at the top: with a warm cache it is never needed (and loads a dictionary)

        grade = float(textstat.flesch_kincaid_grade(text))
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


def measure_cached(markdown: str, cache: Cache | None) -> Readability:
    """`measure`, remembered in `cache` (keyed by the text and textstat's version)."""
    if cache is None:
        return measure(markdown)
    return Readability(**cache.get(_kind("readability"), markdown, lambda: asdict(measure(markdown))))


def words_in(markdown: str) -> int:
    """How many words a reader reads in Markdown prose (no grade: that is the slow part)."""
    return word_count(markdown_to_text(markdown))


def words_cached(markdown: str, cache: Cache | None) -> int:
    """`words_in`, remembered in `cache`."""
    if cache is None:
        return words_in(markdown)
    return cache.get(_kind("words"), markdown, lambda: words_in(markdown))
