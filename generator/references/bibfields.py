"""BibTeX entries as raw fields with line numbers, for checks that point at a field.

citeproc-py and Pandoc read BibTeX well but forget where each field was; a message such as
`content/references.bib:212: hook2013.author: …` needs the line. This reader is tolerant: it
never raises, and an entry it cannot follow simply ends where the next `@` entry starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ENTRY_START = re.compile(r"^@(\w+)\s*[{(]\s*([^,\s]*)\s*,?", re.MULTILINE)
"""The start of an entry, `@type{key,`: the loader (cite.py) splits the file with it too."""
_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w.:+-]*)\s*=\s*")
_SKIPPED = {"comment", "preamble", "string"}


@dataclass(frozen=True)
class RawField:
    """One field as written: its value without the outer braces or quotes, and its line."""

    value: str
    line: int


@dataclass
class RawEntry:
    """One entry: its type (lower case), key, first line and fields (names in lower case)."""

    kind: str
    key: str
    line: int
    fields: dict[str, RawField] = field(default_factory=dict)

    def get(self, name: str) -> str:
        """The field's value with white space collapsed, or '' when absent."""
        raw = self.fields.get(name)
        return " ".join(raw.value.split()) if raw else ""

    def line_of(self, name: str) -> int:
        """The field's line, or the entry's when the field is absent."""
        raw = self.fields.get(name)
        return raw.line if raw else self.line

    def listed(self, name: str) -> set[str]:
        """A comma-separated field such as `unverified = {volume, pages}`, as lower-case words."""
        return {part.strip().lower() for part in self.get(name).split(",") if part.strip()}


def _value_end(text: str, start: int) -> int:
    """Where a field value that starts at `start` ends (exclusive); tolerant of bad input."""
    if start >= len(text):
        return start
    opener = text[start]
    if opener == "{":
        depth = 0
        for i in range(start, len(text)):
            if text[i] == "{" and text[i - 1] != "\\":
                depth += 1
            elif text[i] == "}" and text[i - 1] != "\\":
                depth -= 1
                if depth == 0:
                    return i + 1
        return len(text)
    if opener == '"':
        depth = 0
        for i in range(start + 1, len(text)):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
            elif text[i] == '"' and depth == 0 and text[i - 1] != "\\":
                return i + 1
        return len(text)
    match = re.match(r"[^,}\s]*", text[start:])
    return start + (match.end() if match else 0)


def _strip(value: str) -> str:
    if len(value) >= 2 and ((value[0] == "{" and value[-1] == "}") or (value[0] == '"' and value[-1] == '"')):
        return value[1:-1]
    return value


def read_entries(text: str) -> list[RawEntry]:
    """Every entry of a BibTeX text with its fields and their lines (comments and @string skipped)."""
    entries = []
    starts = list(ENTRY_START.finditer(text))
    for number, match in enumerate(starts):
        kind, key = match.group(1).lower(), match.group(2)
        if kind in _SKIPPED or not key:
            continue
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        entry = RawEntry(kind, key, text.count("\n", 0, match.start()) + 1)
        pos = match.end()
        while pos < end:
            name = _FIELD_NAME.match(text, pos, end)
            if not name:
                break
            value_start = name.end()
            value_end = min(_value_end(text, value_start), end)
            line = text.count("\n", 0, name.start(1)) + 1
            entry.fields.setdefault(name.group(1).lower(), RawField(_strip(text[value_start:value_end]), line))
            pos = value_end
            # Skip the comma (or `#` concatenation is not supported: the rest of the value is ignored).
            separator = re.match(r"\s*[,#]?", text[pos:end])
            pos += separator.end() if separator else 0
        entries.append(entry)
    return entries


def _mask_braces(value: str) -> str:
    """The value with everything inside braces replaced by '_' (same length), so that words in
    a braced group name ({Mental Health Foundation and Partners}) are not read as separators."""
    out, depth = [], 0
    for ch in value:
        if ch == "{":
            depth += 1
        out.append("_" if depth and ch not in "{}" else ch)
        if ch == "}":
            depth = max(depth - 1, 0)
    return "".join(out)


def split_names(value: str) -> list[str]:
    """The names of an author or editor field, split on the word 'and' outside braces."""
    names, start = [], 0
    for match in re.finditer(r"(?i)(?<!\S)and(?!\S)", _mask_braces(value)):
        names.append(value[start : match.start()].strip())
        start = match.end()
    names.append(value[start:].strip())
    return names


def name_parts(name: str) -> list[str]:
    """A name's comma-separated parts (outside braces), stripped: 'Last, Jr., First' gives three."""
    parts, depth, current = [], 0, []
    for ch in name:
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts
