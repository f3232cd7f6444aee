"""Cross-page rules: ids, audiences, citations, topic shape, readability, glossary, dates, addresses.

Each rule reads the loaded `Site` and records diagnostics; none raises. The limits come
from `content/site.yml` (`reading`, `require`, `quiz`, `review`), so an editor can see and
change them in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..cache import Cache
from ..content.addresses import collisions, generated_pages
from ..content.diagnostics import Diagnostics, did_you_mean
from ..content.model import Site, Topic
from ..references.cite import find_citations
from .readability import (
    formula_for,
    line_of_sentence,
    markdown_to_text,
    measure_cached,
    paragraphs_of,
    sentences_of,
    word_count,
    words_cached,
)
from .texts import look_alike_key, prose, today, topic_texts


def check_ids(site: Site, diags: Diagnostics) -> None:
    """Titles are unique; sections and related topics exist."""
    sections = {s.id for s in site.sections} | set(site.section_files)
    topics = {t.id for t in site.topics} | set(site.topic_files)
    titles: dict[str, Topic] = {}
    for topic in site.topics:
        key = look_alike_key(topic.title)
        if key in titles:
            first = titles[key]
            same = "is also" if first.title.casefold() == topic.title.casefold() else f'looks the same as "{first.title}",'
            diags.add(
                topic.source, site.line(topic.source, "title"), "title",
                f'"{topic.title}" {same} the title of {first.source}; titles must be unique (and look unique)',
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
    section_titles = Counter(look_alike_key(s.title) for s in site.sections)
    for section in site.sections:
        spath = f"{site.root}/sections/{section.id}.yml"
        if section_titles[look_alike_key(section.title)] > 1:
            diags.add(spath, site.line(spath, "title"), "title", f'"{section.title}" is (or looks the same as) the title of another section')
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
    listed = [(f"{site.root}/handout.yml", "", site.handout.sources)] if site.handout is not None else []
    listed += [(f"{site.root}/handouts/{h.id}.yml", "", h.sources) for h in site.handouts]
    listed += [(f"{site.root}/flashcards.yml", f"[{i}].", c.sources) for i, c in enumerate(site.flashcards)]
    for path, prefix, sources in listed:
        for i, key in enumerate(sources):
            field = f"{prefix}sources[{i}]"
            if key.lower() not in site.bibliography:
                diags.add(path, site.line(path, field), field, f'unknown reference key "{key}"{did_you_mean(key, keys)}')
    for source, field, text, start in prose(site):
        for mark in find_citations(text):
            for item in mark.items:
                if item.key not in site.bibliography:
                    line = start + mark.line - 1 if start else site.line(source, field)
                    diags.add(
                        source, line, field,
                        f'unknown citation key "@{item.key}"{did_you_mean(item.key, keys, "@")}; '
                        "add it to content/references.bib or fix the key",
                    )


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
        check_question_headings(site, topic, diags)


def check_editorial(site: Site, diags: Diagnostics) -> None:
    """Every topic says who wrote it and who reviewed it (or, honestly, that no clinician has yet):
    its own `author` and `reviewer`, or site.yml's `editorial`. A warning: the guide still builds."""
    editorial = site.settings.editorial
    for topic in site.topics:
        if topic.author is None and editorial is None:
            diags.add(
                topic.source, site.line(topic.source, "title"), "author",
                "no author: add `author:` here, or `editorial: {author: ..., how_checked: ...}` to site.yml",
                severity="warning",
            )
        if topic.reviewer is None and (editorial is None or editorial.clinical_review is None):
            diags.add(
                topic.source, site.line(topic.source, "reviewed"), "reviewer",
                "no reviewer: add `reviewer: {name: ..., qualification: ..., date: ...}` here, or say honestly in "
                "site.yml that no clinician has reviewed it yet (`editorial.clinical_review`)",
                severity="warning",
            )


def question_problem(text: str) -> str | None:
    """What keeps a heading of "Questions people ask" from reading as a question, or None.
    Readers scan these headings for their own question: a raw search string ("what it
    costs") reads as a label. Opening punctuation (¿, quotes) may come first."""
    words = text.strip()
    first = next((ch for ch in words if ch.isalpha()), "")
    if first and not first.isupper():
        return "start it with a capital letter"
    if not words.rstrip("\"'”’»)").endswith("?"):
        return 'end it with "?"'
    return None


def check_question_headings(site: Site, topic: Topic, diags: Diagnostics) -> None:
    """Each `questions[].q` is written as the question people ask (issue 19)."""
    for index, question in enumerate(topic.questions):
        problem = question_problem(question.q)
        if problem:
            field = f"questions[{index}].q"
            diags.add(
                topic.source, site.line(topic.source, field), field,
                f'"{question.q[:60]}" is shown as a heading under "Questions people ask": write it as the '
                f"question a reader asks ({problem})",
            )


# A paragraph shorter than this is not graded on its own: a formula says little about two sentences.
MIN_PARAGRAPH_WORDS = 40


def check_readability(site: Site, diags: Diagnostics, cache: Cache | None = None) -> None:
    """The plain layer, and each of its paragraphs, reads within the language's limit; every sentence
    is short enough (each reported at its own line); both layers are long enough."""
    targets = site.settings.reading
    language = site.settings.language
    formula = formula_for(language)
    t = site.strings
    plain_name, deeper_name = t("layer.plain"), t("layer.deeper")

    def too_hard(value: float, margin: float = 0.0) -> str | None:
        if formula is None:
            return None
        # A score moves about five points where a grade moves one (Flesch's scale: 10 points ~ 2 grades).
        limit = getattr(targets, formula.setting) + (margin if formula.higher_is_harder else -5 * margin)
        if (value > limit) if formula.higher_is_harder else (value < limit):
            bound = "or lower" if formula.higher_is_harder else "or higher"
            return f"{formula.unit} {value:g} ({formula.name}); expected {limit:g} {bound} (shorter sentences and shorter words help)"
        return None

    for topic in site.topics:
        plain = measure_cached(topic.plain, cache, language)
        line = topic.plain_line
        problem = too_hard(plain.grade) if plain.words else None
        if problem:
            diags.add(topic.source, line, "body", f"'{plain_name}' reads at {problem}")
        for paragraph in paragraphs_of(topic.plain):
            measured = measure_cached(paragraph.markdown, cache, language)
            where = line + paragraph.offset
            problem = too_hard(measured.grade, targets.paragraph_margin) if measured.words >= MIN_PARAGRAPH_WORDS else None
            if problem:
                diags.add(topic.source, where, "body", f"a paragraph of '{plain_name}' reads at {problem}")
            for sentence in sentences_of(markdown_to_text(paragraph.markdown)):
                words = word_count(sentence)
                if words > targets.max_sentence_words:
                    diags.add(
                        topic.source, where + line_of_sentence(paragraph.markdown, sentence), "body",
                        f"a sentence in '{plain_name}' has {words} words; expected at most "
                        f'{targets.max_sentence_words}: "{sentence[:80]}"',
                    )
        if plain.words < targets.min_plain_words:
            diags.add(topic.source, line, "body", f"'{plain_name}' has {plain.words} words; expected at least {targets.min_plain_words}")
        deeper_words = words_cached(topic.deeper, cache)
        line = topic.deeper_line
        if deeper_words < targets.min_deeper_words:
            diags.add(topic.source, line, "body", f"'{deeper_name}' has {deeper_words} words; expected at least {targets.min_deeper_words}")
        works = {i.key for m in find_citations(topic.deeper) for i in m.items}
        if len(works) < targets.min_deeper_citations:
            diags.add(
                topic.source, line, "body",
                f"'{deeper_name}' cites {len(works)} work(s); expected at least {targets.min_deeper_citations} (cite with [@key])",
            )


def check_glossary(site: Site, diags: Diagnostics) -> None:
    """Terms and synonyms are unique, and each term is used somewhere in the guide."""
    path = f"{site.root}/glossary.yml"
    seen: dict[str, tuple[int, str]] = {}
    corpus = "\n".join(text for t in site.topics for _, text, _ in topic_texts(t)).casefold()
    for i, entry in enumerate(site.glossary):
        for name in (entry.term, *entry.synonyms):
            key = look_alike_key(name)
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



def check_flashcards(site: Site, diags: Diagnostics) -> None:
    """The study deck: one idea per card (a short back), a source behind every figure and measure, no front twice."""
    path = f"{site.root}/flashcards.yml"
    limit = site.settings.flashcards.max_back_words
    fronts: dict[str, int] = {}
    for i, card in enumerate(site.flashcards):
        words = len(card.back.split())
        if words > limit:
            diags.add(
                path, site.line(path, f"[{i}].back"), f"[{i}].back",
                f"expected one idea in at most {limit} words (flashcards.max_back_words in site.yml), got {words}; "
                "split it into two cards",
            )
        if card.kind in ("figure", "measure") and not card.sources:
            diags.add(
                path, site.line(path, f"[{i}].sources"), f"[{i}].sources",
                f"a {card.kind} card needs the reference key of the work it comes from",
            )
        key = " ".join(card.front.casefold().split())
        if key in fronts:
            diags.add(path, site.line(path, f"[{i}].front"), f"[{i}].front", f"the same front as card {fronts[key] + 1}")
        else:
            fronts[key] = i
