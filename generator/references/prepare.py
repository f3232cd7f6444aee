"""BibTeX entries made ready for APA formatting, whatever the editor remembered to do.

Two APA 7 rules the data alone kept getting wrong, applied to every entry before Pandoc sees it
(the file and its downloads stay as written):

- **Proper nouns keep their capitals.** Pandoc's citeproc writes a title in sentence case and
  lower-cases every word that is not in braces (BibTeX's convention), so "launched across Wales"
  became "launched across wales". In a title written in sentence case, a capitalised word after the
  first is a proper noun, an acronym or the first word of a subtitle, and each keeps its capital in
  APA: it is put in braces here. (Pandoc lower-cases even a name that starts a subtitle:
  "Support: Wales" became "Support: wales".)
- **A retrieval date only for a page designed to change.** APA 7 gives "Retrieved Month Day, Year,
  from" only for a work whose content is meant to change (an undated page). A dated work (a blog
  post, a report, an article with a year) loses its `urldate` here, so no retrieval date is printed.
"""

from __future__ import annotations

import re

_TITLE_FIELD = re.compile(r"(?im)^(\s*(?:title|booktitle)\s*=\s*)\{")
_FIELD = re.compile(r"(?im)^\s*(year|date)\s*=\s*[{\"]?\s*\S")
_URLDATE = re.compile(r"(?im)^\s*urldate\s*=\s*\{[^{}\n]*\},?[ \t]*\n")
_LEADING = re.compile(r"^[(\[\"'`]*")
_TRAILING = re.compile(r"[)\]\"',.;:?!]*$")


def _matching_brace(text: str, start: int) -> int:
    """The index of the `}` closing the `{` at `start`, or -1 when it is not closed."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "\\":
            continue
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _words(value: str) -> list[str]:
    """The value split at white space outside braces; a word keeps its brace groups (G{\\"o}ritz)."""
    words, current, depth = [], "", 0
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        if char.isspace() and depth == 0:
            if current:
                words.append(current)
            words.append(char)
            current = ""
        else:
            current += char
    if current:
        words.append(current)
    return words


def protect_proper_nouns(title: str) -> str:
    """A sentence-case title with each capitalised word after the first put in braces, so that Pandoc
    keeps it as written ("across Wales" stays "across Wales", "Outcome: An update" keeps its "An")."""
    out: list[str] = []
    first = True
    for word in _words(title):
        if word.isspace():
            out.append(word)
            continue
        lead = _LEADING.match(word).group(0)  # type: ignore[union-attr]
        core = word[len(lead):]
        trail = _TRAILING.search(core).group(0) if core else ""  # type: ignore[union-attr]
        core = core[: len(core) - len(trail)] if trail else core
        letter = next((c for c in core if c.isalpha()), "")
        if core and not core.startswith("{") and not first and letter.isupper() and core[0] != "\\":
            word = f"{lead}{{{core}}}{trail}"
        out.append(word)
        first = False
    return "".join(out)


def _protect_titles(entry: str) -> str:
    out, pos = [], 0
    for match in _TITLE_FIELD.finditer(entry):
        open_at = match.end() - 1
        close_at = _matching_brace(entry, open_at)
        if close_at < 0 or open_at < pos:
            continue
        out += [entry[pos : open_at + 1], protect_proper_nouns(entry[open_at + 1 : close_at])]
        pos = close_at
    out.append(entry[pos:])
    return "".join(out)


def _drop_retrieval_date_of_dated_work(entry: str) -> str:
    return _URLDATE.sub("", entry) if _FIELD.search(entry) else entry


def prepare_entry(entry: str) -> str:
    """One BibTeX entry as Pandoc should format it (see the module's docstring)."""
    return _drop_retrieval_date_of_dated_work(_protect_titles(entry))
