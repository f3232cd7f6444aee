"""Diagnostics: problems found in content, each with a file, a line and a field.

Everything that can go wrong with content is collected as a `Diagnostic`
rather than raised, so an editor sees every problem in one run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in the content, printed as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = f"{self.field}: " if self.field else ""
        warn = "warning: " if self.severity == "warning" else ""
        return f"{where}: {warn}{prefix}{self.message}"


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics, with helpers to add and summarise them."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, path: str | Path, line: int, field_: str, message: str, severity: str = "error") -> None:
        """Record one problem."""
        self.items.append(Diagnostic(str(path), int(line or 0), field_, message, severity))

    def extend(self, others: Iterable[Diagnostic]) -> None:
        """Record several problems."""
        self.items.extend(others)

    @property
    def errors(self) -> list[Diagnostic]:
        """Problems that stop a build."""
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Problems worth fixing that do not stop a build."""
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        """All diagnostics, by file then line, without duplicates."""
        return sorted(set(self.items), key=lambda d: (d.path, d.line, d.field, d.message))

    def summary(self) -> str:
        """A one-line count such as '3 errors in 2 files'."""
        errors = self.errors
        files = len({d.path for d in errors})
        noun = "error" if len(errors) == 1 else "errors"
        fnoun = "file" if files == 1 else "files"
        text = f"{len(errors)} {noun} in {files} {fnoun}"
        if self.warnings:
            w = len(self.warnings)
            text += f" (and {w} warning{'s' if w != 1 else ''})"
        return text

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class ContentError(Exception):
    """Raised when content has errors; carries every diagnostic."""

    def __init__(self, diagnostics: Diagnostics):
        self.diagnostics = diagnostics
        lines = [str(d) for d in diagnostics.sorted()]
        super().__init__("\n".join(lines + [diagnostics.summary()]))


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[-_.\s/]+", text.lower()) if t]


def _shared_words(word: str, choice: str) -> int:
    """How many of the word's parts (between hyphens) the choice has, each allowing a typo."""
    theirs = _tokens(choice)
    return sum(1 for t in _tokens(word) if any(difflib.SequenceMatcher(None, t, u).ratio() >= 0.8 for u in theirs))


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a mistyped word, if one is close enough.

    Candidates are the spellings close to it and the ids that hold every one of its words; the one
    sharing the most words wins, then the closest spelling. So "changing-doctor" proposes
    "changing-doctor-or-raising-a-concern", not the shorter "checking-a-doctor"."""
    word, options = str(word), list(choices)
    candidates = set(difflib.get_close_matches(word, options, n=5, cutoff=0.6))
    parts = len(_tokens(word))
    if parts > 1:
        candidates.update(c for c in options if _shared_words(word, c) == parts)
    if not candidates:
        return None
    return max(sorted(candidates), key=lambda c: (_shared_words(word, c), difflib.SequenceMatcher(None, word, c).ratio()))


def did_you_mean(word: str, choices: Iterable[str], prefix: str = "") -> str:
    """Return ' (did you mean "x"?)' for the closest choice, or ''."""
    close = closest(word, choices)
    return f' (did you mean "{prefix}{close}"?)' if close else ""


def quote(value: object, limit: int = 60) -> str:
    """Show a found value to an editor: short, quoted, never a Python repr of a type."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f'"{text}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a group of fields"
    return str(value)
