"""Cross-page rules: ids, addresses, links, citations, markup, glossary, readability, review dates.

Each rule reads the loaded `Site` and records diagnostics; none raises. `check_site` also
runs the rules kept in their own modules: the bibliography (bibcheck.py), quiz balance
(quizcheck.py), outside links (servicecheck.py) and drafts (drafts.py). The limits come
from `content/site.yml` (`reading`, `require`, `quiz`, `review`), so an editor can see and
change them in one place.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Callable, Iterator

from .bibcheck import check_bibliography
from .addresses import collisions, generated_pages
from .cache import Cache
from .cite import find_citations
from .diagnostics import Diagnostics, did_you_mean
from .model import Site, Topic
from .quizcheck import check_quiz_balance
from .readability import measure_cached, words_cached
from .servicecheck import check_outside_links

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
# Images: ![alt](target), ![alt][ref] and ![ref].
IMAGE_INLINE_RE = re.compile(r"!\[[^\[\]]*+\]\(\s*+<?([^)>\s]*+)")
IMAGE_REF_RE = re.compile(r"!\[([^\[\]]*+)\](?:\[([^\[\]]*+)\])?")
# attr_list blocks, {: #id .class key="value"}: the key=value pairs in them.
ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*+)\}")
ATTR_PAIR_RE = re.compile(r"""([^\s=#.'"{}]++)\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s}]++)""")
# What an editor may set with attr_list besides #id and .class: nothing that runs, styles or fetches.
ALLOWED_ATTRS = frozenset({"title", "lang", "dir", "role"})
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


class LineIndex:
    """The line of an offset in a text, in O(log n) (counting newlines each time is quadratic)."""

    def __init__(self, text: str, start_line: int):
        self.start = start_line
        self.breaks = [i for i, ch in enumerate(text) if ch == "\n"] if start_line else []

    def line(self, offset: int) -> int:
        """The file line of `offset`, or 0 when the text's own line is unknown."""
        return self.start + bisect.bisect_left(self.breaks, offset) if self.start else 0


def today() -> dt.date:
    """Today's date (a function, so tests can fix it)."""
    return dt.date.today()


def topic_texts(topic: Topic) -> Iterator[tuple[str, str, int]]:
    """(field, text, line) for every piece of prose in a topic; lines are approximate for front matter."""
    yield "title", topic.title, 0
    yield "summary", topic.summary, 0
    for i, point in enumerate(topic.key_points):
        yield f"key_points[{i}]", point, 0
    for i, qa in enumerate(topic.questions):
        yield f"questions[{i}].q", qa.q, 0
        yield f"questions[{i}].a", qa.a, 0
    for i, prompt in enumerate(topic.reflect):
        yield f"reflect[{i}]", prompt, 0
    for i, item in enumerate(topic.quiz):
        yield f"quiz[{i}].question", item.question, 0
        for j, choice in enumerate(item.choices):
            yield f"quiz[{i}].choices[{j}]", choice, 0
        yield f"quiz[{i}].why", item.why, 0
    yield "body", topic.plain, topic.plain_line
    yield "body", topic.deeper, topic.deeper_line


def line_in_text(site: Site, path: str, field: str, text: str, start: int, offset: int) -> int:
    """The line of `offset` in a text that starts at line `start` of its file (a topic body), or,
    for a front-matter field (start 0), that field's line."""
    return start + text.count("\n", 0, offset) if start else site.line(path, field)


def check_ids(site: Site, diags: Diagnostics) -> None:
    """Titles are unique; sections and related topics exist."""
    sections = {s.id for s in site.sections} | set(site.section_files)
    topics = {t.id for t in site.topics} | set(site.topic_files)
    titles: dict[str, Topic] = {}
    for topic in site.topics:
        key = topic.title.casefold()
        if key in titles:
            diags.add(
                topic.source, site.line(topic.source, "title"), "title",
                f'"{topic.title}" is also the title of {titles[key].source}; titles must be unique',
            )
        titles.setdefault(key, topic)
        if topic.section not in sections:
            diags.add(
                topic.source, site.line(topic.source, "section"), "section",
                f'unknown section "{topic.section}"{did_you_mean(topic.section, sections)}; '
                f"expected one of: {', '.join(sorted(sections))}",
            )
        for i, other in enumerate(topic.related):
            if other == topic.id:
                diags.add(topic.source, site.line(topic.source, f"related[{i}]"), f"related[{i}]", "a topic cannot be related to itself")
            elif other not in topics:
                diags.add(
                    topic.source, site.line(topic.source, f"related[{i}]"), f"related[{i}]",
                    f'unknown topic "{other}"{did_you_mean(other, topics)}',
                )
        dupes = [r for r, n in Counter(topic.related).items() if n > 1]
        for other in dupes:
            diags.add(topic.source, site.line(topic.source, "related"), "related", f'"{other}" is listed more than once')
    section_titles = Counter(s.title.casefold() for s in site.sections)
    for section in site.sections:
        spath = f"{site.root}/sections/{section.id}.yml"
        if section_titles[section.title.casefold()] > 1:
            diags.add(spath, site.line(spath, "title"), "title", f'"{section.title}" is the title of more than one section')
        if not site.topics_in(section.id):
            diags.add(spath, 1, "", "section has no topics", "warning")
    ids = Counter(h.id for h in site.helplines)
    hpath = f"{site.root}/helplines.yml"
    for i, h in enumerate(site.helplines):
        if ids[h.id] > 1:
            diags.add(hpath, site.line(hpath, f"[{i}].id"), f"[{i}].id", f'"{h.id}" is used by more than one helpline')


def check_audiences(site: Site, diags: Diagnostics) -> None:
    """Reading paths name topics that exist."""
    topics = {t.id for t in site.topics} | set(site.topic_files)
    for a, audience in enumerate(site.settings.audiences):
        for i, topic_id in enumerate(audience.path):
            if topic_id not in topics:
                spath = f"{site.root}/site.yml"
                diags.add(
                    spath, site.line(spath, f"audiences[{a}].path[{i}]"), f"audiences[{a}].path[{i}]",
                    f'unknown topic "{topic_id}"{did_you_mean(topic_id, topics)}',
                )


def check_citations(site: Site, diags: Diagnostics) -> None:
    """Every `[@key]` names an entry of references.bib."""
    if site.bibliography is None:
        return
    keys = site.bibliography.keys()
    hpath = f"{site.root}/helplines.yml"
    for i, helpline in enumerate(site.helplines):
        if helpline.source and helpline.source.lower() not in site.bibliography:
            diags.add(
                hpath, site.line(hpath, f"[{i}].source"), f"[{i}].source",
                f'unknown reference key "{helpline.source}"{did_you_mean(helpline.source, keys)}',
            )
    if site.handout is not None:
        path = f"{site.root}/handout.yml"
        for i, key in enumerate(site.handout.sources):
            if key.lower() not in site.bibliography:
                diags.add(path, site.line(path, f"sources[{i}]"), f"sources[{i}]", f'unknown reference key "{key}"{did_you_mean(key, keys)}')
    for topic in site.topics:
        for field, text, start in topic_texts(topic):
            for mark in find_citations(text):
                for item in mark.items:
                    if item.key not in site.bibliography:
                        line = start + mark.line - 1 if start else site.line(topic.source, field)
                        diags.add(
                            topic.source, line, field,
                            f'unknown citation key "@{item.key}"{did_you_mean(item.key, keys, "@")}; '
                            "add it to content/references.bib or fix the key",
                        )


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
    if site.handout is not None:
        yield f"{root}/handout.yml", "title", site.handout.title
        yield f"{root}/handout.yml", "intro", site.handout.intro
        for g, group in enumerate(site.handout.groups):
            yield f"{root}/handout.yml", f"groups[{g}].heading", group.heading
            for i, question in enumerate(group.questions):
                yield f"{root}/handout.yml", f"groups[{g}].questions[{i}]", question
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
    texts = [(t.source, f, text, start) for t in site.topics for f, text, start in topic_texts(t)]
    texts += [(path, f, text, 0) for path, f, text in _other_texts(site)]
    for path, field, text, start in texts:
        lines = LineIndex(text, start)

        def line_at(offset: int) -> int:
            return lines.line(offset) or site.line(path, field)

        def report(offset: int, message: str) -> None:
            diags.add(path, line_at(offset), field, message)

        _check_html_and_links(text, report)
        for match in MD_LINK_RE.finditer(text):
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


# Python-Markdown looks for the end of a link from every `[` (and every `](`) to the end of the
# paragraph: 4,000 unclosed brackets took 25 s to build, 100,000 hours. Prose has few or none.
MAX_UNCLOSED = 20


def _check_brackets(text: str, report: Callable[[int, str], None]) -> None:
    """At most MAX_UNCLOSED `[` or `(` without their closing bracket (`\\[` is a literal bracket)."""
    for opening, closing in (("[", "]"), ("(", ")")):
        unclosed: list[int] = []
        escaped = False
        for offset, ch in enumerate(text):
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == opening:
                unclosed.append(offset)
            elif ch == closing and unclosed:
                unclosed.pop()
        if len(unclosed) > MAX_UNCLOSED:
            report(
                unclosed[0],
                f"{len(unclosed)} '{opening}' without a closing '{closing}' (at most {MAX_UNCLOSED}); "
                f"close them, or write \\{opening} for a bracket that is only text",
            )


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
    for match in ATTR_LIST_RE.finditer(text):
        for pair in ATTR_PAIR_RE.finditer(match.group(1)):
            name = pair.group(1).lower()
            if name not in ALLOWED_ATTRS and not name.startswith(("data-", "aria-")):
                report(
                    match.start(),
                    f"the attribute {pair.group(1)}= is not allowed in {{ }} (only #id, .class, "
                    f"{', '.join(sorted(ALLOWED_ATTRS))}, data-* and aria-*); links and images are written in Markdown",
                )


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


def check_topic_shape(site: Site, diags: Diagnostics) -> None:
    """Each topic has enough key points, questions, prompts, quiz items and related topics."""
    req = site.settings.require
    minimums = {
        "key_points": req.min_key_points, "questions": req.min_questions, "reflect": req.min_reflect,
        "quiz": req.min_quiz, "related": req.min_related,
    }
    for topic in site.topics:
        for name, least in minimums.items():
            count = len(getattr(topic, name))
            if count < least:
                diags.add(topic.source, site.line(topic.source, name), name, f"expected at least {least}, got {count}")
        if len(topic.key_points) > req.max_key_points:
            diags.add(
                topic.source, site.line(topic.source, "key_points"), "key_points",
                f"expected at most {req.max_key_points}, got {len(topic.key_points)}",
            )
        if len(re.findall(r"[.!?](?:\s|$)", topic.summary.strip())) > 1:
            diags.add(topic.source, site.line(topic.source, "summary"), "summary", "expected one sentence")


def check_readability(site: Site, diags: Diagnostics, cache: Cache | None = None) -> None:
    """The plain layer reads at or below the grade limit, with short sentences; both layers are long enough."""
    targets = site.settings.reading
    for topic in site.topics:
        plain = measure_cached(topic.plain, cache)
        line = topic.plain_line
        if plain.grade > targets.max_grade:
            diags.add(
                topic.source, line, "body",
                f"'In plain words' reads at grade {plain.grade}; expected {targets.max_grade:g} or lower "
                "(shorter sentences and shorter words help)",
            )
        if plain.longest_sentence > targets.max_sentence_words:
            diags.add(
                topic.source, line, "body",
                f"a sentence in 'In plain words' has {plain.longest_sentence} words; expected at most "
                f'{targets.max_sentence_words}: "{plain.longest_sentence_text[:80]}"',
            )
        if plain.words < targets.min_plain_words:
            diags.add(topic.source, line, "body", f"'In plain words' has {plain.words} words; expected at least {targets.min_plain_words}")
        deeper_words = words_cached(topic.deeper, cache)
        line = topic.deeper_line
        if deeper_words < targets.min_deeper_words:
            diags.add(topic.source, line, "body", f"'Going deeper' has {deeper_words} words; expected at least {targets.min_deeper_words}")
        works = {i.key for m in find_citations(topic.deeper) for i in m.items}
        if len(works) < targets.min_deeper_citations:
            diags.add(
                topic.source, line, "body",
                f"'Going deeper' cites {len(works)} work(s); expected at least {targets.min_deeper_citations} (cite with [@key])",
            )


def check_glossary(site: Site, diags: Diagnostics) -> None:
    """Terms and synonyms are unique, and each term is used somewhere in the guide."""
    path = f"{site.root}/glossary.yml"
    seen: dict[str, tuple[int, str]] = {}
    corpus = "\n".join(text for t in site.topics for _, text, _ in topic_texts(t)).casefold()
    for i, entry in enumerate(site.glossary):
        for name in (entry.term, *entry.synonyms):
            key = name.casefold()
            if key in seen and seen[key][0] != i:  # the same entry may repeat itself; two entries may not
                diags.add(path, site.line(path, f"[{i}].term"), f"[{i}].term", f'"{name}" is already used by the term "{seen[key][1]}"')
            seen.setdefault(key, (i, entry.term))
        words = [entry.term, *entry.synonyms]
        if site.complete and site.topics and not any(_has_word(corpus, w.casefold()) for w in words):
            diags.add(
                path, site.line(path, f"[{i}].term"), f"[{i}].term",
                f'"{entry.term}" is not used on any topic page; use it or remove it',
            )


def _has_word(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` as a whole word (a substring scan first: fast on a large guide)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum() and text[start - 1] != "_") and (
            end == len(text) or not text[end].isalnum() and text[end] != "_"
        ):
            return True
        start = text.find(word, start + 1)
    return False


def check_dates(site: Site, diags: Diagnostics, now: dt.date | None = None) -> None:
    """Review and verification dates are not in the future nor older than the review policy."""
    now = now or today()
    interval = dt.timedelta(days=site.settings.review.interval_days)
    for topic in site.topics:
        line = site.line(topic.source, "reviewed")
        if topic.reviewed > now:
            diags.add(topic.source, line, "reviewed", f"{topic.reviewed} is in the future; expected today or earlier")
        elif now - topic.reviewed > interval:
            diags.add(
                topic.source, line, "reviewed",
                f"last reviewed {topic.reviewed}, more than {interval.days} days ago; review the page and update the date",
            )
    for i, helpline in enumerate(site.helplines):
        path = f"{site.root}/helplines.yml"
        line = site.line(path, f"[{i}].verified_on")
        if helpline.verified_on > now:
            diags.add(path, line, f"[{i}].verified_on", f"{helpline.verified_on} is in the future")
        elif now - helpline.verified_on > interval:
            diags.add(path, line, f"[{i}].verified_on", f"verified {helpline.verified_on}, more than {interval.days} days ago; check it again")


def check_addresses(site: Site, diags: Diagnostics) -> None:
    """No two generated pages share an address (a section named `glossary`, a topic named `index`)."""
    for url, first, second in collisions(generated_pages(site)):
        # Report at the content file that can be renamed: the later one, unless it is a fixed page.
        path = second if second.startswith(f"{site.root}/") else first
        other = first if path == second else second
        diags.add(
            path, 1, "",
            f"its page would be published at /{url}, the address of {other}; rename the file "
            "(the file name is the id and the address)",
        )


ALL_CHECKS = (
    check_ids,
    check_addresses,
    check_audiences,
    check_citations,
    check_markup,
    check_topic_shape,
    check_readability,
    check_glossary,
    check_dates,
    check_bibliography,  # bibcheck.py: what APA needs from each entry of references.bib
)


# Rules that apply limits from site.yml: skipped when it could not be loaded, so that
# a broken site.yml is reported once instead of as every topic breaking default limits.
NEEDS_SETTINGS = {check_topic_shape, check_readability, check_dates, check_audiences}


def check_site(site: Site, diags: Diagnostics | None = None, cache: Cache | None = None) -> Diagnostics:
    """Run every cross-page rule; return the diagnostics (added to `diags` if given).

    `cache` remembers readability measures between builds (see cache.py)."""
    diags = diags if diags is not None else Diagnostics()
    start = len(diags.items)
    for rule in ALL_CHECKS:
        if not site.settings_loaded and rule in NEEDS_SETTINGS:
            continue
        if rule is check_readability:
            check_readability(site, diags, cache)
        else:
            rule(site, diags)
    check_quiz_balance(site, diags)
    # Outside links: services.yml, next steps, helplines' sources (servicecheck.py).
    check_outside_links(site, diags, today())
    # Scaffold text, links to drafts, and drafts' problems as warnings. Imported here:
    # drafts.py builds on the rules above.
    from .drafts import check_drafts

    check_drafts(site, diags, since=start)
    return diags
