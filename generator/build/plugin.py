"""The MkDocs plugin: the only module (with the CLI) that knows MkDocs exists.

It loads and checks `content/`, adds the rendered pages to the build in
memory (`File.generated`, nothing is written into `docs/`), puts them in the
navigation ahead of any hand-written pages, and watches `content/` when
previewing. Diagnostics go through the `mkdocs.plugins.generator` logger, so
`strict` counts the warnings.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from ..cache import Cache, digest, project_cache
from ..checks.drafts import (
    draft_sources,
    is_draft_warning,
    mark_draft_pages,
    published,
    report_drafts,
)
from ..checks.run import check_site
from ..content.addresses import generated_pages, page_url
from ..content.diagnostics import Diagnostics
from ..content.load import load_site
from ..content.model import LOCAL_HOSTS, Site
from ..pages import presentation
from ..pages.practice import PRACTICE_INDEX
from ..pages.render import (
    Page,
    Renderer,
    RenderError,
    flashcards_csv,
    help_box,
    page_path,
    theme_text,
)
from ..pages.searchdata import worker_script
from ..pages.tooltips import Tooltips, glossary_terms, glossary_tooltips
from ..references.exports import bibtex_file, ris_file
from ..strings import Strings, strings_for
from . import keywords as search_keywords
from .forking import Beside, BesideFailed
from .incremental import merge_search_entries, pages_to_skip, shared_fingerprint
from .parallel import Converted, FinishingAhead, ParallelPages, jobs_wanted, logged
from .postpass import Finisher, UnsafePage, new_nonce
from .precompress import Ahead
from .preview import remove_stale
from .previewhost import loopback_only
from .purge import Cut, Used, theme_cuts
from .sanitize import find_unsafe_html

log = logging.getLogger("mkdocs.plugins.generator")


class ContentProblems(PluginError):
    """The content (or a template) has errors; `problems` holds every diagnostic line and the count."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("content has errors:\n" + "\n".join(problems))


class GeneratorConfig(Config):
    """Options for the `generator` plugin in mkdocs.yml."""

    content_dir = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""
    templates_dir = c.Type(str, default="templates")
    """A folder of templates that override the packaged ones, relative to mkdocs.yml."""
    pdf_file = c.Type(str, default="build/study-guide.pdf")
    """The study guide's PDF made by `make pdf`; when it exists it is published and linked."""
    full_nav_limit = c.Type(int, default=150)
    """Up to this many topics the navigation lists every section and topic; above it, the home page
    lists the sections and the navigation only the guide-wide pages."""


@dataclass(frozen=True)
class Rendered:
    """What one successful render produced: pages, navigation and tooltips."""

    pages: list[Page]
    nav: list[Any]
    tooltips: Tooltips
    site: Any = None


class GeneratorPlugin(BasePlugin[GeneratorConfig]):
    """Generate the guide's pages from `content/` during an MkDocs build.

    In `mkdocs build` a content or template error fails the build with every
    diagnostic. In `serve` (the preview) it must not: the diagnostics are printed
    in the terminal and shown at the top of every page, and the last good
    version of the content keeps being served until the next good save.
    """

    def __init__(self) -> None:
        self.command = "build"
        self.content_path: Path | None = None
        self.current: Rendered | None = None
        self.last_good: Rendered | None = None
        self.problems: list[str] = []
        self.pdf_path: Path | None = None
        self.files: Files | None = None
        self.compact_nav = False
        self.templates: Path | None = None
        self.cache: Cache | None = None  # kept across preview rebuilds: unchanged topics are not measured again
        self.cache_base: Path | None = None  # the project the cache belongs to
        # Incremental preview (serve with dirty builds): what the last successful build was made from.
        self.incremental = False
        self.built: tuple[str | None, dict[str, str]] = (None, {})
        self.pending: tuple[str | None, dict[str, str]] = (None, {})
        self.rebuilt: set[str] = set()
        self.parallel: ParallelPages | None = None  # workers converting pages in `build` (parallel.py)
        self.finishing: FinishingAhead | None = None  # the process finishing page content ahead, in `build`
        self.nav: Navigation | None = None
        self.cuts: list[Cut] = []  # the theme's stylesheets cut for this build (purge.py), in `build`
        self.cut_used: Used | None = None  # what the pages and scripts use, as the cuts were decided (then every page)
        self.outputs: set[str] = set()  # files the last preview build wrote (preview.remove_stale)
        self.site_url = ""  # for "Cite this page": the address of each page
        self.page_problems: dict[str, str] = {}  # previewing: pages whose conversion failed, by source
        self.finisher: Finisher | None = None  # the pass over finished pages (postpass.py)
        self.ahead: Ahead | None = None  # set by the CLI's build: pages compressed as they are finished

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command. Defining this hook also keeps this instance across preview rebuilds."""
        self.command = command
        self.incremental = command == "serve" and dirty
        if self.incremental:
            # The plugin decides which pages to skip (see incremental.py), so MkDocs' warning that
            # dirty builds may leave stale navigation does not apply, and in strict mode it would
            # abort every rebuild.
            logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)

    @event_priority(-50)  # after other plugins (the offline plugin changes use_directory_urls)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, check and render the content; fail with every diagnostic at once (or, previewing, show them)."""
        base = Path(config.config_file_path or ".").resolve().parent
        self.content_path = base / self.config.content_dir
        self.templates = base / self.config.templates_dir
        self.pdf_path = base / self.config.pdf_file
        # Kept across preview rebuilds; a new one for another project (MkDocs keeps this plugin
        # instance for every build in one process, so a second project would use the first's cache).
        if self.cache is None or self.cache_base != base:
            self.cache, self.cache_base = project_cache(base), base
        try:
            self.site_url = config.site_url or ""
            self._load_check_render(Path(config.docs_dir))
            config.site_url = self.site_url or None  # no canonical link or sitemap address rather than a wrong one
        except Exception as exc:  # noqa: BLE001 - a bug must not hang the preview; the build reports it in one line
            self.problems = [
                f"{self.config.content_dir}: the pages could not be made ({exc or exc.__class__.__name__}); "
                "this is a bug in the generator: please report it with the change that caused it"
            ]
        self.cache.save()
        if self.problems:
            if self.command != "serve":
                raise ContentProblems(self.problems)
            # Previewing: report in the terminal (not through MkDocs' logger, whose strict
            # mode would abort the preview) and keep serving the last good content.
            print("\n".join(["", "content has errors (the preview shows the last good version):", *self.problems]),
                  file=sys.stderr, flush=True)
            t = strings_for()
            self.current = self.last_good or Rendered([problems_page(self.problems)], [{t("preview.problems_page"): "index.md"}], Tooltips({}))
        assert self.current is not None
        config.nav = self.current.nav + list(config.nav or [])
        add_assets(config)
        add_markdown_extensions(config)
        if self.current.site is not None:
            follow_language(config, self.current.site.settings.language)
        self.finisher = Finisher(new_nonce(), self.current.tooltips, refuse_script=self.command != "serve")
        config.extra["guide"] = page_chrome(config, self.current, self.templates, self.finisher.nonce)
        search = _search_plugin(config)
        if search:  # topics' keywords: a field of their own in the search index (keywords.py)
            search_keywords.add_field(search.search_index.config["fields"])
        return config

    def _load_check_render(self, docs_dir: Path) -> None:
        """Load, check and render the content into `self.current`, or list the problems in `self.problems`."""
        assert self.content_path is not None and self.pdf_path is not None
        site, diags = load_site(self.content_path)
        # In `build`, the checks run in a process beside this one while it renders the pages
        # (the render is thrown away if the checks find an error); the preview checks first.
        checking = Beside.start(functools.partial(_check_beside, site, diags, self.cache)) \
            if site is not None and self.command == "build" and jobs_wanted() > 1 else None
        meanwhile = None
        if checking is not None:
            try:
                meanwhile = self._render(site, docs_dir)
            except Exception:  # content with errors may not render: after the checks, if they pass, it renders again
                meanwhile = None
        if checking is not None:
            try:
                found, used, misses = checking.result()  # type: ignore[misc]
                diags.extend(found)
                if self.cache is not None:  # what the checks measured there is kept here
                    for kind, entries in used.items():
                        self.cache.used.setdefault(kind, {}).update(entries)
                    self.cache.misses += misses
            except BesideFailed:
                meanwhile = None
                check_site(site, diags, self.cache)
        elif site is not None:
            check_site(site, diags, self.cache)
        drafts = draft_sources(site) if site is not None else set()
        for warning in diags.warnings:
            if not is_draft_warning(warning, drafts):  # drafts' problems: on their page, not MkDocs warnings
                log.warning(str(warning))
        self.problems = [str(d) for d in diags.sorted() if d.severity == "error"]
        if self.problems:
            self.problems.append(diags.summary())
            return
        report_drafts(site, diags, self.command)
        self.site_url = public_address(site.settings.site_url, self.site_url, self.command)
        if not self.site_url and self.command != "serve":
            print(NO_ADDRESS, file=sys.stderr, flush=True)
        rendered = meanwhile if meanwhile is not None else self._render(site, docs_dir)
        site, renderer, pages, failure = rendered
        self.problems = docs_links_outside(docs_dir) + docs_clashes(site, docs_dir)
        if self.problems:
            self.problems.append(f"{len(self.problems)} error{'s' if len(self.problems) > 1 else ''}")
            return
        if failure is not None:
            self.problems = [str(failure)]
            return
        try:
            pages = mark_draft_pages(pages, site, diags, page_path)
            self.current = Rendered(pages, renderer.nav(), Tooltips(glossary_tooltips(site), glossary_terms(site)), site)
            self.last_good = self.current
        except RenderError as exc:
            self.problems = [str(exc)]

    def _render(self, site: Site, docs_dir: Path) -> tuple[Site, Renderer, list[Page], RenderError | None]:
        """The pages made from the content as it will be published (drafts only in the preview)."""
        assert self.pdf_path is not None
        site_url = public_address(site.settings.site_url, self.site_url, self.command)
        if self.command != "serve":
            site = published(site)  # drafts are previewed, never built
        self.compact_nav = len(site.topics) > self.config.full_nav_limit
        renderer = Renderer(site, self.templates, pdf=self.pdf_path.is_file(), compact_nav=self.compact_nav,
                            cache=self.cache, site_url=site_url)
        try:
            return site, renderer, renderer.pages(), None
        except RenderError as exc:
            return site, renderer, [], exc

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages to the build, in memory."""
        self.files = files
        for file in outside_docs(files, config):  # reported in on_config; never published, not even in the preview
            files.remove(file)
        taken = {page_url(f.src_uri) for f in files.documentation_pages()}
        for page in self.current.pages if self.current else []:
            if page_url(page.path) in taken:
                continue  # reported in on_config (docs_clashes); the hand-written page stays
            generated = File.generated(config, page.path, content=page.markdown)
            if not page.in_nav or (self.compact_nav and "/" in page.path and page.path != PRACTICE_INDEX):
                # Section and topic pages of a large guide are reached from the home page, not the nav;
                # the parts of the study guide and the whole guide from their first page.
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        strings = self.current.site.strings if self.current and self.current.site is not None else None
        assets = ((presentation.STYLESHEET, presentation.stylesheet()), (presentation.SCRIPT, presentation.script(strings)))
        for uri, content in assets:
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=content))
        if files.get_file_from_path(presentation.SEARCH_WORKER) is None:  # a project's own copy wins
            site = self.current.site if self.current else None
            files.append(File.generated(config, presentation.SEARCH_WORKER, content=worker_script(site)))
        for uri, path in presentation.standalone_files():
            if files.get_file_from_path(uri) is None:  # a project's own copy wins
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        if self.current and self.current.site is not None:
            files.append(File.generated(config, "flashcards.csv", content=flashcards_csv(self.current.site)))
            bibliography = self.current.site.bibliography
            if bibliography is not None:  # the downloads linked from the References page (bibexport.py)
                files.append(File.generated(config, "references.bib", content=bibtex_file(bibliography.text, config.site_name)))
                files.append(File.generated(config, "references.ris", content=ris_file(bibliography.text)))
            if self.pdf_path is not None and self.pdf_path.is_file():
                files.append(File.generated(config, "study-guide.pdf", abs_src_path=str(self.pdf_path)))
        if self.incremental:
            self._skip_unchanged(files, config)
        return files

    def _skip_unchanged(self, files: Files, config: MkDocsConfig) -> None:
        """In an incremental preview, mark the pages MkDocs need not rebuild (and force the others)."""
        pages = self.current.pages if self.current else []
        digests = {page.path: digest(page.markdown) for page in pages}
        search = _search_plugin(config)
        shared_parts = {
            "nav": config.nav,
            "files": sorted(f.src_uri for f in files),  # pages added or removed, scripts such as the search worker
            "config": Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else "",
            "tooltips": self.current.tooltips.titles if self.current else {},
            "helpbox": help_box(self.current.site, "#", self.templates) if self.current and self.current.site else "",
            "problems": self.problems,
        }
        shared = shared_fingerprint(shared_parts, [config.theme.custom_dir])
        built_shared, built_digests = self.built
        # A search plugin whose index we cannot merge (an unknown version) needs every page rebuilt.
        rebuild_all = shared != built_shared or search is False
        skip = set() if rebuild_all else pages_to_skip(digests, shared, built_digests, built_shared)
        for file in files.documentation_pages():
            if file.src_uri in skip:
                file.is_modified = _unchanged  # type: ignore[method-assign]
            elif rebuild_all:
                file.is_modified = _changed  # type: ignore[method-assign]
        self.pending = (shared, digests)
        self.rebuilt = set()

    @event_priority(-100)  # last: every other plugin's change to the navigation is made
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In `build`, start the workers that convert part of the pages (see parallel.py)."""
        self.parallel = None
        self.nav = nav
        if self.command == "build" and self.current is not None and not self.problems:
            docs = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
            for file in docs:
                if file.page is None:  # what MkDocs' build loop would do for pages left out of the nav
                    MkDocsPage(None, file, config)
            pages = [file.page for file in docs]
            weights = [len(file.content_bytes) for file in docs]
            self.parallel = ParallelPages.start(pages, weights, jobs_wanted(), functools.partial(_convert, config=config, files=files))
        return nav

    def on_pre_page(self, page: MkDocsPage, /, *, config: MkDocsConfig, files: Files) -> MkDocsPage:
        """A page a worker converted takes its result instead of being converted again."""
        if self.parallel is not None and self.parallel.handles(page.file.src_uri):
            page.render = functools.partial(self._adopt, page)  # type: ignore[method-assign]
        elif self.command == "serve":
            page.render = functools.partial(self._render_or_report, page)  # type: ignore[method-assign]
        return page

    def _render_or_report(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
        """Previewing: a page whose conversion fails shows the failure instead of stopping the preview."""
        try:
            MkDocsPage.render(page, config, files)
        except Exception as exc:  # noqa: BLE001 - a failed preview build makes every request wait
            page.content = ""
            self.page_problems[page.file.src_uri] = f"{page.file.src_uri}: the page could not be converted ({exc})"

    def _adopt(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
        result = self.parallel.take(page.file.src_uri, page.markdown or "") if self.parallel else None
        if result is None:  # the worker failed or converted other Markdown: convert here, as MkDocs would
            MkDocsPage.render(page, config, files)
            return
        page.content, page.toc = result.content, result.toc
        page._title_from_render = result.title  # what MkDocs' render sets for a title taken from the first heading
        page.present_anchor_ids = result.anchors
        if result.links is not None:
            linked = ((files.get_file_from_path(uri), links) for uri, links in result.links.items())
            page.links_to_anchors = {file: links for file, links in linked if file is not None}
        for name, level, message in result.logs:
            logging.getLogger(name).log(level, message)

    def on_build_error(self, *, error: Exception) -> None:
        """Leave no worker or result file behind a failed build."""
        if self.parallel is not None:
            self.parallel.close()
            self.parallel = None
        self._stop_finishing()

    @event_priority(-100)
    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """In `build`, every page is converted now: start the process that finishes their content
        ahead of the main process, which renders the templates meanwhile (parallel.FinishingAhead)."""
        self._stop_finishing()
        if self.command == "build" and self.finisher is not None and not self.problems:
            docs = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
            searched = _search_plugin(config) is not None
            items = [
                (f.page.file.dest_uri, _as_search_leaves_it(f.page.content, searched).strip())
                for f in docs
                if f.page is not None and f.page.content
            ]
            self.finishing = FinishingAhead.start(items, self.finisher.content_core)
            self.finisher.ahead = self.finishing.take if self.finishing is not None else None
            self._cut_theme_stylesheets(env, config, files, docs)
        return env

    def _cut_theme_stylesheets(self, env, config: MkDocsConfig, files: Files, docs: list[File]) -> None:  # type: ignore[no-untyped-def]
        """Cut the theme's stylesheets to what this site uses (purge.py): decided here, from every
        page's content, every script and the rendered chrome of one page of each kind; checked
        against every finished page in on_post_build."""
        assert self.finisher is not None
        self.cuts = []
        sheets = {f.src_uri: f.content_string for f in files if f.src_uri.startswith("assets/stylesheets/") and f.src_uri.endswith(".css")}
        ours = "".join(f.content_string for f in files if f.src_uri.endswith(".css") and f.src_uri not in sheets)
        cuts = theme_cuts(sheets, ours)
        if not cuts:
            return
        used = Used()
        for f in files:
            if f.src_uri.endswith(".js"):
                used.add_script(f.content_string)
        for f in docs:
            if f.page is not None and f.page.content:
                used.add_html(f.page.content)
        for chrome in _sample_pages(env, config, docs, self.nav):
            used.add_html(chrome)
        for cut in cuts:
            cut.decide(used)
        self.cuts, self.cut_used = cuts, used
        self.finisher.renames = {c.name.rpartition("/")[2]: c.new_name.rpartition("/")[2] for c in cuts}
        self.finisher.seen = used.add_html  # every finished page adds what it has; on_post_build checks

    def _write_cut_stylesheets(self, site_dir: Path) -> None:
        """Write each cut under its new name (the whole stylesheet if a page needs more), in place of the theme's file."""
        used, self.cut_used = self.cut_used, None
        if self.finisher is not None:
            self.finisher.seen, self.finisher.renames = None, {}
        for cut in self.cuts:
            css = cut.final(used) if used is not None else cut.original
            target = site_dir / cut.new_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(css, encoding="utf-8")
            (site_dir / cut.name).unlink(missing_ok=True)
            (site_dir / (cut.name + ".map")).unlink(missing_ok=True)  # the theme's source map describes the whole file
        self.cuts = []

    def _stop_finishing(self) -> None:
        if self.finishing is not None:
            self.finishing.close()
            self.finishing = None
        if self.finisher is not None:
            self.finisher.ahead = None

    def on_page_content(self, html_text: str, /, *, page, config: MkDocsConfig, files: Files) -> str:  # type: ignore[no-untyped-def]
        """Refuse a page whose content would carry script, naming it; in the preview, show content
        errors on top instead. Tooltips, the sanitizer and the policy come after the theme, in the
        pass over finished pages (postpass.py, from on_post_page).

        The preview never fails (a failed preview build makes every request wait): it serves the
        sanitized page with the problem in the banner."""
        problems = self.problems
        if page.file.src_uri in self.page_problems:
            problems = [*problems, self.page_problems.pop(page.file.src_uri)]
        unsafe = find_unsafe_html(html_text)
        if unsafe:
            message = f"{page.file.src_uri}: the page would contain script ({unsafe[:60]}); refusing to build it"
            if self.command != "serve":
                raise PluginError(message)
            problems = [*problems, message]
        self.rebuilt.add(page.url)
        escape_theme_fields(page)
        if self.command == "serve" and problems:
            html_text = problems_banner(problems, self.current.site.strings if self.current and self.current.site else None) + html_text
        return html_text

    @event_priority(-10)  # after the search plugin has indexed the page
    def on_page_context(self, context: dict[str, Any], /, *, page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        """Give the page's entry in the search index its topic's keywords (keywords.py)."""
        search = _search_plugin(config)
        if search:
            search_keywords.add_to_entries(
                search.search_index.entries, page.url, search_keywords.keyword_text(page.meta.get("keywords"))
            )
        return context

    @event_priority(-100)  # last: the policy must hash the theme's scripts as every other plugin left them
    def on_post_page(self, output: str, /, *, page, config: MkDocsConfig) -> str:  # type: ignore[no-untyped-def]
        """The pass over the finished page (postpass.py): tooltips, sanitizer, search worker, policy;
        then, in a build that precompresses, its compressed copies are made in a process beside the build (precompress.py)."""
        finished = self._finish(output, page.file.dest_uri)
        if self.ahead is not None:
            self.ahead.add(Path(page.file.abs_dest_path))
        return finished

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Pages built from a theme template alone (404.html) get the policy too."""
        return self._finish(output_content, template_name) if template_name.endswith(".html") else output_content

    def _finish(self, output: str, name: str) -> str:
        if self.finisher is None:
            return output
        self.finisher.search_worker = self.files is not None and self.files.get_file_from_path(presentation.SEARCH_WORKER) is not None
        try:
            return self.finisher.page(output, name)
        except UnsafePage as exc:
            raise PluginError(str(exc)) from None

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Incremental preview: give the search index the entries of the pages that were not rebuilt."""
        files, self.files = self.files, None  # the pages' HTML is written; holding it would slow the next rebuild
        if self.parallel is not None:
            self.parallel.close()
            self.parallel = None
        self._stop_finishing()
        self._write_cut_stylesheets(Path(config.site_dir))
        if not self.site_url and self.command != "serve":
            # A sitemap lists full addresses; without the site's own, MkDocs' would be empty.
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (Path(config.site_dir) / name).unlink(missing_ok=True)
        if not self.incremental:
            return
        if files is not None:  # a deleted page must not stay in the preview (preview.py)
            outputs = {f.abs_dest_path for f in files}
            remove_stale(self.outputs, outputs, config.site_dir)
            self.outputs = outputs
        search = _search_plugin(config)
        if search and files is not None:
            previous = search.search_index_prev
            if previous is not None:
                pages = {f.page.url for f in files.documentation_pages() if f.page is not None}  # the home page is ""
                search.search_index.entries = merge_search_entries(
                    previous.entries, search.search_index.entries, self.rebuilt, pages
                )
                # Merged here: the search plugin's own merge assumes a single rebuilt page.
                search.search_index_prev = None
        self.built = self.pending

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        """Rebuild the preview when anything in content/ changes; answer only requests for this machine."""
        if self.content_path is not None:
            server.watch(str(self.content_path))
        server.set_app(loopback_only(server.get_app(), str(server.server_address[0])))
        return server


NO_ADDRESS = (
    "warning: content/site.yml has no site_url, so pages carry no public address (no canonical link, "
    "no address in Cite this page, no sitemap.xml); set site_url to the address you publish at"
)


def public_address(from_site: str | None, configured: str, command: str) -> str:
    """The site's public address: site.yml's site_url, else mkdocs.yml's (SITE_URL). A build never
    uses an address on this computer (127.0.0.1, localhost): readers cannot reach it. The preview may."""
    if from_site:
        return from_site
    if command == "serve" or not configured:
        return configured
    host = urlsplit(configured).hostname or ""
    return "" if LOCAL_HOSTS.match(host) else configured


def add_assets(config: MkDocsConfig) -> None:
    """Put the guide's stylesheet and script in the build's extra_css and extra_javascript, and, with
    Material, its template overrides behind the project's own custom_dir (so a project can override them)."""
    if presentation.STYLESHEET not in [str(css) for css in config.extra_css]:
        config.extra_css.append(presentation.STYLESHEET)
    if presentation.SCRIPT not in [str(getattr(js, "path", js)) for js in config.extra_javascript]:
        config.extra_javascript.append(presentation.SCRIPT)
    theme = config.theme
    overrides = str(presentation.OVERRIDES)
    if getattr(theme, "name", None) == "material" and overrides not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, overrides)


def page_chrome(config: MkDocsConfig, rendered: Rendered, templates: Path | None, nonce: str) -> dict[str, Any]:
    """What the theme override shows around every page, in the configuration (`extra.guide`), not
    per page: any engine that passes `config` to the theme can show it."""
    docs = Path(config.docs_dir)
    site = rendered.site
    paths = {page.path for page in rendered.pages}
    help_page = _address("help.md", config.use_directory_urls) if "help.md" in paths or (docs / "help.md").is_file() else None
    about_page = _address("about.md", config.use_directory_urls) if "about.md" in paths or (docs / "about.md").is_file() else None
    # The help line's link is the theme's to make (each page's own relative address, main.html);
    # on paper the line gives the public address, when the site has one.
    address = f"{config.site_url.rstrip('/')}/{help_page}" if config.site_url and help_page else ""
    line = help_box(site, presentation.HELP_LINK, templates, address) if site is not None and help_page else ""
    return presentation.chrome_config(site, help_page, about_page, line, nonce)


def _address(path: str, directory_urls: bool) -> str:
    """A page's address from the site's root, as the engine publishes it."""
    return page_url(path) if directory_urls else path.removesuffix(".md") + ".html"


def docs_links_outside(docs_dir: Path) -> list[str]:
    """A link in docs/ to a file or folder outside it would publish that (issue 20: a link to
    /etc/passwd landed in site/ and the offline zip): one error per link, as content/ refuses them."""
    root = docs_dir.resolve()
    problems = []
    for folder, folders, files in os.walk(docs_dir):  # links to folders are listed, not followed
        for name in sorted([*folders, *files]):
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(
                    f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}: links to {os.readlink(path)}, "
                    f"outside {docs_dir.name}/, which would publish it; copy what the site needs into {docs_dir.name}/ instead"
                )
    return problems


def outside_docs(files: Files, config: MkDocsConfig) -> list[File]:
    """Files MkDocs found in docs/ that are really elsewhere (reached through a link). The theme's
    own files (its stylesheets, scripts, images) come from the theme's folders, not from docs/."""
    root = Path(config.docs_dir).resolve()
    return [
        f for f in files
        if f.generated_by is None and f.abs_src_path and f.src_dir is not None and Path(f.src_dir).resolve() == root
        and not Path(f.abs_src_path).resolve().is_relative_to(root)
    ]


# The Markdown extensions the generated pages are written for (key points are admonitions, outside
# links carry {rel=...}, headings carry ids, quizzes and references are <details>), with the settings
# they need: tables write align=, not style= (the sanitizer and the policy forbid inline styles).
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "admonition": {},
    "attr_list": {},
    "md_in_html": {},
    "tables": {"use_align_attribute": True},
    "toc": {},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
}


def add_markdown_extensions(config: MkDocsConfig) -> None:
    """Turn on the extensions the pages need, so a project's mkdocs.yml need not list them (a page
    built without them shows raw `!!!` and `{rel=...}`). One that cannot be loaded stops the build
    with one message naming every missing one and how to install it."""
    import importlib

    missing = []
    for name, settings in MARKDOWN_EXTENSIONS.items():
        module = name if "." in name else f"markdown.extensions.{name}"
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(name)
            continue
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            if settings:
                config.mdx_configs[name] = {**settings, **config.mdx_configs.get(name, {})}
    if missing:
        raise PluginError(
            f"the generator's pages need these Markdown extensions, which could not be loaded: {', '.join(missing)}; "
            "install them with pip install 'markdown>=3.6' 'pymdown-extensions>=10.8'"
        )


def follow_language(config: MkDocsConfig, language: str) -> None:
    """Material's own labels, `<html lang>` and the search's stemmer in the guide's language (site.yml),
    whatever mkdocs.yml says: one place says what language a guide is in."""
    theme = config.theme
    if getattr(theme, "name", None) != "material":
        return
    theme["language"] = material_language(language, theme.dirs)
    search = _search_plugin(config)
    if not search or not hasattr(search, "_translate") or not getattr(search.config, "enabled", True):
        return
    # The search plugin read its defaults from the theme's language in its own on_config, before
    # this one: read them again, and make its index with them (Material's lunr.<lang> stems the words).
    search.config.lang = [search._translate(config, "search.config.lang")]
    search.config.separator = search._translate(config, "search.config.separator")
    search.config.pipeline = [p for p in re.split(r"\s*,\s*", search._translate(config, "search.config.pipeline")) if p]
    search.search_index = type(search.search_index)(**search.config)


def material_language(language: str, theme_dirs: list[str]) -> str:
    """The theme's name for a language: "es-MX" -> "es" (Material has no es-MX), "pt-BR" -> "pt-BR", else "en"."""
    primary = language.split("-", 1)[0].lower()
    for code in (language, primary):
        if any((Path(d) / "partials" / "languages" / f"{code}.html").is_file() for d in theme_dirs):
            return code
    return "en"


def docs_clashes(site: Any, docs_dir: Path) -> list[str]:
    """A generated page at the address of a hand-written page in docs/ would replace it without a
    word (issue 14: a section named `about` replaced the About page): one error per such page."""
    taken = {page_url(p.relative_to(docs_dir).as_posix()): p.relative_to(docs_dir).as_posix() for p in sorted(docs_dir.rglob("*.md"))}
    return [
        f"{source}: its page would be published at /{page_url(path)}, the address of {docs_dir.name}/{taken[page_url(path)]}; "
        "rename one of them"
        for path, source in generated_pages(site)
        if page_url(path) in taken
    ]


def _convert(page: MkDocsPage, *, config: MkDocsConfig, files: Files) -> Converted:
    """In a worker: what MkDocs does to a page before `on_page_content` (read, page_markdown events, render)."""
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    with logged() as logs:  # MkDocs' link validation warns here; the main process replays it
        MkDocsPage.render(page, config, files)
    links = page.links_to_anchors
    return Converted(
        markdown_digest=digest(page.markdown),
        content=page.content or "",
        toc=page.toc,
        title=getattr(page, "_title_from_render", None),
        anchors=page.present_anchor_ids,
        links=None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
        logs=list(logs),
    )


def _unchanged() -> bool:
    return False


def _changed() -> bool:
    return True


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return "A 'dirty' build is being performed" not in record.getMessage()


# Material's search plugin removes these attributes from a page's content once it has indexed the
# page (material/plugins/search/plugin.py, on_page_context). Content given to the process that
# finishes pages ahead is given as the theme will show it; if Material ever did more, the content
# would differ and the page would be finished in the main process instead (no harm, less speed).
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def _as_search_leaves_it(content: str, searched: bool) -> str:
    return _SEARCH_ATTRIBUTES.sub("", content) if searched else content


def _check_beside(site: Site, diags: Diagnostics, cache: Cache | None) -> tuple[list[Any], dict[str, dict[str, Any]], int]:
    """In the process beside the build: every check; the diagnostics they add, and the cache entries they used."""
    start = len(diags.items)
    check_site(site, diags, cache)
    return diags.items[start:], (cache.used if cache is not None else {}), (cache.misses if cache is not None else 0)


def _sample_pages(env, config: MkDocsConfig, docs: list[File], nav: Navigation | None) -> list[str]:  # type: ignore[no-untyped-def]
    """One page of each kind rendered through the theme as MkDocs would (its template, its place in
    the navigation, neighbours, contents): the classes of the page chrome, before any page is built."""
    from mkdocs.commands.build import get_context

    if nav is None:
        return []
    rendered, kinds = [], set()
    for file in docs:
        page = file.page
        if page is None:
            continue
        template = page.meta.get("template", "main.html")
        kind = (template, page.is_homepage, page.is_index, len(page.ancestors), page.previous_page is None,
                page.next_page is None, bool(page.toc and page.toc.items))
        if kind in kinds:
            continue
        kinds.add(kind)
        previous = getattr(config, "_current_page", None)
        config._current_page, page.active = page, True
        try:
            rendered.append(env.get_template(template).render(get_context(nav, docs, config, page)))
        except Exception:  # a page that cannot be sampled here: the check after the build covers it
            pass
        finally:
            config._current_page, page.active = previous, False
    return rendered


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin if it can merge indexes (None: no search; False: a version we do not know)."""
    for name, plugin in config.plugins.items():
        if name.endswith("search"):
            known = hasattr(plugin, "search_index_prev") and hasattr(plugin, "search_index")
            return plugin if known else False
    return None


def escape_theme_fields(page: MkDocsPage) -> None:
    """Make the page's title and description escaped HTML: Material prints them unescaped in
    <title>, the header, the navigation and <meta name="description">. Every page's content is
    rendered before any page's template, so every navigation entry is escaped by then."""
    # MkDocs' title is the navigation's when the page is in it, else the front matter's or the first
    # heading's; the theme prints the front matter's in <title>. Each is escaped where it is.
    if page.meta.get("title") is not None:
        page.meta["title"] = theme_text(page.meta["title"])
    if page.title is not None:
        page.title = theme_text(page.title)
    if page.meta.get("description") is not None:
        page.meta["description"] = theme_text(page.meta["description"])


def problems_banner(problems: list[str], strings: Strings | None = None) -> str:
    """The box shown at the top of every preview page while the content has errors."""
    t = strings or strings_for()
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (
        '<div class="admonition failure generator-problems" role="alert">'
        f'<p class="admonition-title">{html.escape(t("preview.problems_title"))}</p>'
        f"<p>{html.escape(t('preview.problems_intro'))}</p>"
        f"<ul>{items}</ul></div>"
    )


def problems_page(problems: list[str]) -> Page:
    """A home page that only lists the problems (when no good version exists yet)."""
    t = strings_for()
    title = t("preview.problems_page")
    return Page("index.md", title, f"# {title}\n\n{t('preview.problems_page_text')}\n")


# -- export-pages: the rendered guide for another engine ------------------------------------------

FINISH_FILE = "guide-finish.json"


def export_pages(config_file: Path, out: Path) -> list[str]:
    """Write what another engine needs to build the guide into `out` (issue 22): `docs/` (the
    rendered Markdown, the hand-written pages and every asset, as this plugin would add them to a
    build), `overrides/` (the theme override), `mkdocs.yml` (the theme, the Markdown extensions,
    the navigation and the page chrome in `extra.guide`, no plugin but search) and
    `guide-finish.json` (the content markers' nonce and the glossary tooltips, for
    `therapy-guide finish`). Returns the problems, or [] when it was written."""
    import json
    import shutil

    import yaml
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(config_file), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
    except ContentProblems as exc:
        return exc.problems
    plugin = config.plugins["generator"]
    files = config.plugins.on_files(get_files(config), config=config)
    docs = out / "docs"
    if out.exists():
        shutil.rmtree(out)
    docs.mkdir(parents=True)
    for file in files:
        target = docs / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.generated_by is not None and file.abs_src_path is None:
            target.write_bytes(file.content_bytes)
        else:
            shutil.copyfile(file.abs_src_path, target)
    shutil.copytree(presentation.OVERRIDES, out / "overrides")
    theme = config.theme
    search = _search_plugin(config)
    settings: dict[str, Any] = {
        "site_name": config.site_name,
        "site_description": config.site_description,
        "site_url": config.site_url or "",
        "use_directory_urls": config.use_directory_urls,
        "docs_dir": "docs",
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "language": theme["language"],
            "font": theme["font"],
            "features": list(theme["features"]),
            "palette": theme["palette"],
        },
        "plugins": ([{"search": {"lang": list(search.config.lang or ["en"])}}] if search else [])
        + (["offline"] if any(name.endswith("offline") for name in config.plugins) else []),
        "markdown_extensions": [{name: dict(config.mdx_configs.get(name, {}))} for name in config.markdown_extensions
                                if isinstance(name, str)],
        "extra_css": [str(css) for css in config.extra_css],
        "extra_javascript": [str(getattr(js, "path", js)) for js in config.extra_javascript],
        "extra": json.loads(json.dumps(dict(config.extra), default=list)),
        "nav": _plain_nav(config.nav),
    }
    (out / "mkdocs.yml").write_text(
        "# Written by `therapy-guide export-pages`: the guide for another engine (manual/engines.md).\n"
        + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8",
    )
    tooltips = plugin.current.tooltips if plugin.current else Tooltips({})
    finish = {"nonce": plugin.finisher.nonce, "tooltips": tooltips.source, "terms": tooltips.source_terms}
    (out / FINISH_FILE).write_text(json.dumps(finish, ensure_ascii=False, indent=1), encoding="utf-8")
    return []


def _plain_nav(nav: Any) -> Any:
    """The navigation as plain YAML values."""
    if isinstance(nav, list):
        return [_plain_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {str(key): _plain_nav(value) for key, value in nav.items()}
    return str(nav)
