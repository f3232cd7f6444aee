"""Render the site's pages as Markdown through Jinja2 templates.

One template per page kind (templates/*.md.j2); templates receive typed view
objects computed here and hold only loops and conditions. A project can
override any template by placing one of the same name in its overrides
folder, which is searched first.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..cache import Cache
from ..checks.markup import MD_DEFINITION_RE, MD_LINK_RE
from ..content.addresses import guide_part_path, handout_path, study_part_path
from ..content.diagnostics import Diagnostics
from ..content.parts import Piece, guide_pieces, study_pieces
from ..content.model import (
    Audience,
    GlossaryEntry,
    Handout,
    Helpline,
    Scenario,
    Section,
    Site,
    Topic,
)
from ..references.cite import Reference
from ..references.citepage import cite_this_page, page_url
from ..strings import Strings, strings_for
from .links import Link, relative
from .practice import PRACTICE_INDEX, ScenarioView, ScenarioViews, scenario_path
from .searchdata import main_region, region_anchor, regions
from .typography import keep_figures_together

TEMPLATES = Path(__file__).parent / "templates"
# The anchor of a topic's research layer (its "Going deeper" heading).
DEEPER_ANCHOR = "going-deeper"


def path_link(url: str, audience: Audience) -> str:
    """A link to a topic from a reader's path: at the research layer when that reader's pages open there."""
    return f"{url}#{DEEPER_ANCHOR}" if audience.opens_at == "deeper" else url


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its title, and its Markdown."""

    path: str
    title: str
    markdown: str
    in_nav: bool = True  # False: reached from another page (the parts of the study guide and whole guide)


@dataclass(frozen=True)
class PartLinks:
    """Where one part of a guide in parts sits: its number, its neighbours and the contents page."""

    number: int
    total: int
    previous: Link | None
    next: Link | None
    contents: Link


def part_links(paths: list[tuple[str, str]], contents: Link) -> list[PartLinks]:
    """For parts in reading order, each as (path, title): the links each part page ends with.
    `contents` is the parts' contents page, by its path (made relative to each part here)."""
    links = []
    for i, (path, _) in enumerate(paths):
        def link(j: int) -> Link | None:
            return Link(paths[j][1], relative(paths[j][0], path)) if 0 <= j < len(paths) else None

        links.append(PartLinks(i + 1, len(paths), link(i - 1), link(i + 1), Link(contents.title, relative(contents.url, path))))
    return links


@dataclass(frozen=True)
class QuizView:
    """A quiz item ready to show: choices with letters, the right one marked."""

    number: int
    question: str
    choices: list[tuple[str, str, bool]]
    answer_letter: str
    answer_text: str
    why: str


@dataclass(frozen=True)
class PathStep:
    """Where a topic sits in a reading path, with the previous and next topics."""

    audience: str
    number: int
    total: int
    previous: Link | None
    next: Link | None
    path_url: str


@dataclass(frozen=True)
class TopicView:
    """Everything a topic page shows, computed from a Topic."""

    topic: Topic
    section: Section
    path: str
    plain: str
    deeper: str
    questions: list[tuple[str, str]]
    quiz: list[QuizView]
    related: list[Link]
    references: list[Reference]
    reviewed: str
    review_due: str
    section_link: Link
    paths: list[PathStep]
    section_previous: Link | None
    section_next: Link | None
    # The practice scenarios that list this topic as related.
    practice: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class SectionView:
    """A section with its topics, for the section summary page."""

    section: Section
    path: str
    intro: str
    topics: list[TopicView]


@dataclass(frozen=True)
class HomeView:
    """The home page: the guide's settings, its doors and its sections."""

    site: Site
    doors: list[tuple[str, str, Link | None, Link | None]]
    sections: list[tuple[Section, Link, list[Link]]]
    practice: Link | None = None


@dataclass(frozen=True)
class HelpRegion:
    """One country or region on the Get help now page: its name, anchor and services (emergency first)."""

    name: str
    anchor: str
    helplines: list[Helpline]


@dataclass
class RenderError(Exception):
    """A template failed; says which template, line and page."""

    template: str
    line: int
    page: str
    message: str

    def __str__(self) -> str:
        return f"templates/{self.template}:{self.line}: while rendering {self.page}: {self.message}"


def topic_path(topic: Topic) -> str:
    """Where a topic's page lives: <section>/<topic>.md."""
    return f"{topic.section}/{topic.id}.md"


def page_path(item: Topic | Scenario) -> str:
    """Where a topic's or a scenario's page lives."""
    return scenario_path(item) if isinstance(item, Scenario) else topic_path(item)


def section_path(section: Section) -> str:
    """Where a section's summary page lives: <section>/index.md."""
    return f"{section.id}/index.md"


def format_date(day: dt.date, strings: Strings | None = None) -> str:
    """26 November 2026, 26 de noviembre de 2026 (no leading zero, month in words: unambiguous everywhere)."""
    t = strings or strings_for()
    return t("date.format", day=day.day, month=t(f"date.month.{day.month}"), year=day.year)


def shift_headings(markdown: str, by: int) -> str:
    """Demote every ATX heading by `by` levels (outside fenced code), at most to level 6."""
    out, in_fence = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        # Python-Markdown needs no space after the hashes (`###Title` is a heading too).
        match = None if in_fence else re.match(r"^(#{1,6})([^#].*|)$", line)
        out.append(("#" * min(6, len(match.group(1)) + by) + match.group(2)) if match else line)
    return "\n".join(out)


def resolve_links(markdown: str, source: str, paths: dict[str, str]) -> str:
    """Rewrite links to topics written as `<id>.md` into links relative to `source`: inline links and
    reference definitions (`[b]: beta.md`, which MkDocs would otherwise not find)."""

    def fix(match: re.Match[str]) -> str:
        target = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            return match.group(0)
        stem, _, anchor = target.partition("#")
        topic_id = stem.removesuffix(".md").rsplit("/", 1)[-1]
        if topic_id not in paths:
            return match.group(0)
        new = relative(paths[topic_id], source) + (f"#{anchor}" if anchor else "")
        # Replace the target where it is, not its first occurrence: the link text may be the same word.
        start, end = match.start(1) - match.start(0), match.end(1) - match.start(0)
        return match.group(0)[:start] + new + match.group(0)[end:]

    return MD_DEFINITION_RE.sub(fix, MD_LINK_RE.sub(fix, markdown))


def yaml_string(value: str) -> str:
    """A string safe to put in YAML front matter (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


# -- escaping, one filter per context of a Markdown template ------------------------------------
# The content checks reject raw HTML with a located message and the sanitizer removes whatever
# gets past them; these keep a field inside its context, so a title cannot become a heading, a
# link target cannot end its link, and an attribute value cannot end its quotes.

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")
_URL_UNSAFE = re.compile(r"[\s()<>\"'\\`\x00-\x1f\x7f]")


def md_text(value: Any) -> str:
    """A one-line field as inline Markdown text: line breaks become spaces, and a `<` that
    would start a tag is written `&lt;` (it reads the same; Markdown never sees a tag)."""
    text = _LINE_BREAKS.sub(" ", str(value))
    return _TAG_START.sub("&lt;", text)


def md_url(value: Any) -> str:
    """A link target for `[text](target)`: white space, brackets, quotes and control characters
    percent-encoded, so the target cannot end the link or add a title or attributes."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), str(value))


def html_attr(value: Any) -> str:
    """A value inside a quoted HTML attribute (or an admonition's quoted title)."""
    return html.escape(str(value), quote=True)


def theme_text(value: Any) -> Markup:
    """Text the theme prints as HTML (page titles, navigation titles, the meta description).

    Material's templates print these without escaping; a Markup value is printed as it is and
    is not escaped twice where a template does escape (`| e`)."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=True))


def make_environment(overrides: str | Path | None = None, bytecode_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment: overrides first (if the folder exists now), then the packaged templates.

    With `bytecode_dir`, compiled templates are kept there for the next run (Jinja checks each
    template's source, so an edited template is compiled again)."""
    folder = str(overrides) if overrides and Path(overrides).is_dir() else None
    return _environment(folder, str(bytecode_dir) if bytecode_dir else None)


@functools.lru_cache(maxsize=8)
def _environment(overrides: str | None, bytecode_dir: str | None = None) -> jinja2.Environment:
    # Cached: the help box is rendered for every page, and building an environment (and
    # compiling its templates) is the expensive part. Jinja re-reads a template whose file changed.
    bytecode = None
    if bytecode_dir:
        try:
            Path(bytecode_dir).mkdir(parents=True, exist_ok=True)
            bytecode = jinja2.FileSystemBytecodeCache(bytecode_dir)
        except OSError:
            bytecode = None  # a read-only project: compile every time
    loaders: list[jinja2.BaseLoader] = []
    if overrides:
        loaders.append(jinja2.FileSystemLoader(overrides))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # HTML templates (the help box) escape every value; Markdown templates use the filters below.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html"), default_for_string=False, default=False),
        bytecode_cache=bytecode,
    )
    env.filters["yaml"] = yaml_string
    env.filters["md_text"] = md_text
    env.filters["md_url"] = md_url
    env.filters["attr"] = html_attr
    env.filters["indent_md"] = lambda text, n=4: "\n".join((" " * n + l) if l.strip() else "" for l in text.split("\n"))
    return env


def topic_prose(topic: Topic) -> list[str]:
    """A topic's prose that may cite: plain, deeper, then each question and answer, then the quiz."""
    qa_texts = [x for qa in topic.questions for x in (qa.q, qa.a)]
    quiz_texts = [x for item in topic.quiz for x in (item.question, *item.choices, item.why)]
    return [topic.plain, topic.deeper, *qa_texts, *quiz_texts]


@dataclass
class Renderer:
    """Renders every page of a site; one instance per build."""

    site: Site
    overrides: str | Path | None = None
    today: dt.date = field(default_factory=dt.date.today)
    pdf: bool = False  # whether a PDF of the study guide is part of this build
    # A large guide keeps its navigation short: the home page lists the sections, each section page
    # lists its topics, and each topic links to its section and its neighbours. The theme renders the
    # whole navigation into every page, so a navigation with every page in it makes the build grow
    # with the square of the number of pages.
    compact_nav: bool = False
    cache: Cache | None = None  # remembers formatted citations between builds (see cache.py)
    site_url: str = ""  # MkDocs' site_url: the address in each page's "Cite this page" line

    def __post_init__(self) -> None:
        jinja_cache = self.cache.path.parent / "jinja" if self.cache is not None and self.cache.path is not None else None
        self.env = make_environment(self.overrides, jinja_cache)
        self.t = self.site.strings
        self.env.globals.update(
            cite_this_page=cite_this_page, page_url=functools.partial(page_url, self.site_url), t=self.t,
            format_date=functools.partial(format_date, strings=self.t),
        )
        self.paths = {t.id: topic_path(t) for t in self.site.topics}
        self.scenarios = ScenarioViews(self.site, self.paths, lambda markdown, source: resolve_links(markdown, source, self.paths))
        if self.site.bibliography is not None:
            if self.cache is not None:
                self.site.bibliography.cache = self.cache
            # Every citation of the guide, so that Pandoc formats them all in one run (cite.py).
            self.site.bibliography.prepare([x for t in self.site.topics for x in topic_prose(t)] + self.scenarios.texts_to_prepare())
        self._views: dict[str, TopicView] = {}

    # -- views -----------------------------------------------------------------

    def topic_view(self, topic: Topic) -> TopicView:
        """Compute everything a topic page shows (once per topic: section pages reuse it)."""
        if topic.id not in self._views:
            self._views[topic.id] = self._make_topic_view(topic)
        return self._views[topic.id]

    def _make_topic_view(self, topic: Topic) -> TopicView:
        path = self.paths[topic.id]
        texts = topic_prose(topic)
        if self.site.bibliography is not None:
            texts, references = self.site.bibliography.format_page(texts)
        else:
            references = []
        texts = [keep_figures_together(resolve_links(t, path, self.paths)) for t in texts]
        plain, deeper, rest = texts[0], texts[1], texts[2:]
        questions = [(rest[2 * i], rest[2 * i + 1]) for i in range(len(topic.questions))]
        rest = rest[2 * len(topic.questions) :]
        quiz = []
        for number, item in enumerate(topic.quiz, start=1):
            n = len(item.choices)
            question, choices, why = rest[0], rest[1 : 1 + n], rest[1 + n]
            rest = rest[2 + n :]
            letters = "ABCDEF"
            quiz.append(
                QuizView(
                    number=number,
                    question=question,
                    choices=[(letters[i], c, i == item.answer) for i, c in enumerate(choices)],
                    answer_letter=letters[item.answer],
                    answer_text=choices[item.answer],
                    why=why,
                )
            )
        section = self.site.section(topic.section)
        related = [
            Link(self.site.topic(r).title, relative(self.paths[r], path), self.site.topic(r).summary)
            for r in topic.related
            if r in self.paths
        ]
        due = topic.reviewed + dt.timedelta(days=self.site.settings.review.interval_days)
        paths = []
        for audience in self.site.settings.audiences:
            steps = [t for t in audience.path if t in self.paths]
            if topic.id not in steps:
                continue
            i = steps.index(topic.id)

            def link(j: int) -> Link | None:
                if not 0 <= j < len(steps):
                    return None
                other = self.site.topic(steps[j])
                return Link(other.title, path_link(relative(self.paths[other.id], path), audience))

            paths.append(
                PathStep(audience.title, i + 1, len(steps), link(i - 1), link(i + 1), relative("paths.md", path) + f"#{audience.id}")
            )
        return TopicView(
            topic=topic,
            section=section,
            path=path,
            plain=plain,
            deeper=deeper,
            questions=questions,
            quiz=quiz,
            related=related,
            practice=[
                Link(s.title, relative(scenario_path(s), path), s.summary) for s in self.site.scenarios if topic.id in s.related
            ],
            references=references,
            reviewed=format_date(topic.reviewed, self.t),
            review_due=format_date(due, self.t),
            section_link=Link(section.title, relative(section_path(section), path), section.summary),
            paths=paths,
            section_previous=self._neighbour(topic, -1, path),
            section_next=self._neighbour(topic, 1, path),
        )

    def _neighbour(self, topic: Topic, step: int, path: str) -> Link | None:
        """The previous (-1) or next (+1) topic in the same section, as a link from `path`."""
        siblings = self.site.topics_in(topic.section)
        index = siblings.index(topic) + step
        if not 0 <= index < len(siblings):
            return None
        other = siblings[index]
        return Link(other.title, relative(self.paths[other.id], path))

    # -- pages -----------------------------------------------------------------

    def render(self, template: str, page_name: str, **context: Any) -> str:
        """Render one template, turning any template error into a RenderError."""
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(exc.name or template, exc.lineno, page_name, exc.message or str(exc)) from exc
        except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError) as exc:
            # Any failure inside a template (an override dividing by zero, a filter given the wrong
            # value) is reported at its template line, not as a traceback.
            name, line = template, 0
            for frame, lineno in traceback.walk_tb(exc.__traceback__):
                filename = frame.f_code.co_filename
                if filename.endswith(".j2"):
                    name, line = Path(filename).name, lineno
            raise RenderError(name, line, page_name, str(exc) or exc.__class__.__name__) from exc

    def topic_page(self, topic: Topic) -> Page:
        """The page of one topic."""
        view = self.topic_view(topic)
        return Page(
            view.path, topic.title,
            self.render("topic.md.j2", view.path, page=view, compact_nav=self.compact_nav, site=self.site,
                        help_link=relative("help.md", view.path)),
        )

    def section_page(self, section: Section) -> Page:
        """The summary page of one section."""
        path = section_path(section)
        topics = [self.topic_view(t) for t in self.site.topics_in(section.id)]
        view = SectionView(section, path, resolve_links(section.intro, path, self.paths), topics)
        links = [Link(t.topic.title, relative(t.path, path), t.topic.summary) for t in topics]
        return Page(path, section.title, self.render("section.md.j2", path, page=view, links=links, site=self.site))

    def guide_page(self) -> Page:
        """The whole guide's first page: every topic's linked title and summary, section by section, and
        for each section a link to its part (every topic of it in full, on one page: `guide_parts`).

        The whole guide on one page was half a megabyte: slow on a phone and, with no compression on the
        server, below a Lighthouse score of 95 (issue 22). A large guide (`compact_nav`) has no parts:
        this page in brief is the one page that lists every topic, and each topic page has its full text."""
        path = "guide.md"
        sections = [
            (
                s, relative(section_path(s), path),
                None if self.compact_nav else relative(guide_part_path(s.id), path),
                [Link(t.title, relative(self.paths[t.id], path), t.summary) for t in self.site.topics_in(s.id)],
            )
            for s in self.site.sections
        ]
        markdown = self.render("guide.md.j2", path, brief=self.compact_nav, sections=sections, site=self.site)
        return Page(path, self.t("guide.title"), markdown)

    def guide_parts(self) -> list[Page]:
        """The whole guide in full, one part per section, a long section in pieces (content/parts.py);
        none in a large guide (see `guide_page`)."""
        if self.compact_nav:
            return []
        parts = guide_pieces(self.site)
        paths = [(guide_part_path(p.part, p.number), self._piece_title(self.site.section(p.part).title, p.number, p.count)) for p in parts]
        pages = []
        for piece, (path, name), links in zip(parts, paths, part_links(paths, Link(self.t("guide.title"), "guide.md"))):
            topics = piece.items
            texts = [t.plain for t in topics] + [t.deeper for t in topics]
            if self.site.bibliography is not None:
                texts, references = self.site.bibliography.format_page(texts)
            else:
                references = []
            texts = [keep_figures_together(shift_headings(resolve_links(t, path, self.paths), 1)) for t in texts]
            entries = [(t, relative(self.paths[t.id], path), texts[i], texts[len(topics) + i]) for i, t in enumerate(topics)]
            title = self.t("guide.part_title", section=name)
            markdown = self.render(
                "guide-part.md.j2", path, title=title, section=self.site.section(piece.part), topics=entries,
                references=references, part=links, site=self.site,
            )
            pages.append(Page(path, title, markdown, in_nav=False))
        return pages

    def _piece_title(self, title: str, number: int, count: int) -> str:
        """A part's name, with which piece it is when it comes in several."""
        return title if count == 1 else self.t("guide.piece", part=title, number=number, total=count)

    def glossary_page(self) -> Page:
        """Every glossary term with its plain and technical definitions."""
        entries: list[GlossaryEntry] = sorted(self.site.glossary, key=lambda e: e.term.casefold())
        return Page("glossary.md", self.t("glossary.title"), self.render("glossary.md.j2", "glossary.md", entries=entries, site=self.site))

    def references_page(self) -> Page:
        """Every work the guide cites, as APA."""
        refs = self.site.bibliography.all_references() if self.site.bibliography is not None else []
        return Page("references.md", self.t("references.title"), self.render("references.md.j2", "references.md", references=refs, site=self.site))

    def help_page(self) -> Page:
        """Get help now: the reader picks where they are, then each service with a button per way to reach it."""
        views = [
            HelpRegion(name, region_anchor(name), sorted(lines, key=lambda h: not h.emergency))
            for name, lines in regions(self.site.helplines)
        ]
        return Page(
            "help.md", self.t("help.title"),
            self.render(
                "help.md.j2", "help.md", regions=views, checked=checked_sentence(self.site.helplines, self.t), site=self.site
            ),
        )

    def paths_page(self) -> Page:
        """The reading paths, one ordered list per reader."""
        paths = [
            (a, [Link(self.site.topic(t).title, path_link(self.paths[t], a), self.site.topic(t).summary) for t in a.path if t in self.paths],
             self._practice_link(a.id, "paths.md"))
            for a in self.site.settings.audiences
        ]
        return Page("paths.md", self.t("paths.title"), self.render("paths.md.j2", "paths.md", paths=paths, site=self.site))

    def study_guide_page(self) -> Page:
        """The study guide's first page: what it holds, its downloads, and its contents, leading to
        its parts (`study_guide_parts`): key terms, one part per section, practice, flashcards.

        In one piece it was over half a megabyte, too slow on a phone without server compression
        (issue 22); the PDF keeps it in one piece (`study_guide_whole`)."""
        path = "study-guide.md"
        contents = []
        for piece in self._study_parts():
            url = relative(study_part_path(piece.part, piece.number), path)
            topics = piece.items if piece.kind == "section" else ()
            name = self._piece_title(self._part_name(piece), piece.number, piece.count)
            contents.append((Link(name, url), [Link(t.title, f"{url}#topic-{t.id}") for t in topics]))
        return Page(
            path, self.t("study.title"),
            self.render(
                "study-guide.md.j2", path, hub=True, contents=contents, pdf=self.pdf,
                handouts=[Link(h.title, relative(handout_path(h.id), path)) for h in self.site.handouts], site=self.site,
            ),
        )

    def _study_parts(self) -> list[Piece]:
        """The study guide's pages after its first (a large guide's leave the research layers out)."""
        return study_pieces(self.site, research=not self.compact_nav)

    def _part_name(self, piece: Piece) -> str:
        """What a part of the study guide is called: its section's title, or the name of its kind."""
        names = {"key-terms": "study.key_terms", "practice": "practice.title", "flashcards": "study.flashcards_title"}
        return self.site.section(piece.part).title if piece.kind == "section" else self.t(names[piece.kind])

    def study_guide_parts(self) -> list[Page]:
        """The study guide's parts, one page each, each with the references it cites and links to
        the previous and next part (see `study_guide_page`)."""
        parts = self._study_parts()
        paths = [(study_part_path(p.part, p.number), self._piece_title(self._part_name(p), p.number, p.count)) for p in parts]
        refs = {r.key: r for r in self.site.bibliography.all_references()} if self.site.bibliography is not None else {}
        pages = []
        for piece, (path, name), links in zip(parts, paths, part_links(paths, Link(self.t("study.contents_label"), "study-guide.md"))):
            kind, items = piece.kind, piece.items
            context: dict[str, Any] = {}
            sources: set[str] = set()  # works listed whether or not the text cites them: flashcards' sources
            if kind == "key-terms":
                context["terms"] = items
            elif kind == "practice":
                held = {s.id for s in items}
                groups = [(skill, [v for v in views if v.scenario.id in held]) for skill, views in self.scenarios.by_skill(path)]
                context["practice"] = [(skill, views) for skill, views in groups if views]
            elif kind == "flashcards":
                texts = [c.back for c in items]
                if self.site.bibliography is not None:
                    texts, _ = self.site.bibliography.format_page(texts)
                texts = [keep_figures_together(resolve_links(x, path, self.paths)) for x in texts]
                context["cards"] = list(zip(items, texts))
                sources = {k.lower() for card in items for k in card.sources}
            else:
                texts = [t.deeper for t in items] if not self.compact_nav else []
                if self.site.bibliography is not None and texts:
                    texts, _ = self.site.bibliography.format_page(texts)
                texts = [keep_figures_together(shift_headings(resolve_links(x, path, self.paths), 1)) for x in texts]
                views = [self.topic_view(t) for t in items]
                context["section"] = self.site.section(piece.part)
                context["first"] = piece.number == 1
                context["views"] = [(v, relative(v.path, path), texts[i] if texts else "") for i, v in enumerate(views)]
            title = self.t("study.part_title", part=name)
            arguments = dict(title=title, name=name, part_id=kind, part=links, site=self.site, **context)
            # The works this page cites: those its text links to (a topic's key points and quiz cite
            # fewer than its page does), and a flashcard's sources.
            linked = set(re.findall(r'href="#(ref-[^"]+)"', self.render("study-part.md.j2", path, references=[], **arguments)))
            markdown = self.render(
                "study-part.md.j2", path, references=[r for r in refs.values() if r.key in sources or r.anchor in linked], **arguments,
            )
            pages.append(Page(path, title, markdown, in_nav=False))
        return pages

    def study_guide_whole(self) -> Page:
        """Everything a student studies from in one piece, the source of the PDF (build/pdf.py): a contents list,
        the key terms, per section the objectives and per topic the key points, the research layer
        with its citations and the quiz with its answers, then the flashcards and every reference.

        A large guide (`compact_nav`) leaves the research layers out: with them the page would be
        the whole guide again, megabytes that no phone should load; each topic page has its own.
        On the site it comes in parts (`study_guide_page`, `study_guide_parts`)."""
        path = "study-guide.md"
        topics = [] if self.compact_nav else list(self.site.topics)
        texts = [t.deeper for t in topics] + [c.back for c in self.site.flashcards]
        deeper_refs: list[Reference] = []
        if self.site.bibliography is not None and texts:
            texts, deeper_refs = self.site.bibliography.format_page(texts)
        texts = [keep_figures_together(shift_headings(resolve_links(x, path, self.paths), 2)) for x in texts]
        deeper = {t.id: texts[i] for i, t in enumerate(topics)}
        cards = [(card, texts[len(topics) + i]) for i, card in enumerate(self.site.flashcards)]
        sections = []
        for section in self.site.sections:
            views = [self.topic_view(t) for t in self.site.topics_in(section.id)]
            sections.append((section, [(v, relative(v.path, path), deeper.get(v.topic.id, "")) for v in views]))
        terms = sorted(self.site.glossary, key=lambda e: e.term.casefold())
        # The scenarios, each made for this page (anchors prefixed with its id), choices before feedback.
        practice = self.scenarios.by_skill(path)
        cited = {r.key for v in self._views.values() for r in v.references} | {r.key for r in deeper_refs}
        cited |= {r.key for _, views in practice for v in views for r in v.references}
        cited |= {k.lower() for card in self.site.flashcards for k in card.sources}
        refs = self.site.bibliography.all_references() if self.site.bibliography is not None else []
        refs = [r for r in refs if r.key in cited]
        return Page(
            path, self.t("study.title"),
            self.render(
                "study-guide.md.j2", path, hub=False, sections=sections, terms=terms, cards=cards, references=refs, pdf=self.pdf,
                handouts=[Link(h.title, relative(handout_path(h.id), path)) for h in self.site.handouts], practice=practice,
                site=self.site,
            ),
        )

    def handout_page(self) -> Page | None:
        """The printable handout of questions for the reader to take along."""
        if self.site.handout is None:
            return None
        return self._handout("handout.md", self.site.handout, self.t("handout.description"))

    def handout_pages(self) -> list[Page]:
        """The other printable handouts (content/handouts/), one page each."""
        return [self._handout(handout_path(h.id), h, "") for h in self.site.handouts]

    def _handout(self, path: str, handout: Handout, description: str) -> Page:
        refs = []
        if self.site.bibliography is not None:
            _, refs = self.site.bibliography.format_page([f"[@{k}]" for k in handout.sources])
        return Page(
            path, handout.title,
            self.render("handout.md.j2", path, handout=handout, description=description, references=refs, site=self.site),
        )

    def _practice_link(self, audience_id: str, path: str) -> Link | None:
        """The link to /practice/ from `path`, for the audience that `practice.audience` names (if there are scenarios)."""
        if not self.site.scenarios or self.site.settings.practice.audience != audience_id:
            return None
        return Link(self.t("practice.door"), relative(PRACTICE_INDEX, path), self.t("practice.description"))

    def scenario_page(self, view: ScenarioView) -> Page:
        """The page of one practice scenario: its moments, choices and feedback, what to bring to supervision."""
        return Page(
            view.path, view.scenario.title,
            self.render(
                "scenario.md.j2", view.path, page=view, index_url=relative(PRACTICE_INDEX, view.path),
                supervision_anchor="supervision", reviewed=format_date(view.scenario.reviewed, self.t), site=self.site,
            ),
        )

    def practice_pages(self) -> list[Page]:
        """/practice/, every scenario grouped by skill, then each scenario's page; none without scenarios."""
        if not self.site.scenarios:
            return []
        groups = self.scenarios.by_skill()
        links = [
            (skill, [Link(v.scenario.title, relative(v.path, PRACTICE_INDEX), v.scenario.summary) for v in views])
            for skill, views in groups
        ]
        intro = resolve_links(self.site.settings.practice.intro or self.t("practice.intro"), PRACTICE_INDEX, self.paths)
        index = Page(
            PRACTICE_INDEX, self.t("practice.title"),
            self.render("practice.md.j2", PRACTICE_INDEX, groups=links, intro=intro, site=self.site),
        )
        return [index] + [self.scenario_page(v) for _, views in groups for v in views]

    def home_page(self) -> Page:
        """The home page with a door for each reader."""
        doors = []
        for audience in self.site.settings.audiences:
            first = next((p for p in audience.path if p in self.paths), None)
            link = Link(self.site.topic(first).title, path_link(relative(self.paths[first], "index.md"), audience)) if first else None
            doors.append((audience.title, audience.door, link, self._practice_link(audience.id, "index.md")))
        sections = [
            (
                s,
                Link(s.title, section_path(s), s.summary),
                # A large guide's home page lists its sections; each section page lists its topics.
                [] if self.compact_nav else [Link(t.title, self.paths[t.id], t.summary) for t in self.site.topics_in(s.id)],
            )
            for s in self.site.sections
        ]
        practice = Link(self.t("practice.title"), PRACTICE_INDEX, self.t("practice.description")) if self.site.scenarios else None
        view = HomeView(self.site, doors, sections, practice)
        return Page("index.md", self.site.settings.title, self.render("home.md.j2", "index.md", page=view, site=self.site))

    def pages(self) -> list[Page]:
        """Every generated page, in navigation order."""
        pages = [self.home_page()]
        for section in self.site.sections:
            pages.append(self.section_page(section))
            pages.extend(self.topic_page(t) for t in self.site.topics_in(section.id))
        pages += self.practice_pages()
        pages += [self.guide_page(), *self.guide_parts(), self.paths_page(), self.study_guide_page(), *self.study_guide_parts()]
        handout = self.handout_page()
        if handout is not None:
            pages.append(handout)
        pages += self.handout_pages()
        pages += [self.glossary_page(), self.references_page(), self.help_page()]
        return pages

    def nav(self) -> list[Any]:
        """The navigation: home, each section with its topics, then the guide-wide pages."""
        t = self.t
        nav: list[Any] = [{theme_text(t("nav.home")): "index.md"}]
        for section in self.site.sections:
            if self.compact_nav:
                # Sections are reached from the home page (which lists them all), not the navigation:
                # with hundreds of sections even a sections-only navigation dominates every page.
                break
            children: list[Any] = [section_path(section)]
            children += [{theme_text(t.title): self.paths[t.id]} for t in self.site.topics_in(section.id)]
            nav.append({theme_text(section.title): children})
        if self.site.scenarios:
            practice: Any = PRACTICE_INDEX
            if not self.compact_nav:  # a large guide lists them on the practice page only
                practice = [PRACTICE_INDEX] + [{theme_text(s.title): scenario_path(s)} for _, group in self.scenarios.grouped() for s in group]
            nav.append({theme_text(t("practice.title")): practice})
        nav += [
            {theme_text(t("guide.title")): "guide.md"},
            {theme_text(t("paths.title")): "paths.md"},
            {theme_text(t("study.title")): "study-guide.md"},
        ]
        if self.site.handout is not None:
            nav.append({theme_text(self.site.handout.title): "handout.md"})
        nav += [{theme_text(h.title): handout_path(h.id)} for h in self.site.handouts]
        nav += [
            {theme_text(t("glossary.title")): "glossary.md"},
            {theme_text(t("references.title")): "references.md"},
            {theme_text(t("help.title")): "help.md"},
        ]
        return nav


def help_box(site: Site, help_url: str, overrides: str | Path | None = None, help_address: str = "") -> str:
    """The calm help line at the end of every page (HTML): no call links, a link to Get help now;
    in print, the help page's public address (`help_address`, if any) and the main region's numbers."""
    template = make_environment(overrides).get_template("helpbox.html.j2")
    return template.render(help_url=help_url, site=site, t=site.strings, help_address=help_address, main_region=main_region(site))


def checked_sentence(helplines: Iterable[Helpline], strings: Strings | None = None) -> str:
    """When the numbers were checked, said once for the whole page."""
    t = strings or strings_for()
    days = sorted({h.verified_on for h in helplines})
    if not days:
        return ""
    if len(days) == 1:
        return t("help.checked_on", date=format_date(days[0], t))
    return t("help.checked_between", first=format_date(days[0], t), last=format_date(days[-1], t))


def flashcards_csv(site: Site) -> str:
    """The study deck as CSV (front, back, source, tags), importable into Anki or Quizlet.

    The cards of content/flashcards.yml come first (figures, measures, terms, each with the
    APA reference of its source), then every glossary term with its plain definition."""
    import csv
    import io

    references = {r.key: r.text for r in site.bibliography.all_references()} if site.bibliography is not None else {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["front", "back", "source", "tags"])
    for card in site.flashcards:
        source = " ".join(references[k.lower()] for k in card.sources if k.lower() in references)
        writer.writerow([csv_cell(card.front), csv_cell(card.back), csv_cell(source), card.kind])
    for entry in sorted(site.glossary, key=lambda e: e.term.casefold()):
        writer.writerow([csv_cell(entry.term), csv_cell(entry.plain), "", "term glossary"])
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula: one starting with = + - @ (or a tab or
    carriage return) gets a leading apostrophe, which spreadsheets show as text."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_site(site: Site, overrides: str | Path | None = None, diags: Diagnostics | None = None) -> list[Page]:
    """Render every page; a template error is recorded in `diags` (if given) and re-raised."""
    try:
        return Renderer(site, overrides).pages()
    except RenderError as exc:
        if diags is not None:
            diags.add(f"templates/{exc.template}", exc.line, "", f"while rendering {exc.page}: {exc.message}")
        raise
