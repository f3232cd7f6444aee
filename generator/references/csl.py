"""APA 7 formatting by Pandoc's citeproc, the reference CSL engine, run once over the whole bibliography.

Why Pandoc and not citeproc-py: measured on every entry of content/references.bib (see
manual/references.md), citeproc-py gets APA wrong where the CSL style relies on parts of CSL
it does not implement: it leaves titles in Title Case, doubles punctuation after a question
mark ("outcome?."), reads a BibTeX suffix as a given name, prints "(eds.)" in lower case and the
editors twice, and italicises a title standing in for the author. Pandoc's citeproc (the engine
of Quarto and R Markdown) does these as the style says.

Pandoc ships inside the `pypandoc-binary` wheel, so nothing is installed system-wide. It starts
in about 0.1 s and formats the whole bibliography and every citation of the guide in one run;
the caller caches the result (cite.py), so a warm build does not start Pandoc at all.
"""

from __future__ import annotations

import functools
import html
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

RUNS = 0
"""How many times Pandoc has been started in this process (tests check it runs once per build,
and not at all on a warm cache: nothing else here starts it, not even to ask its version)."""

_TIMEOUT_S = 120  # a generous limit, only so a broken binary cannot hang a build


class FormatError(RuntimeError):
    """Pandoc could not format the bibliography (it is missing, or it failed)."""


@dataclass(frozen=True)
class Formatted:
    """What one Pandoc run gives: each entry's HTML, in APA order, and each citation's HTML."""

    references: list[tuple[str, str]]
    citations: list[str]


def pandoc_path() -> str:
    """The pandoc binary shipped by pypandoc-binary."""
    try:
        import pypandoc
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise FormatError("pypandoc-binary is not installed: pip install pypandoc-binary") from exc
    return pypandoc.get_pandoc_path()


# The HTML Pandoc writes carries ARIA roles and empty <span>s (case protection); the site keeps
# to common tags with class/id/aria-*/data-* attributes, so these are taken out.
_ROLE_RE = re.compile(r'\s+role="[^"]*"')
_NOCASE_RE = re.compile(r'<span(?: class="nocase")?>(.*?)</span>', re.DOTALL)
_EM_RE = re.compile(r"<(/?)em>")
_CITATION_DIV = re.compile(r'<div id="c(\d+)">\s*<p>(.*?)</p>\s*</div>', re.DOTALL)
_ENTRY_DIV = re.compile(r'<div id="ref-([^"]+)" class="csl-entry">\s*(.*?)\s*</div>', re.DOTALL)


def _clean(markup: str) -> str:
    while True:
        plain = _NOCASE_RE.sub(r"\1", markup)
        if plain == markup:
            break
        markup = plain
    # <i>, not <em>: APA's italics are typography (a journal's name), not emphasis.
    return _EM_RE.sub(r"<\1i>", markup).replace("\n", " ")


# APA 7 (9.16) gives a retrieval date only for pages designed to change, and the form is
# "Retrieved Month Day, Year, from URL". The CSL APA style prints the word "Retrieved" for any
# undated page, even one with no retrieval date, leaving "Retrieved https://…". Wrapping the
# word and the date in one group makes CSL drop both when the date is missing (CSL 1.0.2, group).
_RETRIEVED = """<text term="retrieved" text-case="capitalize-first"/>
              <group delimiter=", ">
                <date form="text" variable="accessed"/>
                <text term="from"/>
              </group>"""


def apa_style(original: Path, folder: Path) -> Path:
    """The APA CSL file with the orphan "Retrieved" fixed, written into `folder`."""
    text = original.read_text(encoding="utf-8")
    if _RETRIEVED not in text:
        raise FormatError(f"{original}: the APA style has changed; update csl.py's retrieval-date fix")
    fixed = folder / "apa.csl"
    fixed.write_text(text.replace(_RETRIEVED, f'<group delimiter=" ">{_RETRIEVED}</group>'), encoding="utf-8")
    return fixed


def citation_markdown(items: list[tuple[str, str | None, bool]]) -> str:
    """Pandoc's citation syntax for (key, locator, suppress_author) items: '[@a, p. 4; -@b]'."""
    parts = []
    for key, locator, suppress in items:
        part = ("-@" if suppress else "@") + key
        if locator:
            part += ", " + locator
        parts.append(part)
    return "[" + "; ".join(parts) + "]"


def format_bibliography(bibtex: str, style: Path, citations: list[str]) -> Formatted:
    """Format every entry of `bibtex` and each citation (in Pandoc's syntax) with the CSL `style`.

    One Pandoc process for everything: the entries, and the citations so that APA's
    disambiguation (2018a, 2018b; more names where "et al." would collide) is the same site-wide.
    """
    global RUNS
    lines = ["---", "nocite: '@*'", "link-citations: true", "lang: en-US", "---", ""]
    for number, citation in enumerate(citations):
        lines += [f"::: {{#c{number}}}", citation, ":::", ""]
    lines += ["::: {#refs}", ":::", ""]
    with tempfile.TemporaryDirectory(prefix="generator-csl-") as tmp:
        bib = Path(tmp) / "references.bib"
        bib.write_text(bibtex, encoding="utf-8")
        command = [
            pandoc_path(), "--citeproc", f"--bibliography={bib}", f"--csl={apa_style(style, Path(tmp))}",
            # No raw HTML: a locator in the prose must not become markup.
            "--from=markdown-raw_html-raw_tex", "--to=html", "--wrap=none",
        ]
        RUNS += 1
        try:
            done = subprocess.run(
                command, input="\n".join(lines), capture_output=True, text=True, encoding="utf-8", timeout=_TIMEOUT_S
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise FormatError(f"pandoc could not run: {exc}") from exc
    if done.returncode != 0:
        raise FormatError(f"pandoc failed: {done.stderr.strip()[:500]}")
    out = _ROLE_RE.sub("", done.stdout)
    found = {int(n): _clean(body) for n, body in _CITATION_DIV.findall(out)}
    if len(found) != len(citations):
        raise FormatError(f"pandoc returned {len(found)} of {len(citations)} citations")
    references = [(key, _clean(body)) for key, body in _ENTRY_DIV.findall(out)]
    return Formatted(references=[(html.unescape(k), v) for k, v in references], citations=[found[i] for i in range(len(citations))])


@functools.lru_cache(maxsize=8)
def _pandoc_reads(bibtex: str) -> tuple[bool, str, frozenset[str]]:
    """(read without error, Pandoc's message, the keys it read) for a BibTeX text."""
    try:
        done = subprocess.run(
            [pandoc_path(), "--from=bibtex", "--to=csljson"], input=bibtex, capture_output=True,
            text=True, encoding="utf-8", timeout=_TIMEOUT_S,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise FormatError(f"pandoc could not run: {exc}") from exc
    if done.returncode != 0:
        return False, " ".join(done.stderr.split())[:300], frozenset()
    try:
        keys = frozenset(str(item.get("id", "")).lower() for item in json.loads(done.stdout or "[]"))
    except ValueError:
        keys = frozenset()
    return True, "", keys


def unreadable_entries(entries: dict[str, str]) -> dict[str, str]:
    """The entries Pandoc, which formats the references in the build, cannot read, with its reason.

    One Pandoc run reads them all, exactly as the build joins them; only when that fails are they
    halved until each failing entry is found (a few runs for one bad entry, none more when all is well)."""
    keys = list(entries)
    if not keys:
        return {}
    ok, message, read = _pandoc_reads("\n\n".join(entries[k] for k in keys))
    if ok:
        return {k: "Pandoc read the file but not this entry" for k in keys if k not in read}
    if len(keys) == 1:
        return {keys[0]: message}
    half = len(keys) // 2
    found = unreadable_entries({k: entries[k] for k in keys[:half]})
    found.update(unreadable_entries({k: entries[k] for k in keys[half:]}))
    return found or {keys[-1]: message}
