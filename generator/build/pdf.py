"""The study guide as a PDF, made with WeasyPrint (needs Debian's Pango: libpango-1.0-0, libpangoft2-1.0-0).

The PDF is rendered from the study guide's own Markdown with a small print
stylesheet, not from the theme's HTML: a screen layout (sticky sidebars,
flex boxes) does not paginate, and the PDF should not depend on the theme.
"""

from __future__ import annotations

import multiprocessing
import re
import sys
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from ..content.model import Site
from ..pages.render import Renderer
from .sanitize import sanitize

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #444; } }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
h1 { font-size: 20pt; margin: 0 0 8pt; }
h2 { font-size: 15pt; margin: 18pt 0 6pt; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
a { color: #111; text-decoration: none; }
abbr { text-decoration: none; }
h4 { font-size: 11pt; margin: 10pt 0 3pt; break-after: avoid; }
h5, h6 { font-size: 10.5pt; margin: 8pt 0 2pt; break-after: avoid; bookmark-level: none; }
.reference { padding-left: 2em; text-indent: -2em; margin: 3pt 0; }
.pdf-note { font-size: 9pt; color: #333; }
/* The contents list: each entry with a dotted leader and the page it starts on. */
.study-contents ul { list-style: none; padding-left: 0; }
.study-contents ul ul { padding-left: 1.2em; }
.study-contents a::after { content: leader(".") target-counter(attr(href url), page); }
.study-contents { break-after: page; }
h2 { break-before: page; }
.study-contents + h2, h1 + p + h2 { break-before: auto; }
"""


def _unlink(html: str) -> str:
    """Drop the links to topic pages (on paper they lead nowhere); keep the text of other
    site-internal links, and keep web links and links within the PDF (contents, citations)."""
    html = re.sub(r'<p><a class="study-link" href="[^"]*">[^<]*</a></p>\s*', "", html)
    return re.sub(r'<a href="(?!https?:|#)[^"]*">(.*?)</a>', r"\1", html, flags=re.S)


def study_guide_html(site: Site) -> str:
    """The study guide as a standalone HTML document for printing."""
    page = Renderer(site).study_guide_whole()
    body = re.sub(r"\A---\n.*?\n---\n", "", page.markdown, flags=re.S)
    # The download links are for the website, not the PDF itself.
    body = re.sub(r"^- \[[^\n]*\]\((?:flashcards\.csv|study-guide\.pdf)\)[^\n]*\n", "", body, flags=re.M)
    # The same allow-list as every page: no rel="attachment", no image from anywhere else.
    html = _unlink(sanitize(markdown.markdown(body, extensions=EXTENSIONS)))
    t = site.strings
    title = escape(t("study.pdf_title", title=site.settings.title))
    note = escape(t("study.pdf_note", title=site.settings.title) + " " + t("help.not_care"))
    return (
        f'<!doctype html><html lang="{escape(site.settings.language)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head><body>"
        f'<p class="pdf-note">{note}</p>'
        f"{html}</body></html>"
    )


class FetchRefused(ValueError):
    """The PDF asked for a resource it may not have (another host, or a file outside the build)."""


def check_fetch(url: str, allowed_root: Path | None) -> Path:
    """The local file a PDF resource URL names, if it may be read; otherwise FetchRefused.

    Only `file:` URLs inside `allowed_root` are read: never another host (the PDF would leak
    who made it, and embed whatever that host sends), never a file elsewhere on this machine
    (`file:///etc/passwd` would be published inside the PDF)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost") or allowed_root is None:
        raise FetchRefused(f"the study guide PDF may not fetch {url[:80]}")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(allowed_root.resolve()):
        raise FetchRefused(f"the study guide PDF may not read {path} (outside {allowed_root})")
    return path


def url_fetcher(allowed_root: Path | None = None):  # type: ignore[no-untyped-def]
    """A WeasyPrint URL fetcher that reads only files inside `allowed_root` (nothing, by default)."""
    import weasyprint

    base = getattr(getattr(weasyprint, "urls", None), "URLFetcher", None)
    if base is not None:  # WeasyPrint 68+: a class whose fetch() may be overridden

        class Fetcher(base):  # type: ignore[misc, valid-type]
            def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
                check_fetch(url, allowed_root)
                return super().fetch(url, headers)

        return Fetcher(allowed_protocols={"file"}, allow_redirects=False)

    def fetch(url, *args, **kwargs):  # type: ignore[no-untyped-def]  # older WeasyPrint: a function
        check_fetch(url, allowed_root)
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


# Bounds on the PDF's work (issue 20: one line of CSS made it run past 300 s at 760 MB). The real
# guide's study guide takes a few seconds and under 200 MB; these leave room for a guide many times
# larger and stop anything else.
MAX_HTML_CHARS = 5_000_000
MAX_SECONDS = 180
MAX_MEMORY_BYTES = 1536 * 2**20


class PdfTooCostly(RuntimeError):
    """Rendering the PDF went past one of its bounds (size of its HTML, time, memory)."""


def _render(html: str, target: str, memory: int, results) -> None:  # type: ignore[no-untyped-def]
    """In a child process: render under a memory limit and say how it went through `results`."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # not POSIX, or a lower limit is already set
        pass
    try:
        import logging

        import weasyprint

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        weasyprint.HTML(string=html, url_fetcher=url_fetcher(None)).write_pdf(target, attachments=[])
    except MemoryError:
        results.send(("memory", ""))
    except (ImportError, OSError) as exc:
        results.send(("missing", str(exc)))
    except Exception as exc:  # noqa: BLE001 - reported by the parent with its type
        results.send(("failed", f"{type(exc).__name__}: {exc}"))
    else:
        results.send(("ok", ""))


def write_study_guide_pdf(
    site: Site, target: Path, seconds: float = MAX_SECONDS, memory: int = MAX_MEMORY_BYTES
) -> Path:
    """Render the study guide to a PDF file: nothing fetched, nothing attached, and within bounds.

    The rendering runs in a child process with a memory limit and a time limit; past either it is
    stopped and PdfTooCostly says which. ImportError or OSError: WeasyPrint or Pango is missing.
    `target` is replaced only by a complete PDF."""
    html = study_guide_html(site)
    if len(html) > MAX_HTML_CHARS:
        raise PdfTooCostly(f"the study guide's HTML is {len(html):,} characters; the PDF is made from at most {MAX_HTML_CHARS:,}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_render, args=(html, str(partial), memory, send), daemon=True)
    child.start()
    send.close()
    try:
        outcome = receive.recv() if receive.poll(seconds) else ("time", "")
    except EOFError:  # the child died without a word (killed for its memory)
        outcome = ("memory", "")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    kind, detail = outcome
    if kind != "ok":
        partial.unlink(missing_ok=True)
    if kind == "missing":
        raise OSError(detail)
    if kind == "time":
        raise PdfTooCostly(f"making the PDF took longer than {seconds:g} s, so it was stopped")
    if kind == "memory":
        raise PdfTooCostly(f"making the PDF needed more than {memory // 2**20} MB of memory, so it was stopped")
    if kind == "failed":
        raise PdfTooCostly(f"WeasyPrint failed: {detail[:300]}")
    partial.replace(target)
    return target
