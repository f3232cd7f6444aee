"""What content may contain: raw HTML, links, images, attribute lists and contact values.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from markdown.extensions.attr_list import get_attrs
from markdown.extensions.toc import slugify

from ..content.diagnostics import Diagnostics, did_you_mean
from ..content.model import Site
from .texts import LineIndex, prose
from .themenames import is_theme_attribute, is_theme_class, is_theme_id

# Content may not carry raw HTML: Markdown is enough, and HTML is how scripts,
# event handlers and tracking pixels would get in. Our templates add the HTML.
# A tag is `<` and a name followed by white space, `/` or `>` (so `<img/src=…>` counts and the
# autolinks `<https://…>` and `<jo@example.org>` do not), an end tag, a comment or a declaration.
# Every pattern here is linear: no two quantifiers can match the same characters.
# The last alternative is what Python-Markdown itself passes through as a tag (`<x:y>`), less
# its autolinks (`<https://…>`, `<ftp://…>`); an `@` makes it an email autolink.
RAW_HTML_RE = re.compile(
    r"<[A-Za-z][A-Za-z0-9-]*+(?=[\s/>])|</[A-Za-z]|<!--|<![A-Za-z\[]|<\?"
    r"|<(?!(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp][Ss]?)://)[A-Za-z][^<>@\s]*+>"
)


# Link targets: inline [text](target) and reference definitions [id]: target, also inside a
# blockquote (`> [id]: …`) or an admonition (indented).
LINK_TARGET_RE = re.compile(r"\]\(\s*+<?([^)>\s]*+)|^[ \t>]*+\[([^\]\n]++)\]:[ \t]*+<?([^\s>]++)", re.MULTILINE)


BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


MD_LINK_RE = re.compile(r"(?<!!)\[[^\[\]]*+\]\(\s*+<?([^)\s>]++)>?(?:\s++\"[^\"]*+\")?\s*+\)")


# A reference definition, `[id]: target` (also in a quote or an admonition): its target is group 1,
# as in MD_LINK_RE, so the renderer rewrites and `check` checks both kinds of link alike.
MD_DEFINITION_RE = re.compile(r"^[ \t>]*+\[[^\]\n]++\]:[ \t]*+<?([^\s>]++)>?", re.MULTILINE)


def _site_links(text: str) -> Iterator[re.Match[str]]:
    """Inline links and reference definitions, each with its target as group 1."""
    yield from MD_LINK_RE.finditer(text)
    yield from MD_DEFINITION_RE.finditer(text)


# Images: ![alt](target), ![alt][ref] and ![ref].
IMAGE_INLINE_RE = re.compile(r"!\[[^\[\]]*+\]\(\s*+<?([^)>\s]*+)")


IMAGE_REF_RE = re.compile(r"!\[([^\[\]]*+)\](?:\[([^\[\]]*+)\])?")


# attr_list blocks, {: #id .class key="value"}: the key=value pairs in them.
ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*+)\}")


ATTR_PAIR_RE = re.compile(r"""([^\s=#.'"{}]++)\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s}]++)""")


# What an editor may set with attr_list besides #id and .class: nothing that runs, styles or fetches.
ALLOWED_ATTRS = frozenset({"title", "lang", "dir", "role"})


# Headings (their text becomes an id, the anchor) and admonitions or details (their type becomes a class).
HEADING_RE = re.compile(r"^[ \t>]*+#{1,6}[ \t]++([^\n]*+)", re.MULTILINE)


ADMONITION_RE = re.compile(r"^[ \t>]*+(?:!!!|\?\?\?\+?)[ \t]*+([^\n\"]*+)", re.MULTILINE)


FOREIGN_RE = re.compile(r"^\s*+(?:[a-zA-Z][a-zA-Z0-9+.\-]*+:|//|\\\\)")


def is_script_url(target: str) -> bool:
    """True for javascript:, vbscript: and data: URLs, however they are disguised.

    Browsers decode character references in attributes and ignore white space and
    control characters in a scheme, so `jav&#x61;script:` and `java\tscript:` count.
    """
    decoded = html.unescape(target)
    cleaned = "".join(ch for ch in decoded if ch > " " and ch != "\\").lower()
    return cleaned.startswith(BAD_SCHEMES)


def is_foreign(target: str) -> bool:
    """True for a resource address on another host (a scheme or `//host`): a page must not fetch it."""
    return bool(FOREIGN_RE.match(html.unescape(target)))


def _other_texts(site: Site) -> Iterator[tuple[str, str, str]]:
    """(file, field, text) for every piece of prose outside topics."""
    root = site.root
    settings = site.settings
    yield f"{root}/site.yml", "title", settings.title
    yield f"{root}/site.yml", "description", settings.description
    for i, line in enumerate(settings.one_minute):
        yield f"{root}/site.yml", f"one_minute[{i}]", line
    for i, audience in enumerate(settings.audiences):
        yield f"{root}/site.yml", f"audiences[{i}].title", audience.title
        yield f"{root}/site.yml", f"audiences[{i}].door", audience.door
    for section in site.sections:
        for name in ("title", "summary", "intro"):
            yield f"{root}/sections/{section.id}.yml", name, getattr(section, name)
        for i, objective in enumerate(section.objectives):
            yield f"{root}/sections/{section.id}.yml", f"objectives[{i}]", objective
    handouts = [(f"{root}/handout.yml", site.handout)] if site.handout is not None else []
    handouts += [(f"{root}/handouts/{h.id}.yml", h) for h in site.handouts]
    for path, handout in handouts:
        yield path, "title", handout.title
        yield path, "intro", handout.intro
        for g, group in enumerate(handout.groups):
            yield path, f"groups[{g}].heading", group.heading
            for kind in ("questions", "items", "write_in"):
                for i, line in enumerate(getattr(group, kind)):
                    yield path, f"groups[{g}].{kind}[{i}]", line
    for i, card in enumerate(site.flashcards):
        yield f"{root}/flashcards.yml", f"[{i}].front", card.front
        yield f"{root}/flashcards.yml", f"[{i}].back", card.back
    for i, entry in enumerate(site.glossary):
        for name in ("term", "plain", "technical"):
            yield f"{root}/glossary.yml", f"[{i}].{name}", getattr(entry, name)
        for j, synonym in enumerate(entry.synonyms):
            yield f"{root}/glossary.yml", f"[{i}].synonyms[{j}]", synonym
    for i, helpline in enumerate(site.helplines):
        for name in ("region", "service", "description"):
            yield f"{root}/helplines.yml", f"[{i}].{name}", getattr(helpline, name)
        if helpline.hours is not None:
            yield f"{root}/helplines.yml", f"[{i}].hours", helpline.hours
        for j, contact in enumerate(helpline.contacts):
            yield f"{root}/helplines.yml", f"[{i}].contacts[{j}].label", contact.label
            yield f"{root}/helplines.yml", f"[{i}].contacts[{j}].value", contact.value
            if contact.keyword is not None:
                yield f"{root}/helplines.yml", f"[{i}].contacts[{j}].keyword", contact.keyword
            if contact.kind == "web":
                yield f"{root}/helplines.yml", f"[{i}].contacts[{j}].value", f"[x]({contact.value})"


def check_markup(site: Site, diags: Diagnostics) -> None:
    """No raw HTML, script URLs, foreign resources or unsafe attributes anywhere in content;
    links to topics point at topics that exist."""
    topics = {t.id for t in site.topics} | set(site.topic_files)
    texts = list(prose(site))
    texts += [(path, f, text, 0) for path, f, text in _other_texts(site)]
    for path, field, text, start in texts:
        lines = LineIndex(text, start)

        def line_at(offset: int) -> int:
            return lines.line(offset) or site.line(path, field)

        def report(offset: int, message: str) -> None:
            diags.add(path, line_at(offset), field, message)

        _check_html_and_links(text, report)
        _check_list_indent(text, report)
        for match in _site_links(text):
            target = match.group(1)
            if is_script_url(target) or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
                continue
            stem = target.split("#")[0].removesuffix(".md").rsplit("/", 1)[-1]
            if stem not in topics:
                report(
                    match.start(),
                    f'link to unknown topic "{target}"{did_you_mean(stem, topics)}; link to a topic as <id>.md',
                )
    _check_contacts(site, diags)


# A list item: its marker and the space after it. Python-Markdown nests an item only at 4 spaces;
# at 1 to 3 spaces right under an item it is joined to that item's text ("…sessions. - It is okay").
_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)]) +\S")


def _check_list_indent(text: str, report: Callable[[int, str], None]) -> None:
    """A list item indented 1-3 spaces more than the item above it, with no blank line between."""
    offset, previous_indent = 0, None
    for line in text.split("\n"):
        item = _ITEM.match(line)
        if not line.strip():
            previous_indent = None
        elif item and previous_indent is not None and 0 < len(item.group(1)) - previous_indent < 4:
            extra = len(item.group(1)) - previous_indent
            report(
                offset,
                f"this list item is indented {extra} space{'s' if extra > 1 else ''} more than the one above, so it "
                f"would be joined to that item's text; line it up with the item above, or indent it "
                f"{previous_indent + 4} spaces to nest it",
            )
        elif item:
            previous_indent = len(item.group(1))
        offset += len(line) + 1


# Python-Markdown looks for the end of a link from every `[` (and every `](`) to the end of the
# paragraph: 4,000 unclosed brackets took 25 s to build, 100,000 hours. Prose has few or none.
MAX_UNCLOSED = 20


# What the bracket count looks at: an escape (a backslash and the character after it, which it makes
# literal) or a bracket; everything else is skipped in C rather than visited in Python.
_BRACKET_TOKENS = {
    "[": re.compile(r"\\.|[\[\]]", re.DOTALL),
    "(": re.compile(r"\\.|[()]", re.DOTALL),
}


def _check_brackets(text: str, report: Callable[[int, str], None]) -> None:
    """At most MAX_UNCLOSED `[` or `(` without their closing bracket (`\\[` is a literal bracket)."""
    for opening, closing in (("[", "]"), ("(", ")")):
        if text.count(opening) <= MAX_UNCLOSED:  # fewer openings than the limit: none can be over it
            continue
        unclosed: list[int] = []
        for token in _BRACKET_TOKENS[opening].finditer(text):
            ch = token.group()
            if ch == opening:
                unclosed.append(token.start())
            elif ch == closing and unclosed:
                unclosed.pop()
        if len(unclosed) > MAX_UNCLOSED:
            report(
                unclosed[0],
                f"{len(unclosed)} '{opening}' without a closing '{closing}' (at most {MAX_UNCLOSED}); "
                f"close them, or write \\{opening} for a bracket that is only text",
            )


def problems_in(text: str) -> list[tuple[int, str]]:
    """(offset, message) for every markup problem in one text: what `check` reports for it."""
    found: list[tuple[int, str]] = []
    _check_html_and_links(text, lambda offset, message: found.append((offset, message)))
    return found


def _check_html_and_links(text: str, report: Callable[[int, str], None]) -> None:
    """Raw HTML, script links, images from another host and unsafe attr_list attributes in one text."""
    _check_brackets(text, report)
    for match in RAW_HTML_RE.finditer(text):
        end = text.find(">", match.start(), match.start() + 40)
        shown = text[match.start() : end + 1 if end != -1 else match.start() + 40]
        report(match.start(), f"raw HTML is not allowed ({shown}); use Markdown instead")
    definitions: dict[str, tuple[int, str]] = {}
    for match in LINK_TARGET_RE.finditer(text):
        target = match.group(1) if match.group(1) is not None else match.group(3) or ""
        if match.group(2) is not None:
            definitions[match.group(2).strip().casefold()] = (match.start(), target)
        if is_script_url(target):
            report(match.start(), "script and data links are not allowed")
    foreign = "images must be files of this site; this one would be fetched from another host ({}), which tells it who reads the page"
    for match in IMAGE_INLINE_RE.finditer(text):
        if is_foreign(match.group(1)):
            report(match.start(), foreign.format(match.group(1)[:60]))
    for match in IMAGE_REF_RE.finditer(text):
        if text.startswith("(", match.end()):
            continue  # an inline image, checked above
        name = (match.group(2) or match.group(1)).strip().casefold()
        if name in definitions and is_foreign(definitions[name][1]):
            report(match.start(), foreign.format(definitions[name][1][:60]))
    _check_theme_names(text, report)
    for match in ATTR_LIST_RE.finditer(text):
        for pair in ATTR_PAIR_RE.finditer(match.group(1)):
            name = pair.group(1).lower()
            if name in {"id", "class"} or is_theme_attribute(name):
                continue  # reported by _check_theme_names when the theme owns the value
            if name not in ALLOWED_ATTRS and not name.startswith(("data-", "aria-")):
                report(
                    match.start(),
                    f"the attribute {pair.group(1)}= is not allowed in {{ }} (only #id, .class, "
                    f"{', '.join(sorted(ALLOWED_ATTRS))}, data-* and aria-*); links and images are written in Markdown",
                )


THEME_OWNS = (
    "ids starting with __ or md-, the ids its templates write, classes starting with md- and attributes "
    "starting with data-md-: the theme finds its own parts by them, so content carrying one takes over the page"
)


def _check_theme_names(text: str, report: Callable[[int, str], None]) -> None:
    """No id, class or attribute the theme owns (themenames.py), however content would set it:
    an attribute list on any element or fence, a heading's anchor, an admonition's type."""
    for match in ATTR_LIST_RE.finditer(text):
        for name, value in get_attrs(match.group(1)):
            name = "class" if name == "." else name
            values = value.split() if name == "class" else [value]
            for one in values:
                if (name == "id" and is_theme_id(one)) or (name == "class" and is_theme_class(one)):
                    report(match.start(), f'the {name} "{one[:60]}" belongs to the theme ({THEME_OWNS}); choose another {name}')
            if is_theme_attribute(name):
                report(match.start(), f"the attribute {name[:60]}= belongs to the theme ({THEME_OWNS}); remove it")
    for match in HEADING_RE.finditer(text):
        heading = ATTR_LIST_RE.sub("", match.group(1)).rstrip(" #\t")
        anchor = slugify(heading, "-")
        if is_theme_id(anchor) and not ATTR_LIST_RE.search(match.group(1)):
            report(
                match.start(),
                f'this heading\'s anchor would be "{anchor[:60]}", an id the theme owns ({THEME_OWNS}); '
                "reword the heading or give it another id: ### Heading {#another-id}",
            )
    for match in ADMONITION_RE.finditer(text):
        for token in match.group(1).split():
            if is_theme_class(token):
                report(match.start(), f'the box type "{token[:60]}" would become a class the theme owns ({THEME_OWNS}); use note, tip, info or warning')


_EMAIL_RE = re.compile(r"^[^@\s\"'<>()\[\]\\,;:]++@[^@\s\"'<>()\[\]\\,;:]++$")


_WEB_RE = re.compile(r"^https?://[^\s\"'<>\\`]++$")


def _check_contacts(site: Site, diags: Diagnostics) -> None:
    """Web and email contacts are plain addresses (they become links on the Get help now page)."""
    hpath = f"{site.root}/helplines.yml"
    for i, helpline in enumerate(site.helplines):
        for j, contact in enumerate(helpline.contacts):
            field = f"[{i}].contacts[{j}].value"
            if contact.kind == "web" and not _WEB_RE.match(contact.value):
                diags.add(hpath, site.line(hpath, field), field,
                          f"expected a web address starting with https:// and without spaces or quotes, got {contact.value[:60]!r}")
            if contact.kind == "email" and not _EMAIL_RE.match(contact.value):
                diags.add(hpath, site.line(hpath, field), field,
                          f"expected an email address like help@example.org, got {contact.value[:60]!r}")

