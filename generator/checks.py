"""Cross-page rules: ids, links, citations, glossary, readability, review dates.

Each rule reads the loaded `Site` and records diagnostics; none raises. The
limits come from `content/site.yml` (`reading`, `review`), so an editor can
see and change them in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from .cite import find_citations
from .diagnostics import Diagnostics, did_you_mean
from .model import Site, Topic
from .readability import measure

# Content may not carry raw HTML: Markdown is enough, and HTML is how scripts,
# event handlers and tracking pixels would get in. Our templates add the HTML.
RAW_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--")
BAD_URL_RE = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data):", re.IGNORECASE)
MD_LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def today() -> dt.date:
    """Today's date (a function, so tests can fix it)."""
    return dt.date.today()


def _topic_texts(topic: Topic) -> Iterator[tuple[str, str, int]]:
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


def _line_in(text: str, start_line: int, needle_at: int) -> int:
    return start_line + text.count("\n", 0, needle_at) if start_line else 0


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
    for topic in site.topics:
        for field, text, start in _topic_texts(topic):
            for mark in find_citations(text):
                for item in mark.items:
                    if item.key not in site.bibliography:
                        line = start + mark.line - 1 if start else site.line(topic.source, field)
                        diags.add(
                            topic.source, line, field,
                            f'unknown citation key "@{item.key}"{did_you_mean(item.key, keys)}; '
                            "add it to content/references.bib or fix the key",
                        )


def check_markup(site: Site, diags: Diagnostics) -> None:
    """No raw HTML or script URLs in content; links to topics point at topics that exist."""
    topics = {t.id for t in site.topics} | set(site.topic_files)
    for topic in site.topics:
        for field, text, start in _topic_texts(topic):
            for match in RAW_HTML_RE.finditer(text):
                diags.add(
                    topic.source, _line_in(text, start, match.start()) or site.line(topic.source, field), field,
                    f"raw HTML is not allowed ({match.group(0)[:40]}); use Markdown instead",
                )
            for match in BAD_URL_RE.finditer(text):
                diags.add(
                    topic.source, _line_in(text, start, match.start()) or site.line(topic.source, field), field,
                    "script and data links are not allowed",
                )
            for match in MD_LINK_RE.finditer(text):
                target = match.group(1)
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
                    continue
                stem = target.split("#")[0].removesuffix(".md").rsplit("/", 1)[-1]
                if stem not in topics:
                    diags.add(
                        topic.source, _line_in(text, start, match.start()) or site.line(topic.source, field), field,
                        f'link to unknown topic "{target}"{did_you_mean(stem, topics)}; link to a topic as <id>.md',
                    )


def check_topic_shape(site: Site, diags: Diagnostics) -> None:
    """Each topic has enough questions, prompts, quiz items and related topics."""
    minimums = {"key_points": 3, "questions": 3, "reflect": 2, "quiz": 3, "related": 2}
    for topic in site.topics:
        for name, least in minimums.items():
            count = len(getattr(topic, name))
            if count < least:
                diags.add(topic.source, site.line(topic.source, name), name, f"expected at least {least}, got {count}")
        if len(topic.key_points) > 5:
            diags.add(
                topic.source, site.line(topic.source, "key_points"), "key_points",
                f"expected at most 5, got {len(topic.key_points)}",
            )
        if len(re.findall(r"[.!?](?:\s|$)", topic.summary.strip())) > 1:
            diags.add(topic.source, site.line(topic.source, "summary"), "summary", "expected one sentence")


def check_readability(site: Site, diags: Diagnostics) -> None:
    """The plain layer reads at or below the grade limit, with short sentences; both layers are long enough."""
    targets = site.settings.reading
    for topic in site.topics:
        plain = measure(topic.plain)
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
        deeper = measure(topic.deeper)
        line = topic.deeper_line
        if deeper.words < targets.min_deeper_words:
            diags.add(topic.source, line, "body", f"'Going deeper' has {deeper.words} words; expected at least {targets.min_deeper_words}")
        works = {i.key for m in find_citations(topic.deeper) for i in m.items}
        if len(works) < targets.min_deeper_citations:
            diags.add(
                topic.source, line, "body",
                f"'Going deeper' cites {len(works)} work(s); expected at least {targets.min_deeper_citations} (cite with [@key])",
            )


def check_glossary(site: Site, diags: Diagnostics) -> None:
    """Terms and synonyms are unique, and each term is used somewhere in the guide."""
    path = f"{site.root}/glossary.yml"
    seen: dict[str, str] = {}
    corpus = "\n".join(text for t in site.topics for _, text, _ in _topic_texts(t)).casefold()
    for i, entry in enumerate(site.glossary):
        for name in (entry.term, *entry.synonyms):
            key = name.casefold()
            if key in seen and seen[key] != entry.term:
                diags.add(path, site.line(path, f"[{i}].term"), f"[{i}].term", f'"{name}" is already used by the term "{seen[key]}"')
            seen.setdefault(key, entry.term)
        words = [entry.term, *entry.synonyms]
        if site.topics and not any(re.search(rf"(?<!\w){re.escape(w.casefold())}(?!\w)", corpus) for w in words):
            diags.add(
                path, site.line(path, f"[{i}].term"), f"[{i}].term",
                f'"{entry.term}" is not used on any topic page; use it or remove it',
            )


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


ALL_CHECKS = (
    check_ids,
    check_audiences,
    check_citations,
    check_markup,
    check_topic_shape,
    check_readability,
    check_glossary,
    check_dates,
)


def check_site(site: Site, diags: Diagnostics | None = None) -> Diagnostics:
    """Run every cross-page rule; return the diagnostics (added to `diags` if given)."""
    diags = diags if diags is not None else Diagnostics()
    for rule in ALL_CHECKS:
        rule(site, diags)
    return diags
