"""Command line: python -m generator check | build | serve | export | report | new.

`check` and `export` never import MkDocs; `build` and `serve` do, here and in
`plugin.py` only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .cache import project_cache
from .checks import check_site
from .diagnostics import Diagnostics
from .load import load_site
from .model import Site
from .swap import Interrupted, build_lock, check_replaceable, interrupts_deferred, interrupts_raise, remove_quietly, swap_in

if TYPE_CHECKING:
    from .render import Page


def load_and_check(content: str | Path) -> tuple[Site | None, Diagnostics]:
    """Load and check the content folder; return the site and every diagnostic."""
    site, diags = load_site(content)
    if site is not None:
        cache = project_cache(Path(content).resolve().parent)
        check_site(site, diags, cache)
        cache.save()
    return site, diags


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
    )


def cmd_check(args: argparse.Namespace) -> int:
    site, diags = load_and_check(args.content)
    print_diagnostics(diags)
    if diags.errors or site is None:
        return 1
    warnings = f", {len(diags.warnings)} warning(s)" if diags.warnings else ""
    print(f"ok: {summary_line(site)}: no errors{warnings}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_json

    site, diags = load_and_check(args.content)
    if diags.errors or site is None:
        print_diagnostics(diags)
        return 1
    sys.stdout.write(export_json(site) + "\n")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import report_table

    site, diags = load_and_check(args.content)
    if site is None:
        print_diagnostics(diags)
        return 1
    print(report_table(site))
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


def build_site(config_file: Path, site_dir: Path, strict: bool = True, markdown_out: Path | None = None) -> None:
    """Build with MkDocs into a temporary folder, then swap it in for `site_dir`.

    A build that fails at any stage leaves the previous `site_dir` exactly as
    it was; a successful one replaces it whole. With `markdown_out`, the Markdown
    of the pages this build generated (as the plugin rendered them, large-guide
    variants included) is written there too.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import logging

    show_mkdocs_log(logging.WARNING)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # SIGINT and SIGTERM raise, so the clean-up below runs; one build at a time per folder.
    with interrupts_raise(), build_lock(site_dir.parent):
        check_replaceable(site_dir)
        old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
        config, tmp = None, None
        try:
            with interrupts_deferred():
                tmp = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
            config = load_config(str(config_file), site_dir=str(tmp), strict=strict)
            build(config)
            if markdown_out is not None:
                plugin = config.plugins.get("generator")
                write_markdown(plugin.current.pages if plugin is not None and plugin.current else [], markdown_out)
            swap_in(tmp, site_dir, old)
        except BaseException as exc:
            with interrupts_deferred():
                # MkDocs tells plugins about a failed build only for an Exception; an interruption
                # must stop the page workers and remove their folder too.
                plugin = config.plugins.get("generator") if config is not None else None
                if plugin is not None and not isinstance(exc, Exception):
                    plugin.on_build_error(error=exc)
                if tmp is not None:
                    shutil.rmtree(tmp, ignore_errors=True)
            raise
        remove_quietly(old)


def build_reporting(config_file: Path, site_dir: Path, strict: bool = True, markdown_out: Path | None = None) -> bool:
    """Build (see build_site); on failure print the diagnostics or the error, and return False."""
    from mkdocs.exceptions import MkDocsException

    from .plugin import ContentProblems

    try:
        build_site(config_file, site_dir, strict=strict, markdown_out=markdown_out)
    except (Interrupted, KeyboardInterrupt) as exc:
        print(f"build interrupted ({exc or 'SIGINT'})", file=sys.stderr)
    except ContentProblems as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
    except (MkDocsException, OSError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
    else:
        return True
    print(f"build stopped: {site_dir} was not changed", file=sys.stderr)
    return False


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site. The plugin loads, checks and renders the content once, inside the MkDocs
    build; its diagnostics are printed here exactly as `check` prints them."""
    config_file = Path(args.config)
    base = config_file.resolve().parent
    markdown_out = Path(args.markdown_out) if args.markdown_out else None
    site_dir = Path(args.site_dir) if args.site_dir else base / "site"
    if not build_reporting(config_file, site_dir, strict=not args.no_strict, markdown_out=markdown_out):
        return 1
    print(f"built {config_file.name} into {site_dir}")
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    """Make the study guide's PDF, then build the site with the PDF published and linked."""
    from .pdf import write_study_guide_pdf

    config_file = Path(args.config)
    base = config_file.resolve().parent
    site, diags = load_and_check(base / "content")
    print_diagnostics(diags)
    if diags.errors or site is None:
        return 1
    try:
        target = write_study_guide_pdf(site, base / "build" / "study-guide.pdf")
    except (ImportError, OSError) as exc:
        print(f"pdf: WeasyPrint could not run ({exc}). It needs Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0", file=sys.stderr)
        return 1
    print(f"wrote {target}")
    return cmd_build(argparse.Namespace(config=args.config, site_dir=None, markdown_out=None, no_strict=False))


def cmd_offline(args: argparse.Namespace) -> int:
    """Build the offline edition and pack it as a zip that works from the file system."""
    out = Path(args.out)
    partial = out.with_suffix(".zip.part")
    try:
        with interrupts_raise():
            return _write_offline_zip(args, out, partial)
    except (Interrupted, KeyboardInterrupt) as exc:
        partial.unlink(missing_ok=True)
        print(f"offline: interrupted ({exc or 'SIGINT'}); {out} was not changed", file=sys.stderr)
        return 1


def _write_offline_zip(args: argparse.Namespace, out: Path, partial: Path) -> int:
    import zipfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "therapeutic-relationship"
        # The plugin loads and checks the content inside the build and reports every problem.
        if not build_reporting(Path(args.config), folder):
            return 1
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                archive.write(path, path.relative_to(folder.parent))
        partial.replace(out)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB): unzip it and open therapeutic-relationship/index.html")
    return 0


def show_mkdocs_log(level: int) -> None:
    """Print MkDocs' own messages (warnings; with serve, also "Serving on …" and build times)."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_generator", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._generator = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    from mkdocs.commands.serve import serve

    show_mkdocs_log(logging.INFO)
    # Dirty builds: after the first, the plugin lets MkDocs rebuild only the pages that changed.
    serve(config_file=args.config, dev_addr=args.dev_addr, livereload=True, watch=[], build_type="dirty")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .new import new_topic

    try:
        path = new_topic(Path(args.content), args.id, args.section, args.title)
    except ValueError as exc:
        print(f"new: {exc}", file=sys.stderr)
        return 1
    print(f"created {path}: fill in the fields, then run python -m generator check")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    p = argparse.ArgumentParser(prog="python -m generator", description="Build the therapeutic-relationship guide.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("check", help="load and check all content; print every problem")
    s.add_argument("--content", default="content", help="the content folder (default: content)")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("build", help="check, then build the site into site/ (unchanged if anything fails)")
    s.add_argument("--config", default="mkdocs.yml")
    s.add_argument("--site-dir", default=None, help="where to build (default: site/ beside mkdocs.yml)")
    s.add_argument("--markdown-out", metavar="DIR", help="also write the generated Markdown to DIR")
    s.add_argument("--no-strict", action="store_true", help="do not fail on MkDocs warnings")
    s.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="preview on http://127.0.0.1:8000 with live reload")
    s.add_argument("--config", default="mkdocs.yml")
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("pdf", help="make the study guide PDF (WeasyPrint), then build the site with it")
    s.add_argument("--config", default="mkdocs.yml")
    s.set_defaults(func=cmd_pdf)

    s = sub.add_parser("offline", help="build the offline edition as a zip that works from the file system")
    s.add_argument("--config", default="mkdocs-offline.yml")
    s.add_argument("--out", default="dist/therapeutic-relationship-offline.zip")
    s.set_defaults(func=cmd_offline)

    s = sub.add_parser("export", help="print the validated content as JSON")
    s.add_argument("--content", default="content")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("report", help="a table per topic: words, grade, citations, quiz items, review age")
    s.add_argument("--content", default="content")
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("new", help="create a new topic file from a template")
    s.add_argument("id", help="the topic id, e.g. trust-and-rapport")
    s.add_argument("--section", required=True, help="the section id")
    s.add_argument("--title", required=True)
    s.add_argument("--content", default="content")
    s.set_defaults(func=cmd_new)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    return int(args.func(args))
