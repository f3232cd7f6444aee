"""nh3 against bleach on the real pages: `python -m bench.sanitizer` (prints a small table).

Builds the real site once, keeping every page's content HTML as it is just before the
sanitizer (after tooltips and the help box), then cleans all of it with each library under
the same allow-list (generator/build/sanitize.py) and reports the time per full pass and what each
one removed that the pages use (element or attribute names that were there before and are
gone after). The numbers are in manual/safety.md.
"""

from __future__ import annotations

import collections
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

from generator.build import plugin, sanitize

ROOT = Path(__file__).resolve().parent.parent


class _Inventory(HTMLParser):
    """Counts of element names and (element, attribute) pairs, data-*/aria-* folded."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: collections.Counter[str] = collections.Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen[tag] += 1
        for name, _ in attrs:
            folded = name.split("-")[0] + "-*" if name.startswith(("data-", "aria-")) else name
            self.seen[f"{tag}[{folded}]"] += 1


def inventory(pages: list[str]) -> collections.Counter[str]:
    """What elements and attributes a set of HTML fragments use."""
    parser = _Inventory()
    for page in pages:
        parser.feed(page)
    return parser.seen


def real_pages() -> list[str]:
    """Every page's content HTML from a build of the real site, as the sanitizer receives it."""
    from generator.cli import build_site

    kept: list[str] = []
    original = plugin.sanitize

    def record(html_text: str) -> str:
        kept.append(html_text)
        return original(html_text)

    plugin.sanitize = record  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            build_site(ROOT / "mkdocs.yml", Path(tmp) / "site")
    finally:
        plugin.sanitize = original  # type: ignore[assignment]
    return kept


def bleach_cleaner() -> Callable[[str], str]:
    """bleach configured with the same allow-list as generator/build/sanitize.py."""
    import bleach

    def allowed(tag: str, name: str, value: str) -> bool:
        if name in sanitize.ATTRIBUTES["*"] or name in sanitize.ATTRIBUTES.get(tag, ()):
            return not (tag == "img" and name == "src" and sanitize._HAS_SCHEME.match(value))
        return name.startswith(tuple(sanitize.PREFIXES))

    cleaner = bleach.sanitizer.Cleaner(
        tags=set(sanitize.TAGS), attributes=allowed, protocols=set(sanitize.SCHEMES), strip=True, strip_comments=True
    )
    return cleaner.clean


def timed(clean: Callable[[str], str], pages: list[str], rounds: int = 3) -> tuple[float, list[str]]:
    """The best of `rounds` full passes over the pages (seconds), and the cleaned pages."""
    best, out = float("inf"), []
    for _ in range(rounds):
        start = time.perf_counter()
        out = [clean(p) for p in pages]
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    pages = real_pages()
    before = inventory(pages)
    size = sum(len(p) for p in pages)
    print(f"{len(pages)} pages, {size / 1e6:.2f} MB of content HTML")
    for name, clean in (("nh3", sanitize.sanitize), ("bleach", bleach_cleaner())):
        seconds, out = timed(clean, pages)
        after = inventory(out)
        lost = sorted(k for k in before if after[k] < before[k])
        print(f"{name:7} {seconds * 1000:8.1f} ms per pass   removed: {', '.join(lost) or 'nothing'}")


if __name__ == "__main__":
    main()
