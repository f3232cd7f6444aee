"""Command line: therapy-guide (or python -m generator) check | build | serve | export | report | new.

`check` and `export` never import MkDocs; `build` and `serve` do, here and in
`plugin.py` only. Helpers that know nothing of content (version, typo hints,
ports, pipes) are in `console.py`.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import console
from .build.precompress import Ahead, precompress
from .build.swap import (
    Interrupted,
    build_lock,
    check_replaceable,
    interrupts_deferred,
    interrupts_raise,
    new_build_folder,
    remove_quietly,
    remove_stale_folders,
    swap_in,
)
from .cache import project_cache
from .checks.drafts import drafts_line, published
from .checks.run import check_site
from .content.diagnostics import Diagnostics
from .content.load import load_site
from .content.model import Site

if TYPE_CHECKING:
    from .pages.render import Page


def load_and_check(content: str | Path) -> tuple[Site | None, Diagnostics]:
    """Load and check the content folder; return the site and every diagnostic."""
    site, diags = load_site(content)
    if site is not None:
        cache = project_cache(Path(content).resolve().parent)
        check_site(site, diags, cache)
        cache.save()
    return site, diags


# The engines that can run the generator's plugin: MkDocs 1.6, and ProperDocs, which continues
# MkDocs 1.x (manual/engines.md). ProperDocs answers to MkDocs' module names once its
# `replacement` module is imported, so the plugin and Material run on it unchanged.
ENGINES = ("mkdocs", "properdocs")


def use_engine(engine: str) -> str | None:
    """Make `engine` the one that `mkdocs.*` imports reach, before any is imported; None if it
    worked, else one line saying why not."""
    if engine == "mkdocs":
        return None
    if engine != "properdocs":
        return f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}"
    loaded = sys.modules.get("mkdocs")
    if loaded is not None and loaded.__name__ != "properdocs":
        return "MkDocs is already loaded in this process; run ProperDocs in a process of its own"
    try:
        import properdocs.replacement  # noqa: F401 - from here on, `mkdocs.*` is ProperDocs
    except ImportError:
        return "ProperDocs is not installed: pip install 'properdocs>=1.6.7,<2' (or .[test])"
    return None


def print_diagnostics(diags: Diagnostics, stream: TextIO | None = None) -> None:
    """Print every diagnostic, sorted by file and line, then the count (to stderr by default)."""
    stream = stream or sys.stderr
    for diag in diags.sorted():
        print(diag, file=stream)
    if diags.errors:
        print(diags.summary(), file=stream)


def summary_line(site: Site) -> str:
    """One line saying what was checked."""
    refs = len(site.bibliography.keys()) if site.bibliography is not None else 0
    return (
        f"{len(site.topics)} topics in {len(site.sections)} sections, {len(site.glossary)} glossary terms, "
        f"{len(site.helplines)} helplines, {refs} references"
        + (f", {len(site.scenarios)} practice scenarios" if site.scenarios else "")
    )


def content_missing(content: str | Path, command: str) -> bool:
    """Say so in one line (and return True) when the content folder does not exist."""
    folder = Path(content)
    if folder.is_dir():
        return False
    what = "is not a folder" if folder.exists() else "does not exist"
    print(
        f"{console.PROG} {command}: the content folder {folder} {what}; "
        "run this in the project folder, or pass --content DIR",
        file=sys.stderr,
    )
    return True


def cmd_check(args: argparse.Namespace) -> int:
    if content_missing(args.content, "check"):
        return 1
    site, diags = load_and_check(args.content)
    print_diagnostics(diags)
    if diags.errors or site is None:
        return 1
    warnings = f", {len(diags.warnings)} warning(s)" if diags.warnings else ""
    drafts = drafts_line(site)
    print(f"ok: {summary_line(published(site))}: no errors{warnings}" + (f"; {drafts}" if drafts else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_json

    if content_missing(args.content, "export"):
        return 1
    site, diags = load_and_check(args.content)
    if diags.errors or site is None:
        print_diagnostics(diags)
        return 1
    sys.stdout.write(export_json(published(site)) + "\n")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .checks.quizzes import quiz_summary
    from .checks.scenarios import scenario_cue_summary
    from .report import report_table

    if content_missing(args.content, "report"):
        return 1
    site, diags = load_and_check(args.content)
    if site is None:
        print_diagnostics(diags)
        return 1
    print(report_table(site))
    print(quiz_summary(site))
    print(scenario_cue_summary(site))
    if diags.errors:
        print_diagnostics(diags)
        return 1
    return 0


def write_markdown(pages: list[Page], out: Path) -> None:
    """Write generated pages' Markdown under `out` (for inspection, and for the benchmark's plain build)."""
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")


def build_site(config_file: Path, site_dir: Path, strict: bool = True, markdown_out: Path | None = None,
               precompressed: bool = True) -> None:
    """Build with MkDocs into a temporary folder, then swap it in for `site_dir`.

    A build that fails at any stage leaves the previous `site_dir` exactly as
    it was; a successful one replaces it whole. With `precompressed`, every text file gets its
    .gz (and .br) copy (build/precompress.py). With `markdown_out`, the Markdown
    of the pages this build generated (as the plugin rendered them, large-guide
    variants included) is written there too.
    """
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    show_mkdocs_log(logging.WARNING)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # SIGINT and SIGTERM raise, so the clean-up below runs; one build at a time per folder.
    with interrupts_raise(), build_lock(site_dir.parent):
        check_replaceable(site_dir)
        for stale in remove_stale_folders(site_dir):
            print(f"removed {stale.name}, left by a build that was killed", file=sys.stderr)
        old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
        config, tmp, ahead = None, None, None
        try:
            with interrupts_deferred():
                tmp = new_build_folder(site_dir)
            config = load_config(str(config_file), site_dir=str(tmp), strict=strict)
            plugin = config.plugins.get("generator")
            if precompressed and plugin is not None:
                plugin.ahead = ahead = Ahead()  # pages are compressed as they are written (precompress.py)
            build(config)
            if precompressed:
                precompress(tmp, done=ahead.finish() if ahead is not None else None)
            if markdown_out is not None:
                plugin = config.plugins.get("generator")
                write_markdown(plugin.current.pages if plugin is not None and plugin.current else [], markdown_out)
            swap_in(tmp, site_dir, old)
        except BaseException as exc:
            with interrupts_deferred():
                if ahead is not None:
                    ahead.stop()  # no compressed copy is written into the folder removed below
                # MkDocs tells plugins about a failed build only for an Exception; an interruption
                # must stop the page workers and remove their folder too.
                plugin = config.plugins.get("generator") if config is not None else None
                if plugin is not None and not isinstance(exc, Exception):
                    plugin.on_build_error(error=exc)
                if tmp is not None:
                    shutil.rmtree(tmp, ignore_errors=True)
            raise
        remove_quietly(old)


def build_reporting(config_file: Path, site_dir: Path, strict: bool = True, markdown_out: Path | None = None,
                    precompressed: bool = True) -> bool:
    """Build (see build_site); on failure print the diagnostics or the error, and return False."""
    from mkdocs.exceptions import MkDocsException

    from .build.plugin import ContentProblems

    try:
        build_site(config_file, site_dir, strict=strict, markdown_out=markdown_out, precompressed=precompressed)
    except (Interrupted, KeyboardInterrupt) as exc:
        print(f"build interrupted ({exc or 'SIGINT'})", file=sys.stderr)
    except (MkDocsException, OSError) as exc:
        # MkDocs turns a plugin's error into "Aborted with a BuildError!": show ours instead.
        cause = exc if isinstance(exc, ContentProblems) else exc.__context__
        if isinstance(cause, ContentProblems):
            for line in cause.problems:
                print(line, file=sys.stderr)
        else:
            print(f"build failed: {exc}", file=sys.stderr)
    else:
        return True
    print(f"build stopped: {console.shown_path(site_dir)}/ was not changed", file=sys.stderr)
    return False


def config_missing(config: str | Path, command: str) -> bool:
    """Say so in one line (and return True) when the MkDocs configuration file does not exist."""
    if Path(config).is_file():
        return False
    print(
        f"{console.PROG} {command}: {config} not found; run this in the project folder, or pass --config FILE",
        file=sys.stderr,
    )
    return True


def build_summary(site_dir: Path, seconds: float) -> str:
    """One line after a build: how many pages, how long, and where (a path that exists from here)."""
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return f"built {pages} pages in {seconds:.1f} s into {console.shown_path(site_dir)}/"


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site. The plugin loads, checks and renders the content once, inside the MkDocs
    build; its diagnostics are printed here exactly as `check` prints them."""
    if config_missing(args.config, "build"):
        return 1
    config_file = Path(args.config)
    base = config_file.resolve().parent
    markdown_out = Path(args.markdown_out) if args.markdown_out else None
    # Resolved now: a relative --site-dir means "from the folder I am in", whatever MkDocs does later.
    site_dir = (Path(args.site_dir) if args.site_dir else base / "site").resolve()
    start = time.monotonic()
    if not build_reporting(config_file, site_dir, strict=not args.no_strict, markdown_out=markdown_out,
                           precompressed=not args.no_precompress):
        return 1
    print(build_summary(site_dir, time.monotonic() - start))
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    """Make the study guide's PDF, then build the site with the PDF published and linked."""
    from .build.pdf import PdfTooCostly, write_study_guide_pdf

    if config_missing(args.config, "pdf"):
        return 1
    config_file = Path(args.config)
    base = config_file.resolve().parent
    if content_missing(base / "content", "pdf"):
        return 1
    site, diags = load_and_check(base / "content")
    print_diagnostics(diags)
    if diags.errors or site is None:
        return 1
    try:
        target = write_study_guide_pdf(published(site), base / "build" / "study-guide.pdf")
    except (ImportError, OSError) as exc:
        print(f"pdf: WeasyPrint could not run ({exc}). It needs Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0", file=sys.stderr)
        return 1
    except PdfTooCostly as exc:
        print(f"pdf: {exc}; {console.shown_path(base / 'build' / 'study-guide.pdf')} was not changed", file=sys.stderr)
        return 1
    print(f"wrote {console.shown_path(target)}")
    return cmd_build(argparse.Namespace(config=args.config, site_dir=None, markdown_out=None, no_strict=False, no_precompress=False))


def cmd_offline(args: argparse.Namespace) -> int:
    """Build the offline edition and pack it as a zip that works from the file system."""
    out = Path(args.out) if args.out else Path("dist") / f"{guide_name(Path(args.config))}-offline.zip"
    partial = out.with_suffix(".zip.part")
    try:
        with interrupts_raise():
            return _write_offline_zip(args, out, partial)
    except (Interrupted, KeyboardInterrupt) as exc:
        partial.unlink(missing_ok=True)
        print(f"offline: interrupted ({exc or 'SIGINT'}); {out} was not changed", file=sys.stderr)
        return 1


def guide_name(config: Path) -> str:
    """A file name for the guide, from the title in its content/site.yml: "Ataques de pánico" ->
    "ataques-de-panico" (the offline zip and the folder inside it); "guide" if there is none."""
    import unicodedata

    import yaml

    try:
        data = yaml.safe_load((config.parent / "content" / "site.yml").read_text(encoding="utf-8"))
        title = data.get("title") if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        title = None
    ascii_title = unicodedata.normalize("NFKD", str(title or "")).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_title.lower()))[:60].strip("-") or "guide"


def _write_offline_zip(args: argparse.Namespace, out: Path, partial: Path) -> int:
    import zipfile

    if config_missing(args.config, "offline"):
        return 1
    name = guide_name(Path(args.config))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        # The plugin loads and checks the content inside the build and reports every problem.
        if not build_reporting(Path(args.config), folder, precompressed=False):  # a file:// reader needs no .gz
            return 1
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                archive.write(path, path.relative_to(folder.parent))
        partial.replace(out)
    print(
        f"wrote {console.shown_path(out)} ({out.stat().st_size // 1024} KB): "
        f"unzip it and open {name}/index.html"
    )
    return 0


def _not_content_problems(record: object) -> bool:
    """MkDocs logs a plugin's error before aborting; ours are printed once, by build_reporting."""
    return not str(getattr(record, "msg", "")).startswith("content has errors:")


def show_mkdocs_log(level: int) -> None:
    """Print MkDocs' own messages (warnings; with serve, also "Serving on …" and build times)."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_generator", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.addFilter(_not_content_problems)
        handler._generator = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)


DEFAULT_ADDRESS = "127.0.0.1:8000"


def serve_address(requested: str | None) -> str | None:
    """The address to serve on: the requested one if free; by default 8000 or the next free port.

    Prints one line and returns None when it cannot be used.
    """
    try:
        host, port = console.split_address(requested or DEFAULT_ADDRESS)
    except ValueError as exc:
        print(f"{console.PROG} serve: {exc}", file=sys.stderr)
        return None
    if console.port_is_free(host, port):
        return f"{host}:{port}"
    other = console.free_port_from(host, port + 1)
    if requested is not None or other is None:
        suggestion = f"; try --dev-addr {host}:{other}" if other else ""
        print(f"{console.PROG} serve: {host}:{port} is in use (another preview?){suggestion}", file=sys.stderr)
        return None
    print(f"port {port} is in use; serving on {host}:{other} instead", file=sys.stderr)
    return f"{host}:{other}"


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    from mkdocs.commands.serve import serve

    if config_missing(args.config, "serve"):
        return 1
    address = serve_address(args.dev_addr)
    if address is None:
        return 1
    show_mkdocs_log(logging.INFO)
    try:
        # Dirty builds: after the first, the plugin lets MkDocs rebuild only the pages that changed.
        serve(config_file=args.config, dev_addr=address, livereload=True, watch=[], build_type="dirty")
    except OSError as exc:  # the port was taken between our check and MkDocs' bind
        print(f"{console.PROG} serve: could not listen on {address}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """`init DIR [--language CODE]`: a new guide, then the commands that take it to a built site."""
    from .init import init_guide

    folder = Path(args.folder)
    try:
        written = init_guide(folder, args.language)
    except ValueError as exc:
        print(f"{console.PROG} init: {exc}", file=sys.stderr)
        return 1
    where = shlex.quote(str(folder))
    print(
        f"wrote a new guide in {console.shown_path(folder)} ({len(written)} files). Next:\n"
        f"  cd {where}\n"
        f"  replace the placeholder in content/helplines.yml with a crisis line you have checked\n"
        f"  {console.runnable()} check\n"
        f"  {console.runnable()} build      (or {console.runnable()} serve, to preview)\n"
        f"README.md in the folder says what each file holds."
    )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """`new ID --section S --title T` (a topic, also `new topic ID ...`) or `new scenario ID --skill S --title T`."""
    from .new import new_scenario, new_topic

    kind, item_id = (args.kind_or_id, args.id) if args.id is not None else ("topic", args.kind_or_id)
    needed = {"topic": "--section", "scenario": "--skill"}
    if kind not in needed:
        print(f'{console.PROG} new: expected "topic" or "scenario" before the id, got "{kind}"', file=sys.stderr)
        return 2
    given = args.section if kind == "topic" else args.skill
    if given is None:
        print(f"{console.PROG} new {kind}: {needed[kind]} is required", file=sys.stderr)
        return 2
    content = Path(args.content)
    try:
        if kind == "topic":
            path = new_topic(content, item_id, given, args.title)
        else:
            path = new_scenario(content, item_id, given, args.title)
    except ValueError as exc:
        print(f"{console.PROG} new: {exc}", file=sys.stderr)
        return 1
    # The commands as they would work from here: with --content when it is not the default.
    where = "" if args.content == "content" else f" --content {shlex.quote(args.content)}"
    print(
        f"created {console.shown_path(path)} as a draft: `{console.runnable()} serve` shows it; "
        f"fill in every field, remove `draft: true`, then run `{console.runnable()} check{where}`"
    )
    return 0


def cmd_export_pages(args: argparse.Namespace) -> int:
    """Write the rendered guide for another engine (see build/plugin.py: export_pages)."""
    from .build.plugin import export_pages

    if config_missing(args.config, "export-pages"):
        return 1
    show_mkdocs_log(30)  # warnings
    out = Path(args.dir)
    problems = export_pages(Path(args.config), out)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"export-pages stopped: nothing was written to {console.shown_path(out)}/", file=sys.stderr)
        return 1
    pages = sum(1 for _ in (out / "docs").rglob("*.md"))
    print(
        f"wrote {pages} pages, the theme override and mkdocs.yml into {console.shown_path(out)}/; build it with another "
        f"engine, then run `{console.PROG} finish SITE_DIR --pages {console.shown_path(out)}`"
    )
    return 0


def cmd_finish(args: argparse.Namespace) -> int:
    """Finish a site another engine built from export-pages: tooltips, sanitizer, search worker, CSP."""
    import json

    from .build.postpass import Finisher, UnsafePage, finish_site
    from .pages.tooltips import Tooltips

    site_dir, pages = Path(args.site_dir), Path(args.pages)
    settings_file = pages / "guide-finish.json"
    if not site_dir.is_dir() or not settings_file.is_file():
        missing = site_dir if not site_dir.is_dir() else settings_file
        print(f"{console.PROG} finish: {missing} not found (run export-pages, then the other engine, first)", file=sys.stderr)
        return 1
    settings = json.loads(settings_file.read_text(encoding="utf-8"))
    finisher = Finisher(settings["nonce"], Tooltips(settings["tooltips"], settings["terms"]))
    try:
        finished = finish_site(site_dir, finisher)
    except UnsafePage as exc:
        print(f"{console.PROG} finish: {exc}; {console.shown_path(site_dir)}/ was not changed", file=sys.stderr)
        return 1
    from .build.precompress import precompress

    written = precompress(site_dir)
    print(f"finished {len(finished)} pages in {console.shown_path(site_dir)}/ (and wrote {written} compressed copies)")
    return 0


class _Help(argparse.ArgumentDefaultsHelpFormatter):
    """Shows each option's default, except where there is none to show (None, off)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default in (None, False) or action.default is argparse.SUPPRESS:
            return action.help
        return super()._get_help_string(action)


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    p = argparse.ArgumentParser(
        prog=console.PROG,
        description="Check, preview and build a psychoeducation guide (also: python -m generator).",
        epilog=f"Run '{console.PROG} COMMAND --help' for a command's options.",
    )
    p.add_argument("--version", action="version", version=f"{console.PROG} {console.version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=summary, description=summary, formatter_class=_Help)

    content_help = "the content folder"
    engine_help = "the engine that runs the plugin and the theme (manual/engines.md)"
    config_help = "the MkDocs configuration file"

    s = command("check", "load and check all content; print every problem (drafts: as warnings)")
    s.add_argument("--content", default="content", metavar="DIR", help=content_help)
    s.set_defaults(func=cmd_check)

    s = command("build", "check, then build the site into site/ (unchanged if anything fails; drafts left out)")
    s.add_argument("--config", default="mkdocs.yml", metavar="FILE", help=config_help)
    s.add_argument("--site-dir", default=None, metavar="DIR", help="where to build (default: site/ beside the configuration file)")
    s.add_argument("--markdown-out", metavar="DIR", help="also write the generated Markdown to DIR")
    s.add_argument("--no-strict", action="store_true", help="do not fail on MkDocs warnings")
    s.add_argument("--no-precompress", action="store_true", help="write no .gz and .br copies beside the text files")
    s.add_argument("--engine", choices=ENGINES, default="mkdocs", help=engine_help)
    s.set_defaults(func=cmd_build)

    s = command("serve", "preview with live reload, drafts included and marked")
    s.add_argument("--config", default="mkdocs.yml", metavar="FILE", help=config_help)
    s.add_argument(
        "--dev-addr", default=None, metavar="HOST:PORT",
        help=f"where to serve (default: {DEFAULT_ADDRESS}, or the next free port if it is in use)",
    )
    s.add_argument("--engine", choices=ENGINES, default="mkdocs", help=engine_help)
    s.set_defaults(func=cmd_serve)

    s = command("pdf", "make the study guide PDF (WeasyPrint), then build the site with it")
    s.add_argument("--config", default="mkdocs.yml", metavar="FILE", help=config_help)
    s.add_argument("--engine", choices=ENGINES, default="mkdocs", help=engine_help)
    s.set_defaults(func=cmd_pdf)

    s = command("offline", "build the offline edition as a zip that works from the file system")
    s.add_argument("--config", default="mkdocs-offline.yml", metavar="FILE", help=config_help + " of the offline edition")
    s.add_argument("--out", default=None, metavar="FILE", help="the zip to write (default: dist/<the guide's title>-offline.zip)")
    s.add_argument("--engine", choices=ENGINES, default="mkdocs", help=engine_help)
    s.set_defaults(func=cmd_offline)

    s = command("export-pages", "write the rendered pages, nav, assets and theme override for another engine into DIR")
    s.add_argument("dir", metavar="DIR", help="the folder to write (replaced whole)")
    s.add_argument("--config", default="mkdocs.yml", metavar="FILE", help=config_help)
    s.set_defaults(func=cmd_export_pages)

    s = command("finish", "finish a site another engine built from export-pages: tooltips, sanitizer, CSP")
    s.add_argument("site_dir", metavar="SITE_DIR", help="the built site, finished in place")
    s.add_argument("--pages", required=True, metavar="DIR", help="the folder export-pages wrote")
    s.set_defaults(func=cmd_finish)

    s = command("export", "print the validated content as JSON (drafts left out)")
    s.add_argument("--content", default="content", metavar="DIR", help=content_help)
    s.set_defaults(func=cmd_export)

    s = command("report", "a table per topic: words, grade, citations, quiz items, review age")
    s.add_argument("--content", default="content", metavar="DIR", help=content_help)
    s.set_defaults(func=cmd_report)

    s = command("init", "write a small, complete guide to start from into a new folder")
    s.add_argument("folder", metavar="DIR", help="the folder of the new guide (new, or empty)")
    s.add_argument("--language", default="en", metavar="CODE", help="the guide's language: en or es (or es-MX, en-GB...)")
    s.set_defaults(func=cmd_init)

    s = command("new", "create a new topic (or `new scenario ID`, a practice scenario), as a draft, with every field in place")
    s.add_argument("kind_or_id", metavar="[topic|scenario] ID",
                   help="the id, which is also the file name, e.g. trust-and-rapport; put `scenario` before it for a scenario")
    s.add_argument("id", nargs="?", help=argparse.SUPPRESS)
    s.add_argument("--section", help="a topic's section: the id of an existing section, e.g. basics")
    s.add_argument("--skill", help="a scenario's skill: an id from practice.skills in content/site.yml, e.g. ruptures")
    s.add_argument("--title", required=True, help="the page title, e.g. 'Trust: the basics'")
    s.add_argument("--content", default="content", metavar="DIR", help=content_help)
    s.set_defaults(func=cmd_new)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    cli = parser()
    if not argv:  # no command: the list of commands says more than "arguments are required"
        cli.print_help(sys.stderr)
        return 2
    commands = next(a for a in cli._actions if isinstance(a, argparse._SubParsersAction)).choices
    wrong = console.unknown_command(argv, commands)
    if wrong:
        print(wrong, file=sys.stderr)
        return 2
    args = cli.parse_args(argv)
    refused = use_engine(getattr(args, "engine", "mkdocs"))
    if refused:
        print(f"{console.PROG} {args.command}: {refused}", file=sys.stderr)
        return 2
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # here, so a closed pipe is caught below rather than at exit
    except OSError as exc:
        if not console.is_broken_pipe(exc):
            raise
        # The reader stopped reading (`| head`): that is not an error, and needs no traceback.
        console.silence_stdout()
        return 0
    return code
