"""What the plugin brings to the theme: its stylesheets, scripts and template overrides, and the
page chrome (the "Get help now" links, the calm help line, the footer's publisher and contact).

The stylesheets and scripts live in `assets/`, one file per concern, and ship as package data, so
the plugin works in any MkDocs project. A build serves them as one stylesheet and one script
(fewer render-blocking requests on a slow phone connection). No MkDocs import here: the plugin
calls these functions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..content.model import Site
from ..strings import Strings, strings_for

ASSETS = Path(__file__).parent / "assets"
OVERRIDES = ASSETS / "overrides"
# In the order they apply: the tokens first, print last.
STYLESHEETS = ("tokens.css", "layout.css", "help.css", "quiz.css", "scenario.css", "print.css")
# strings.js first: it gives the others `guideText` (see generator/strings).
SCRIPTS = ("strings.js", "a11y.js", "quiz.js", "search-help.js")
# Scripts only some pages need, each served as it is and named in those pages' front matter
# (`guide_scripts`), after the guide's script: the others do not download them (the weight budget).
PAGE_SCRIPTS = ("scenario", "help-region")
STYLESHEET = "stylesheets/guide.css"
SCRIPT = "javascripts/guide.js"
# The search worker's wrapper, loaded by the theme's search: made by searchdata.worker_script.
SEARCH_WORKER = "javascripts/search-worker.js"
SEARCH_BOOT = "javascripts/search-boot.js"
# Stands in for the theme's script on every page and loads it on first use (build/postpass.py).
THEME_LOADER = "javascripts/theme-lazy.js"
# Served as they are: the offline build's worker shim (named in mkdocs-offline.yml).
STANDALONE = (
    "javascripts/search-lazy.js",  # before Material's script: the search index when search is opened
    THEME_LOADER,  # in place of Material's script: that script when the reader first uses it
    "javascripts/search-boot.js",  # the worker the theme starts at once; loads search-worker.js with the index
    "javascripts/vendor/iframe-worker-shim.js",
    "javascripts/vendor/iframe-worker-boot.js",
    "javascripts/vendor/LICENSE-iframe-worker.txt",
    *(f"javascripts/{name}.js" for name in PAGE_SCRIPTS),
)


# Where the help line's link goes, until the theme writes each page's own address to Get help now
# (main.html): the line is rendered once for every page.
HELP_LINK = "#guide-help-page"


# The theme's words the guide says its own way: Material's key -> the guide's strings key. The search
# panel counts pages for people ("36 pages", not "36 matching documents"), and lists the words a
# result lacks without striking the reader's words through (help.css).
THEME_WORDS = {
    "search.result.none": "theme.search_none",
    "search.result.one": "theme.search_one",
    "search.result.other": "theme.search_other",
    "search.result.term.missing": "theme.search_missing",
}


# The guide's own words the theme override shows (main.html, partials/copyright.html), passed as
# plain values (`guide.words`), so that any engine's template language can show them.
TEMPLATE_WORDS = ("help.button", "footer.about")


def theme_words(t: Strings) -> dict[str, str]:
    """Material's keys with the guide's words for them (partials/language.html prefers these)."""
    return {key: t(ours) for key, ours in THEME_WORDS.items()}


def bundle(folder: Path, names: tuple[str, ...]) -> str:
    """The files of one kind joined into one, each under a comment naming its source."""
    parts = []
    for name in names:
        text = (folder / name).read_text(encoding="utf-8")
        parts.append(f"/* --- {name} --- */\n{text.rstrip()}\n")
    return "\n".join(parts)


def stylesheet() -> str:
    """The guide's stylesheet: tokens, layout, help, quiz, scenarios and print, in that order."""
    return bundle(ASSETS / "stylesheets", STYLESHEETS)


def script(strings: Strings | None = None) -> str:
    """The guide's script: its interface strings as data, then keyboard fixes, quizzes, search help
    (practice scenarios and Get help now's region picker come with their pages: PAGE_SCRIPTS)."""
    return (strings or strings_for()).script_data() + bundle(ASSETS / "javascripts", SCRIPTS)


def standalone_files() -> list[tuple[str, Path]]:
    """(URI in the site, file on disk) for every asset served as it is."""
    return [(uri, ASSETS / uri) for uri in STANDALONE]


def review_period(days: int, strings: Strings | None = None) -> str:
    """How often content is reviewed, in words: 365 -> "once a year"."""
    t = strings or strings_for()
    if days in (365, 366):
        return t("footer.once_a_year")
    if days % 7 == 0 and days < 70:
        weeks = days // 7
        return t("footer.once_a_week") if weeks == 1 else t("footer.every_weeks", count=weeks)
    return t("footer.once_a_day") if days == 1 else t("footer.every_days", count=days)


@dataclass(frozen=True)
class Chrome:
    """What the theme override shows around every page (strings are escaped by the template).

    The same for every page, so it lives in the engine's configuration (`extra.guide`), where any
    engine that passes `config` to the theme finds it: the links are addresses from the site's
    root (`help/`), which the theme's `url` filter makes relative to each page."""

    help_page: str | None
    about_page: str | None
    help_line: str
    publisher: str | None
    contact: str | None
    contact_url: str | None
    review: str
    words: dict[str, str]  # the guide's interface words the theme's templates show: `guide.words["help.button"]`
    published: tuple[str, str] = ("", "")  # the footer's "… is published by …", before and after the site's name
    theme_words: dict[str, str] = field(default_factory=dict)
    marker: str = ""  # the nonce of the content markers (build/postpass.py)
    written_by: str = ""  # who writes the guide and how it is checked (site.yml editorial)
    page_scripts: tuple[str, ...] = PAGE_SCRIPTS  # the scripts a page may name in its front matter


def chrome(site: Site | None, help_page: str | None, about_page: str | None, help_line: str, marker: str = "") -> Chrome:
    """The page chrome (`help_line` is HTML, already rendered with autoescape)."""
    settings = site.settings if site is not None else None
    t = site.strings if site is not None else strings_for()
    review = ""
    if settings is not None:
        review = t("footer.review", period=review_period(settings.review.interval_days, t))
    return Chrome(
        help_page=help_page,
        about_page=about_page,
        help_line=help_line,
        publisher=settings.publisher if settings else None,
        contact=settings.contact if settings else None,
        contact_url=settings.contact_url if settings else None,
        review=review,
        words={key: t(key) for key in TEMPLATE_WORDS},
        published=published_by(t, settings.publisher if settings else None),
        theme_words=theme_words(t),
        marker=marker,
        written_by=t("footer.written_by", author=settings.editorial.author, how_checked=settings.editorial.how_checked)
        if settings is not None and settings.editorial is not None else "",
    )


def chrome_config(site: Site | None, help_page: str | None, about_page: str | None, help_line: str, marker: str) -> dict[str, Any]:
    """The page chrome as plain values, for the configuration's `extra.guide` (and export-pages' YAML)."""
    return asdict(chrome(site, help_page, about_page, help_line, marker))


def published_by(t: Strings, publisher: str | None) -> tuple[str, str]:
    """The footer's sentence naming the publisher, split where the site's name goes (the theme styles it)."""
    if not publisher:
        return ("", "")
    marker = "\x00"  # no string can hold it: content and tables are checked text
    before, _, after = t("footer.published_by", site=marker, publisher=publisher).partition(marker)
    return (before, after)
