"""The typed content model: site settings, sections, topics, glossary, helplines, services.

Pydantic v2, strict, frozen, unknown keys rejected. No I/O here: `load.py`
reads files and turns validation errors into diagnostics with lines.
A few natural shorthands are accepted and normalised before validation
(a single string where a list is expected, a quoted ISO date).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal
from urllib.parse import quote

import regex
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from ..strings import LANGUAGE_TAG, Strings, flatten, strings_for

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)


def _as_list(value: Any) -> Any:
    """Shorthand: a single string stands for a one-item list."""
    return [value] if isinstance(value, str) else value


def _as_date(value: Any) -> Any:
    """Shorthand: a quoted ISO date ("2026-11-25") is read as a date."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _strip(value: Any) -> Any:
    """Trim surrounding white space from text so blank values are caught as empty."""
    return value.strip() if isinstance(value, str) else value


# Characters no title or label needs, which make two texts look alike, hide text or change the
# reading order, decided by Unicode's own properties rather than a list: control, format (zero-width
# joiners, bidi overrides, the soft hyphen), private-use, unassigned and surrogate code points, and
# every default-ignorable one (U+034F, the Hangul fillers, variation selectors), which renders as nothing.
INVISIBLE = regex.compile(r"[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Default_Ignorable_Code_Point}]")
LINE_BREAK = re.compile("[\n\r\u2028\u2029\x0b\x0c\x85]")


def _one_line(value: Any) -> Any:
    """A title, label or key point: one line of visible text."""
    if isinstance(value, str):
        if LINE_BREAK.search(value):
            raise ValueError("must be one line; join the lines (a line break here would start new Markdown)")
        found = INVISIBLE.search(value.replace("\t", " "))
        if found:
            name = unicodedata.name(found.group(0), "unnamed")
            raise ValueError(
                f"contains an invisible or text-direction character (U+{ord(found.group(0)):04X} {name}, "
                f"Unicode category {unicodedata.category(found.group(0))}); delete it (retyping the text removes it)"
            )
    return value



def _language_tag(value: str) -> str:
    """The site's language: a valid BCP 47 tag such as en, es-MX or pt-BR, whose subtags are in the
    registry (langcodes) and written in the grammar's ASCII letters, digits and hyphens (LANGUAGE_TAG:
    langcodes alone also takes "en_US"). It picks the interface strings and the search's stemmer, and
    goes into <html lang> and the PDF."""
    import langcodes

    if not LANGUAGE_TAG.match(value) or not langcodes.tag_is_valid(value):
        raise ValueError(f"expected a language tag (BCP 47) such as en, es-MX or pt-BR, got {value[:60]!r}")
    return value


Text = Annotated[str, BeforeValidator(_strip), Field(min_length=1)]
Line = Annotated[str, BeforeValidator(_strip), AfterValidator(_one_line), Field(min_length=1)]
LineList = Annotated[list[Line], BeforeValidator(_as_list)]
Id = Annotated[str, BeforeValidator(_strip), Field(pattern=ID_PATTERN)]
Date = Annotated[dt.date, BeforeValidator(_as_date)]
TextList = Annotated[list[Text], BeforeValidator(_as_list)]
IdList = Annotated[list[Id], BeforeValidator(_as_list)]
_CONTACT_URL = re.compile(r"^(?:https?://[^\s<>\"']+|mailto:[^\s@<>\"'?]+@[^\s@<>\"'?]+)$")


def _contact_url(value: str) -> str:
    """The footer's contact link: a web address or an email address to write to."""
    if not _CONTACT_URL.match(value):
        raise ValueError(f"expected a web address (https://...) or mailto:name@example.org, got \"{value}\"")
    return value


LanguageTag = Annotated[str, BeforeValidator(_strip), AfterValidator(_language_tag)]
ContactUrl = Annotated[str, BeforeValidator(_strip), AfterValidator(_contact_url)]
_SITE_URL = re.compile(r"^https?://([^/\s:@]+)(?::\d+)?(?:/[^\s<>\"']*)?$")
LOCAL_HOSTS = re.compile(r"^(?:localhost|127(?:\.\d+){3}|0\.0\.0\.0|\[?::1\]?)$", re.I)


def _site_url(value: str) -> str:
    """The site's public address: a web address on a real host, ending in /."""
    found = _SITE_URL.match(value)
    if not found:
        raise ValueError(f"expected the public web address of the site, like https://guide.example.org/, got \"{value}\"")
    if LOCAL_HOSTS.match(found.group(1)):
        raise ValueError(f"\"{value}\" is this computer's address, not a public one; readers cannot reach it")
    return value if value.endswith("/") else value + "/"


SiteUrl = Annotated[str, BeforeValidator(_strip), AfterValidator(_site_url)]


class Strict(BaseModel):
    """Base for every content model: strict types, frozen, unknown keys rejected."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


class ReadingTargets(Strict):
    """Limits for a topic's layers, checked by `python -m generator check`."""

    # Ranges, not only types: a NaN or a negative limit would switch a check off without a word.
    max_grade: float = Field(default=8.0, ge=0, le=30, allow_inf_nan=False)
    # Spanish: the lowest Szigriszt-Pazos score (INFLESZ: 55-65 "normal", 65-80 "fairly easy").
    min_score: float = Field(default=55.0, ge=0, le=120, allow_inf_nan=False)
    # One paragraph may read this much harder than the layer's limit (a few sentences are a noisy sample;
    # a paragraph far harder than the rest is still caught): in grades, or score points x 5 in Spanish.
    paragraph_margin: float = Field(default=2.0, ge=0, le=30, allow_inf_nan=False)
    max_sentence_words: int = Field(default=25, ge=1, le=1000)
    min_plain_words: int = Field(default=250, ge=0, le=100_000)
    min_deeper_words: int = Field(default=300, ge=0, le=100_000)
    min_deeper_citations: int = Field(default=2, ge=0, le=1000)


class TopicRequirements(Strict):
    """How many of each part a topic must have, checked by `python -m generator check`."""

    min_key_points: int = Field(default=3, ge=0, le=100)
    max_key_points: int = Field(default=5, ge=1, le=100)
    min_questions: int = Field(default=3, ge=0, le=100)
    min_reflect: int = Field(default=2, ge=0, le=100)
    min_quiz: int = Field(default=3, ge=0, le=100)
    min_related: int = Field(default=2, ge=0, le=100)


# Words a test-wise reader takes as the mark of a wrong choice: sweeping claims that a careful
# answer rarely makes. English; `quiz.absolute_words` in site.yml replaces the list.
DEFAULT_ABSOLUTE_WORDS = (
    "always", "never", "only", "all", "every", "none", "nothing", "no one", "must",
    "proof", "proven", "proves", "guarantee", "guarantees", "guaranteed", "completely", "entirely",
)


class QuizBalance(Strict):
    """Limits that keep quiz answers from giving themselves away, checked site-wide by checks/quizzes.py.

    Shares are fractions of all quiz items in the guide. The rules apply only once the
    guide has `min_items` items: in a handful, a lopsided share is chance, not a habit.
    """

    max_longest_share: float = Field(default=0.35, ge=0, le=1)
    max_shortest_share: float = Field(default=0.35, ge=0, le=1)
    max_position_share: float = Field(default=0.40, ge=0, le=1)
    # The sweeping-word cue: the right answer is left standing once every choice with a
    # sweeping word is struck out (see checks/quizzes.py). The words are a setting so that
    # a guide in another language can list its own.
    max_absolutes_share: float = Field(default=0.10, ge=0, le=1)
    absolute_words: LineList = Field(default_factory=lambda: list(DEFAULT_ABSOLUTE_WORDS), min_length=1)
    min_items: int = Field(default=20, ge=1)


class FlashcardRules(Strict):
    """Limits for the study deck (`content/flashcards.yml`)."""

    # One idea per card: a back longer than this is two cards.
    max_back_words: int = Field(default=25, ge=1, le=200)


class PracticeSkill(Strict):
    """A skill that groups practice scenarios on /practice/ (`practice.skills` in site.yml)."""

    id: Id
    title: Line
    intro: Text | None = None


class ScenarioCues(Strict):
    """Limits that keep a scenario's best choice from giving itself away, checked across all scenarios.

    Shares are fractions of all moments in the guide's scenarios; the rules apply once there
    are `min_moments` moments (in a handful, a lopsided share is chance, not a habit).
    """

    max_longest_share: float = Field(default=0.35, ge=0, le=1)
    max_position_share: float = Field(default=0.40, ge=0, le=1)
    max_hedged_share: float = Field(default=0.35, ge=0, le=1)
    min_moments: int = Field(default=10, ge=1)


class Practice(Strict):
    """`practice:` in site.yml: the practice page's skills, the reader whose door links to it, the cue limits."""

    intro: Text | None = None
    # The id of the audience (a door on the home page and a reading path) that the practice page is for.
    audience: Id | None = None
    skills: list[PracticeSkill] = Field(default_factory=list)
    cues: ScenarioCues = Field(default_factory=ScenarioCues)


class ReviewPolicy(Strict):
    """How often each topic must be reviewed."""

    # At most ten years: a review is a promise to readers, and dates past year 9999 do not exist.
    interval_days: int = Field(default=365, ge=1, le=3650)


class CitationPolicy(Strict):
    """Which sites a topic may not cite (`citations:` in site.yml), checked by checks/citesources.py.

    `refuse` maps what a kind of site is ("an encyclopedia", "a news site") to its domains; a
    reference whose `url` is on one of them (or a subdomain) may verify a service or a helpline,
    but a topic or the handout citing it is an error that names the kind. Research claims cite
    research or official bodies.
    """

    refuse: dict[Line, LineList] = Field(default_factory=lambda: {
        "an encyclopedia": ["wikipedia.org", "wikimedia.org", "britannica.com", "grokipedia.com", "encyclopedia.com"],
        "a news site": [
            "irishtimes.com", "independent.ie", "irishexaminer.com", "bbc.co.uk", "bbc.com", "theguardian.com",
            "nytimes.com", "washingtonpost.com", "todayfm.com", "kclr96fm.com", "newstalk.com", "limerickpost.ie",
            "keighleynews.co.uk", "thescottishfarmer.co.uk", "nen.press", "belfasttelegraph.co.uk", "huffpost.com",
        ],
    })


class Audience(Strict):
    """One of the site's readers, shown as a door on the home page."""

    id: Id
    title: Line
    door: Text
    path: IdList = Field(default_factory=list)
    # Where a page opened from this reader's path starts: "plain" (the top) or "deeper" (the research
    # layer), so a reader who studies is not made to scroll past the plain layer on every page.
    opens_at: Literal["plain", "deeper"] = "plain"


def _flat_strings(value: Any) -> Any:
    """Interface strings may be written flat (`quiz.check: ...`) or grouped (`quiz:` / `check: ...`)."""
    return flatten(value) if isinstance(value, dict) else value


class Reviewer(Strict):
    """A person who reviewed a topic: who, with what qualification, and when."""

    name: Line
    qualification: Line
    date: Date


class Editorial(Strict):
    """Who stands behind the guide (site.yml `editorial`): shown to readers in every topic and the footer."""

    # Who writes the topics, unless a topic names its own author.
    author: Line
    # How the content is checked, in a sentence or two.
    how_checked: Text
    # What readers are told when no clinician has reviewed a topic: say so honestly, never invent a reviewer.
    clinical_review: Line | None = None


class SiteSettings(Strict):
    """`content/site.yml`: the guide's title, description, readers and policies."""

    title: Line
    description: Line
    language: LanguageTag = "en"
    one_minute: TextList = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    reading: ReadingTargets = Field(default_factory=ReadingTargets)
    require: TopicRequirements = Field(default_factory=TopicRequirements)
    quiz: QuizBalance = Field(default_factory=QuizBalance)
    practice: Practice = Field(default_factory=Practice)
    review: ReviewPolicy = Field(default_factory=ReviewPolicy)
    citations: CitationPolicy = Field(default_factory=CitationPolicy)
    flashcards: FlashcardRules = Field(default_factory=FlashcardRules)
    # The site's footer: who publishes the guide and how to get in touch.
    publisher: Text | None = None
    contact: Text | None = None
    contact_url: ContactUrl | None = None
    # Who writes the guide and how it is checked (shown to readers; `check` warns when missing).
    editorial: Editorial | None = None
    # The public address of the site: "Cite this page", canonical links and sitemap.xml use it.
    site_url: SiteUrl | None = None
    # Replacements for the generator's interface strings (generator/strings/<language>.yml), by key.
    strings: Annotated[dict[str, Line], BeforeValidator(_flat_strings)] = Field(default_factory=dict)


class Section(Strict):
    """`content/sections/<id>.yml`: a group of topics with a summary page."""

    id: Id
    title: Line
    summary: Line
    intro: Text
    order: int
    objectives: TextList = Field(default_factory=list)


class Question(Strict):
    """A question people ask, in their own words, with a plain answer."""

    q: Text
    a: Text


class QuizItem(Strict):
    """A self-check question with one right answer and why it is right."""

    question: Text
    choices: TextList = Field(min_length=2, max_length=6)
    answer: int
    why: Text

    @model_validator(mode="after")
    def _answer_in_range(self) -> "QuizItem":
        if not 0 <= self.answer < len(self.choices):
            raise ValueError(
                f"answer: expected an index into choices (0–{len(self.choices) - 1}), got {self.answer}"
            )
        return self


class TopicFront(Strict):
    """The front matter of `content/topics/<id>.md`."""

    title: Line
    section: Id
    order: int
    summary: Line
    key_points: LineList = Field(min_length=1)
    questions: list[Question] = Field(default_factory=list)
    reflect: TextList = Field(default_factory=list)
    quiz: list[QuizItem] = Field(default_factory=list)
    related: IdList = Field(default_factory=list)
    reviewed: Date
    # Ids from content/services.yml, shown as "What you can do next" at the end of the
    # plain layer. Optional here so a topic still loads; `check` requires at least one.
    next_steps: IdList = Field(default_factory=list)
    # Words readers search with that the page may not use ("cheap", "free", "insurance"): added to
    # the page's search entry, never shown (see build/keywords.py).
    keywords: LineList = Field(default_factory=list)
    # A draft is previewed (marked, its problems as warnings) but never published: see drafts.py.
    draft: bool = False
    # Who wrote and who reviewed this topic (else site.yml's editorial says).
    author: Line | None = None
    reviewer: Reviewer | None = None
    # A topic about harm or crisis shows help.yml's help box in its plain layer.
    help: bool = False


class Topic(TopicFront):
    """A topic: its front matter, its id (the file name) and its two prose layers."""

    id: Id
    plain: Text
    deeper: Text
    source: str
    plain_line: int = 1
    deeper_line: int = 1


class Choice(Strict):
    """One thing the learner could say or do at a moment, with feedback on what it does."""

    text: Line
    feedback: Text
    best: bool = False
    # The id of the moment this choice leads to, in the same scenario.
    next: Id | None = None


class Moment(Strict):
    """A point in a scenario where the learner must respond: the situation, the question, 3-4 choices."""

    id: Id
    situation: Text
    question: Line
    choices: list[Choice] = Field(min_length=3, max_length=4)

    @model_validator(mode="after")
    def _one_best(self) -> "Moment":
        best = sum(c.best for c in self.choices)
        if best != 1:
            raise ValueError(f"choices: expected exactly one choice with `best: true`, got {best}")
        return self

    @property
    def best(self) -> int:
        """The index of the best choice."""
        return next(i for i, c in enumerate(self.choices) if c.best)


class ScenarioFile(Strict):
    """`content/scenarios/<id>.yml`: a practice scenario, as written."""

    title: Line
    skill: Id
    summary: Line
    # Topic ids; optional here so a scaffold loads as a draft, but `check` requires at least one.
    related: IdList = Field(default_factory=list)
    reviewed: Date
    # A draft is previewed (marked, its problems as warnings) but never published: see drafts.py.
    draft: bool = False
    moments: list[Moment] = Field(min_length=1)
    supervision: LineList = Field(min_length=1, max_length=4)


class Scenario(ScenarioFile):
    """A practice scenario: its fields, its id (the file name) and its file."""

    id: Id
    source: str

    def moment(self, moment_id: str) -> Moment | None:
        """The moment with this id, or None."""
        return next((m for m in self.moments if m.id == moment_id), None)


class GlossaryEntry(Strict):
    """A glossary term with a plain and a technical definition."""

    term: Line
    plain: Text
    technical: Text
    synonyms: LineList = Field(default_factory=list)


# What a phone can dial (issue 20): ASCII digits, an optional leading +, spaces between groups.
DIALLABLE = re.compile(r"^\+?[0-9]+(?: [0-9]+)*$")
# A number as a label shows it: digits (any script's) in groups joined by spaces, dots, hyphens or
# brackets. Numbers shorter than this are instructions ("option 2", "24/7"), not numbers to dial.
NUMBER_IN_TEXT = re.compile(r"\+?\(?\d+(?:[ .\-\u00a0)(]{1,3}\d+)*")
MIN_NUMBER_DIGITS = 3


class Contact(Strict):
    """One way to reach a helpline."""

    kind: Literal["phone", "text", "web", "email"]
    value: Line
    label: Line
    keyword: Line | None = None

    @model_validator(mode="after")
    def _dials_what_it_shows(self) -> "Contact":
        """A phone or text number is what a phone can dial, and the label shows no other number."""
        if self.kind not in {"phone", "text"}:
            return self
        if not DIALLABLE.match(self.value):
            raise ValueError(
                f"value: expected a number a phone can dial: digits 0-9, an optional + at the start and spaces, "
                f"got {self.value[:60]!r}; instructions such as \"press 2\" belong in the label or the description"
            )
        number = self.value.replace(" ", "")
        for shown in NUMBER_IN_TEXT.finditer(self.label):
            digits = "".join(str(unicodedata.digit(ch)) for ch in shown.group(0) if ch.isdigit())
            if len(digits) >= MIN_NUMBER_DIGITS and digits != number.lstrip("+"):
                raise ValueError(
                    f"label: shows the number {shown.group(0).strip()!r}, but the button dials {self.value!r}; "
                    "a label may add instructions (\"Call 111 and choose option 2\") but must not show another number"
                )
        return self

    @property
    def shown(self) -> str:
        """The button's text: the label, with the number it dials when the label does not show it,
        so what a reader sees is always what the phone dials."""
        if self.kind not in {"phone", "text"}:
            return self.label
        number = self.value.replace(" ", "").lstrip("+")
        for shown in NUMBER_IN_TEXT.finditer(self.label):
            if "".join(str(unicodedata.digit(ch)) for ch in shown.group(0) if ch.isdigit()) == number:
                return self.label
        return f"{self.label} ({self.value})"

    @property
    def href(self) -> str:
        """The link that starts this contact on a phone or in a browser."""
        digits = self.value.replace(" ", "")
        if self.kind == "phone":
            return f"tel:{digits}"
        if self.kind == "text":
            return f"sms:{digits}" + (f"?&body={quote(self.keyword, safe='')}" if self.keyword else "")
        if self.kind == "email":
            return f"mailto:{quote(self.value, safe='@+.')}"
        return self.value


class Helpline(Strict):
    """A crisis or support service, with when its details were last verified."""

    id: Id
    region: Line
    service: Line
    description: Text
    contacts: list[Contact] = Field(min_length=1)
    hours: Line | None = None
    emergency: bool = False
    featured: bool = False
    verified_on: Date
    source: str | None = None
    # Where each number was checked (reference keys or https URLs): at least two
    # independent sources per helpline; `source` stays the one shown as the reference.
    sources: TextList = Field(default_factory=list)


class Service(Strict):
    """An outside service the guide links to (`content/services.yml`), with where and when it was checked."""

    id: Id
    name: Text
    region: Text
    url: Text
    what: Text
    source: Text
    checked: Date


class HandoutGroup(Strict):
    """A group on a printable handout: questions to tick, points to read, or prompts with room to write."""

    heading: Line
    questions: LineList = Field(default_factory=list)
    # Points to read (a pocket card's markers): shown as a plain list, not a checklist.
    items: LineList = Field(default_factory=list)
    # Prompts the reader answers on paper: each gets ruled space under it when printed.
    write_in: LineList = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_content(self) -> "HandoutGroup":
        if not (self.questions or self.items or self.write_in):
            raise ValueError("expected at least one of questions, items or write_in")
        return self


class Handout(Strict):
    """`content/handout.yml`: a printable handout of questions for the reader to take along."""

    title: Line
    intro: Text
    groups: list[HandoutGroup] = Field(min_length=1)
    sources: list[str] = Field(default_factory=list)


class HelpPart(Strict):
    """A short paragraph under its heading, before the numbers on Get help now."""

    heading: Line
    text: Text


class HelpWords(Strict):
    """`content/help.yml`: the words of Get help now and of the help shown on other pages."""

    before: list[HelpPart] = Field(default_factory=list)
    choose: Text
    remember: Text
    page_line: Line
    topic_box: Text
class HandoutFile(Handout):
    """`content/handouts/<id>.yml`: another printable handout (one page), published at handouts/<id>/."""

    id: Id
    # Who the handout is for: the reading path (audience id) whose readers it serves, if any.
    audience: Id | None = None


class Flashcard(Strict):
    """One card of the study deck (`content/flashcards.yml`): a question and one idea to recall."""

    front: Line
    back: Line
    kind: Literal["figure", "measure", "term"]
    # Reference keys behind the back; figures and measures need at least one (checked).
    sources: list[str] = Field(default_factory=list)


# A word of a search phrase, as `search.yml` writes it: letters and digits (an apostrophe is
# allowed and ignored, as the search ignores it).
_SEARCH_WORD = re.compile(r"^[^\W_]+(?:['’][^\W_]+)*$")


def _search_phrase(value: str) -> str:
    """A phrase of search.yml: words separated by spaces or hyphens, nothing else."""
    words = re.split(r"[\s-]+", value)
    bad = next((w for w in words if not _SEARCH_WORD.match(w)), None)
    if bad is not None:
        raise ValueError(f"expected words (letters and digits, separated by spaces), got \"{bad}\" in \"{value}\"")
    return value


def _search_word(value: str) -> str:
    """One word of search.yml (a key of `same`, an `optional` word): no space."""
    _search_phrase(value)
    if re.search(r"[\s-]", value):
        raise ValueError(f"expected one word, got \"{value}\"")
    return value


SearchPhrase = Annotated[str, BeforeValidator(_strip), AfterValidator(_one_line), Field(min_length=1), AfterValidator(_search_phrase)]
SearchWord = Annotated[str, BeforeValidator(_strip), Field(min_length=1), AfterValidator(_search_word)]


class Synonym(Strict):
    """Lay words (`words`) that also look for the guide's own words (`finds`)."""

    words: Annotated[list[SearchPhrase], BeforeValidator(_as_list), Field(min_length=1)]
    finds: Annotated[list[SearchWord], BeforeValidator(_as_list), Field(min_length=1)]


class SearchWords(Strict):
    """`content/search.yml`: crisis phrases that put Get help now first, and lay synonyms."""

    crisis: Annotated[list[SearchPhrase], BeforeValidator(_as_list), Field(min_length=1)]
    optional: Annotated[list[SearchWord], BeforeValidator(_as_list)] = Field(default_factory=list)
    same: dict[SearchWord, SearchPhrase] = Field(default_factory=dict)
    synonyms: list[Synonym] = Field(default_factory=list)


@dataclass(frozen=True)
class Site:
    """All validated content, ordered for rendering."""

    settings: SiteSettings
    sections: tuple[Section, ...]
    topics: tuple[Topic, ...]
    glossary: tuple[GlossaryEntry, ...]
    helplines: tuple[Helpline, ...]
    bibliography: Any = None
    handout: Handout | None = None
    services: tuple[Service, ...] = ()
    handouts: tuple[HandoutFile, ...] = ()
    flashcards: tuple[Flashcard, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    search: SearchWords | None = None
    help: HelpWords | None = None
    root: str = "content"
    # False when site.yml could not be loaded: rules that depend on its limits are skipped.
    settings_loaded: bool = True
    # Every topic and section file found, loaded or not: cross-checks use these so
    # that one broken file does not cause false "unknown topic" errors elsewhere.
    topic_files: frozenset[str] = frozenset()
    section_files: frozenset[str] = frozenset()
    scenario_files: frozenset[str] = frozenset()
    # Every id written in services.yml, loaded or not (for the same reason).
    service_ids: frozenset[str] = frozenset()
    # List files (services.yml, …) whose YAML could not be parsed at all: their one error is reported
    # by the loader, and rules that need the whole list (is this id listed?) are skipped.
    unread_files: frozenset[str] = frozenset()
    # file -> field (as printed, e.g. "quiz[0].answer") -> line, so checks can point at lines.
    lines: dict[str, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)
    _index: dict[str, Topic] = field(default_factory=dict, repr=False, compare=False)
    _by_section: dict[str, list[Topic]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({t.id: t for t in self.topics})
        for topic in self.topics:
            self._by_section.setdefault(topic.section, []).append(topic)

    @property
    def strings(self) -> Strings:
        """The guide's interface strings: its language's table with its own replacements."""
        return strings_for(self.settings.language, self.settings.strings)

    @property
    def complete(self) -> bool:
        """True when every topic file loaded (rules about the whole guide need all of them)."""
        return len(self.topics) == len(self.topic_files)

    def line(self, path: str, field_path: str) -> int:
        """The line of a field in a content file, or of its nearest enclosing field (0 if unknown)."""
        lines = self.lines.get(path, {})
        while field_path:
            if field_path in lines:
                return lines[field_path]
            field_path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", field_path) if re.search(r"(\.|\[)", field_path) else ""
        return lines.get("", 0)

    def next_steps_for(self, topic: Topic) -> list[Service]:
        """The services a topic lists as next steps, in its order (unknown ids are left out; `check` reports them)."""
        by_id = {s.id: s for s in self.services}
        return [by_id[i] for i in topic.next_steps if i in by_id]

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id."""
        return self._index[topic_id]

    def section(self, section_id: str) -> Section:
        """The section with this id."""
        return next(s for s in self.sections if s.id == section_id)

    def topics_in(self, section_id: str) -> list[Topic]:
        """The topics of a section, in their order."""
        return list(self._by_section.get(section_id, ()))
