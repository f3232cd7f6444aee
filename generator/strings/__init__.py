"""Interface strings: every word the generator itself writes (headings, buttons, labels, messages
of the scripts), one table per language, each overridable from the guide's `site.yml`.

The tables are `<language>.yml` in this folder: nested groups of `name: text`, read as flat keys
(`quiz:` / `check:` is the key `quiz.check`). English (`en.yml`) is the reference: it has every key,
and a test checks that every other table has the same keys and the same `{placeholders}`.

A guide picks its table with `language:` in site.yml (`es-MX` uses `es.yml`) and replaces any
string under `strings:`, with the same flat keys:

    strings:
      quiz.check: Check your answer

Python asks a `Strings` for a key (`strings("quiz.check")`, `strings.plural("refs.count", 3)`);
templates call the Jinja global `t` (`{{ t("quiz.check") }}`); the scripts read the table from
`window.guideStrings`, written at the top of the guide's script (see `script_data`).
No I/O beyond reading the packaged tables; nothing here knows MkDocs.
"""

from __future__ import annotations

import functools
import json
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TABLES = Path(__file__).parent
REFERENCE = "en"
# A language tag as site.yml writes it: "en", "es", "es-MX", "pt-BR", "zh-Hant" (the model also asks
# langcodes whether its subtags are registered).
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class StringsError(Exception):
    """A packaged table is broken (a bug in the generator, caught by the unit tests)."""


def _flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, value in data.items():
        key = f"{prefix}{name}"
        if isinstance(value, Mapping):
            yield from _flatten(value, key + ".")
        else:
            yield key, value


def flatten(data: Mapping[str, Any]) -> dict[str, Any]:
    """Nested groups as flat dotted keys: {"quiz": {"check": "x"}} -> {"quiz.check": "x"}."""
    return dict(_flatten(data))


def available() -> list[str]:
    """The languages with a shipped table, e.g. ["en", "es"]."""
    return sorted(p.stem for p in TABLES.glob("*.yml"))


def table_language(language: str) -> str | None:
    """The shipped table a language tag uses ("es-MX" -> "es"), or None when none is shipped."""
    primary = language.split("-", 1)[0].lower()
    return primary if primary in available() else None


@functools.lru_cache(maxsize=None)
def table(language: str) -> dict[str, str]:
    """One shipped table, flat (read once per process)."""
    path = TABLES / f"{language}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    flat = flatten(data or {})
    bad = [k for k, v in flat.items() if not isinstance(v, str)]
    if bad:
        raise StringsError(f"{path.name}: not text: {', '.join(bad)}")
    return flat


def keys() -> list[str]:
    """Every interface string's key (the English table's)."""
    return list(table(REFERENCE))


def placeholders(text: str) -> set[str]:
    """The `{names}` a string fills in: "Question {number}" -> {"number"}."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _placeholder_problem(text: str, default: str) -> str | None:
    """Why an override's placeholders do not fit its default's, or None."""
    try:
        used = placeholders(text)
    except ValueError as exc:
        return f"{exc}; write a brace as {{{{ or }}}}"
    allowed = placeholders(default)
    unknown = sorted(used - allowed)
    if unknown:
        have = ", ".join("{" + n + "}" for n in sorted(allowed)) or "none"
        return f"unknown placeholder {{{unknown[0]}}}; this string can use: {have}"
    return None


def override_problems(overrides: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(key, message) for every override that is not a known key with usable text."""
    from ..content.diagnostics import did_you_mean  # content/ imports this module for the model

    known = table(REFERENCE)
    problems = []
    for key, text in overrides.items():
        if key not in known:
            hint = did_you_mean(key, known)
            problems.append((key, f"unknown interface string{hint}; every key is listed in manual/strings.md"))
            continue
        if isinstance(text, str):
            problem = _placeholder_problem(text, known[key])
            if problem:
                problems.append((key, problem))
    return problems


@dataclass(frozen=True)
class Strings:
    """The interface strings of one guide: its language's table, with the guide's overrides on top."""

    language: str = REFERENCE
    overrides: Mapping[str, str] = field(default_factory=dict)

    @functools.cached_property
    def values(self) -> dict[str, str]:
        """Every key's text: English, then the language's table, then the guide's overrides."""
        merged = dict(table(REFERENCE))
        shipped = table_language(self.language)
        if shipped is not None:
            merged.update(table(shipped))
        merged.update({k: v for k, v in self.overrides.items() if k in merged})
        return merged

    def __call__(self, key: str, **values: Any) -> str:
        """The text of `key`, its `{placeholders}` filled from `values`. An unknown key is a bug: KeyError."""
        text = self.values[key]
        return text.format(**values) if values or "{" in text else text

    def plural(self, key: str, count: int, **values: Any) -> str:
        """`key.one` for a count of 1, else `key.other`, with `{count}` filled in."""
        return self(f"{key}.one" if count == 1 else f"{key}.other", count=count, **values)

    def script_data(self) -> str:
        """The table as a statement at the top of the guide's script (a file, not an inline script:
        the policy allows no unhashed inline script). ASCII-only JSON, so no character can end it."""
        return "window.guideStrings = " + json.dumps(self.values, ensure_ascii=True, sort_keys=True) + ";\n"

    def __hash__(self) -> int:
        return hash((self.language, tuple(sorted(self.overrides.items()))))


@functools.lru_cache(maxsize=32)
def _strings(language: str, overrides: tuple[tuple[str, str], ...]) -> Strings:
    return Strings(language, dict(overrides))


def strings_for(language: str = REFERENCE, overrides: Mapping[str, str] | None = None) -> Strings:
    """The strings of a guide in `language` with its overrides (shared between calls)."""
    return _strings(language, tuple(sorted((overrides or {}).items())))
