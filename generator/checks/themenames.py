"""The ids, classes and attributes the theme owns, which content may not use (issue 20).

Material finds its own parts by id and class: it reads its settings with
`querySelector("#__config")`, opens the drawer through `#__drawer`, and shows an overlay or
a dialog by the classes `md-overlay` and `md-dialog`. An element of the page's content
carrying one of those names is found first, or turns content into page furniture. So
content may not use them: `check` refuses them with a location (markup.py) and the
sanitizer strips exactly them from every page (build/sanitize.py). Other ids, such as the
heading anchor `going-deeper`, are left alone.

The ids come from the installed theme's templates (and our overrides of them), not from a
list written by hand, so a new version of Material that adds an id is covered. All of
Material's ids start with `__`, its classes with `md-` and its attributes with `data-md-`;
those prefixes are reserved whole.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

ID_PREFIXES = ("__", "md-")
CLASS_PREFIXES = ("md-",)
ATTRIBUTE_PREFIXES = ("data-md-",)

# id="…" in a template; a value with a template expression in it contributes its literal start.
_TEMPLATE_ID = re.compile(r"""\bid=["']([^"']*)["']""")
_OVERRIDES = Path(__file__).resolve().parent.parent / "pages" / "assets" / "overrides"


def _template_folders() -> list[Path]:
    """The installed theme's templates (found without importing it) and our overrides."""
    folders = [_OVERRIDES]
    spec = importlib.util.find_spec("material")
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "templates")
    return [folder for folder in folders if folder.is_dir()]


@functools.cache
def theme_ids() -> tuple[frozenset[str], tuple[str, ...]]:
    """(ids the theme's templates write, literal starts of the ids they write from a variable)."""
    exact: set[str] = set()
    starts: set[str] = set()
    for folder in _template_folders():
        for template in folder.rglob("*.html"):
            for match in _TEMPLATE_ID.finditer(template.read_text(encoding="utf-8", errors="replace")):
                value = match.group(1)
                literal = re.split(r"\{[{%]", value, maxsplit=1)[0]
                if literal == value:
                    exact.add(value.casefold())
                elif literal:
                    starts.add(literal.casefold())
    return frozenset(exact), tuple(sorted(starts))


def is_theme_id(value: str) -> bool:
    """True for an id the theme owns (compared without case: a look-alike is refused too)."""
    folded = value.strip().casefold()
    exact, starts = theme_ids()
    return folded.startswith(ID_PREFIXES) or folded in exact or folded.startswith(starts)


def is_theme_class(token: str) -> bool:
    """True for one class name in the theme's namespace (`md-…`)."""
    return token.strip().casefold().startswith(CLASS_PREFIXES)


def is_theme_attribute(name: str) -> bool:
    """True for an attribute the theme reads to find its components (`data-md-…`)."""
    return name.strip().casefold().startswith(ATTRIBUTE_PREFIXES)
