"""The pass over finished pages: what the guide does to every built HTML page, whatever engine built it.

An engine (MkDocs, ProperDocs, Zensical, ...) turns Markdown into pages through the theme; this
module then finishes each page in one pass over its HTML:

1. finds the page's content between the two markers the theme override writes around it
   (`<!--guide:content:NONCE-->`, with a random nonce chosen per build, so nothing in content/
   can fake the end of the content and put markup outside it);
2. refuses a page whose content would carry script (or, previewing, shows why);
3. marks each glossary term's first use (tooltips.py) and lists the terms for print;
4. passes the content through the allow-list sanitizer (sanitize.py), last;
5. points the theme's search at the guide's worker wrapper (javascripts/search-worker.js), and
   puts the guide's loader (javascripts/theme-lazy.js) in place of the theme's script, which it
   loads when the reader first uses what that script drives;
6. adds the Content-Security-Policy, hashing only the theme's inline scripts, and the referrer policy.

The MkDocs adapter (plugin.py) calls `Finisher.page` on each page as it is written; after any other
engine, `finish_site` does the same over a built folder. No engine is imported here.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..pages.presentation import SEARCH_BOOT, SEARCH_WORKER, THEME_LOADER
from ..pages.tooltips import Tooltips
from .csp import add_policy_hashing
from .sanitize import find_unsafe_html, sanitize

# The theme's worker address in its JSON config: "search": "<base>assets/javascripts/workers/search.<hash>.min.js"
# (Material: `"search": "../assets/..."`; Zensical: `"search":"./assets/..."`).
SEARCH_WORKER_RE = re.compile(r'"search":(\s*)"((?:\.\./)*|\./|/?)(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"')

# The theme's script tag (Material and ProperDocs: `<script src="../assets/javascripts/bundle.<hash>.min.js">`,
# made `defer` by the theme override).
THEME_SCRIPT_RE = re.compile(r'<script (?:defer )?src="([^"<>]*?)(assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')

# Pages made from a theme template alone carry no content and so no markers.
CONTENT_FREE = frozenset({"404.html"})


def new_nonce() -> str:
    """A fresh marker nonce: unguessable, so content cannot close its own region."""
    return secrets.token_hex(16)


def markers(nonce: str) -> tuple[str, str]:
    """The comments the theme override writes before and after a page's content."""
    return f"<!--guide:content:{nonce}-->", f"<!--/guide:content:{nonce}-->"


class UnsafePage(ValueError):
    """A page whose content would carry script, or that cannot be finished safely."""


@dataclass
class Finisher:
    """Finishes pages: tooltips, sanitizer, search worker, the theme's script on first use, CSP (see
    the module's docstring)."""

    nonce: str
    tooltips: Tooltips | None = None
    search_worker: bool = True
    # The theme's script named for the loader, which loads it on first use, not with every page.
    theme_on_demand: bool = True
    refuse_script: bool = True  # False in the preview, where the adapter shows the problem instead
    finished: list[str] = field(default_factory=list)
    # Content finished ahead by another process (parallel.FinishingAhead.take): (name, content) ->
    # the finished content, or None to finish it here.
    ahead: Callable[[str, str], str | None] | None = None
    # The theme's stylesheets cut for this build (purge.py): each file name and its cut's name.
    renames: dict[str, str] = field(default_factory=dict)
    # Told each finished page's HTML, to check the cuts against every page (purge.Used.add_html).
    seen: Callable[[str], None] | None = None

    def page(self, html_text: str, name: str) -> str:
        """One finished page. `name` (its path in the site) is only for messages and the 404 rule."""
        start, end = markers(self.nonce)
        first = html_text.find(start)
        last = html_text.rfind(end)
        if first == -1 or last < first:
            if Path(name).name not in CONTENT_FREE and not name.endswith("404.html"):
                raise UnsafePage(
                    f"{name}: the page has no content markers (was it built with the guide's theme override "
                    "and this build's nonce?); refusing to finish it"
                )
            before, content, after = html_text, "", ""
        else:
            before, content, after = html_text[:first], html_text[first + len(start):last], html_text[last + len(end):]
        if content:
            content = self.content(content, name)
        if self.search_worker:
            before, after = point_search(before), point_search(after)
        if self.theme_on_demand:
            before, after = theme_script_on_first_use(before), theme_script_on_first_use(after)
        for old, new in self.renames.items():
            before, after = before.replace(old, new), after.replace(old, new)
        if self.seen is not None:
            self.seen(before)
            self.seen(after)
        self.finished.append(name)
        return add_policy_hashing(before, content, after)

    def content(self, content: str, name: str) -> str:
        """A page's content finished: refused if it would carry script, glossary terms marked, sanitized.

        White space around the content stays as it is, outside: what is finished is the content
        itself (as the process finishing ahead is given it, parallel.FinishingAhead)."""
        core = content.strip()
        start = len(content) - len(content.lstrip())
        done = self.ahead(name, core) if self.ahead is not None and core else None
        if done is None:
            done = self.content_core(core, name)
        return content[:start] + done + content[start + len(core):]

    def content_core(self, content: str, name: str) -> str:
        """`content` without its surrounding white space, finished (see `content`)."""
        if not content:
            return content
        unsafe = find_unsafe_html(content)
        if unsafe and self.refuse_script:
            raise UnsafePage(f"{name}: the page would contain script ({unsafe[:60]}); refusing to build it")
        # No glossary on Get help now: a definition beside crisis words distracts, and can mislead
        # (a glossary's "ending" is another ending than the one in "ending your life").
        if self.tooltips is not None and name.replace("\\", "/") not in NO_GLOSSARY_PAGES:
            content, marked = self.tooltips.apply_once(content)
            content += self.tooltips.terms_list(marked)
        return sanitize(content)


# The pages left without glossary marks (their path in the built site).
NO_GLOSSARY_PAGES = frozenset({"help/index.html", "help.html"})


def point_search(theme_html: str) -> str:
    """The theme's search pointed at the guide's worker: a small first script (search-boot.js) that
    loads the guide's wrapper (search-worker.js), which loads the theme's worker (?worker=), each
    only when the reader opens search."""
    return SEARCH_WORKER_RE.sub(
        lambda m: f'"search":{m.group(1)}"{m.group(2)}{SEARCH_BOOT}?worker=../{m.group(3)}"', theme_html, count=1
    )


def theme_script_on_first_use(theme_html: str) -> str:
    """The theme's script tag replaced by the guide's loader, which names it (data-theme-script) and
    loads it when the reader first reaches for the search, the colour switch or a glossary term."""
    return THEME_SCRIPT_RE.sub(
        lambda m: f'<script defer src="{m.group(1)}{THEME_LOADER}" data-theme-script="{m.group(1)}{m.group(2)}"></script>',
        theme_html,
        count=1,
    )


def html_pages(folder: Path) -> Iterable[Path]:
    """Every HTML page of a built site, in a stable order."""
    return sorted(folder.rglob("*.html"))


def finish_site(folder: Path, finisher: Finisher) -> list[str]:
    """Finish every HTML page of a site another engine built, in place; return the pages finished.

    Raises UnsafePage naming the first page that cannot be finished safely; then no page has been
    rewritten (every page is finished in memory first).
    """
    finisher.search_worker = finisher.search_worker and (folder / SEARCH_WORKER).is_file()
    finisher.theme_on_demand = finisher.theme_on_demand and (folder / THEME_LOADER).is_file()
    results = []
    for path in html_pages(folder):
        name = path.relative_to(folder).as_posix()
        results.append((path, finisher.page(path.read_text(encoding="utf-8"), name)))
    for path, text in results:
        path.write_text(text, encoding="utf-8")
    return [path.relative_to(folder).as_posix() for path, _ in results]
