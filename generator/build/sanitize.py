"""The allow-list HTML sanitizer every page's content passes through last (nh3, the Ammonia crate).

Content checks (checks.py) reject raw HTML with a located message; this is the
guarantee behind them: whatever Markdown, the templates, the tooltips, the help
box or a citation formatter produced, only the elements, attributes and URL
schemes listed here reach a reader. nh3 was chosen over bleach by measurement
(manual/safety.md): on the real pages it is many times faster, and it keeps
every element and attribute the pages use.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

from ..checks.markup import is_script_url
from ..checks.themenames import is_theme_attribute, is_theme_class, is_theme_id

# Structural and text elements Markdown, our templates and the extensions in mkdocs.yml produce.
TAGS = frozenset({
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main",
    "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul", "var", "wbr",
})

# On every element. No `style`: the CSP forbids inline styles, and styles can fetch (url()).
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "role", "hidden", "lang", "dir"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GLOBAL_ATTRIBUTES),
    "a": {"href", "rel"},  # rel: only the tokens in LINK_RELS survive (see _filter_attribute)
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"type", "start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "time": {"datetime"},
    "abbr": set(),
}
PREFIXES = frozenset({"data-", "aria-"})
# Link schemes a page may use; relative URLs (paths, #anchors) are always allowed.
SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
# Elements removed with everything inside them (the rest lose only their tags).
DROP_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"})

# Link relations that only withhold something from the linked site (the opener, the referring
# page); a relation that fetches or announces (prefetch, preload, pingback, …) never survives.
LINK_RELS = frozenset({"noopener", "noreferrer", "nofollow"})

_HAS_SCHEME = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//|\\\\)")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Images only from the site itself (a src with a scheme or a host, `//x`, is dropped), a
    link's rel cut down to LINK_RELS, and no id, class or attribute the theme owns
    (checks/themenames.py: `#__config` in the content would be read as the theme's settings)."""
    if tag == "img" and attribute == "src" and _HAS_SCHEME.match(value):
        return None
    if attribute == "id" and is_theme_id(value):
        return None
    if attribute == "class":
        return " ".join(token for token in value.split() if not is_theme_class(token)) or None
    if is_theme_attribute(attribute):
        return None
    if attribute == "rel":
        kept = [token for token in value.lower().split() if token in LINK_RELS]
        return " ".join(kept) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROP_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    generic_attribute_prefixes=set(PREFIXES),
    url_schemes=set(SCHEMES),
    strip_comments=True,
    link_rel=None,  # no rel is added to every link; the outside services' links carry their own
)


def sanitize(html_text: str) -> str:
    """The HTML with every element, attribute and URL outside the allow-list removed."""
    return _CLEANER.clean(html_text)


# Behind the content checks and before the sanitizer: a page whose content carries script is
# named in a clear error (the sanitizer would remove it silently). Cheap scans find pages that
# might (a few, if any); only those are parsed, so text such as `title="onset = slow"` is not
# mistaken for a handler, and `<svg/onload=…>` is still found.
_EVENT_ATTRIBUTE = re.compile(r"on[a-z]+\s*=")  # on the lower-cased text
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"})


class _UnsafeFinder(HTMLParser):
    """The first script element, event-handler attribute or script URL, as the browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found is not None:
            return
        if tag == "script":
            self.found = f"<{tag}>"
        for name, value in attrs:
            if self.found is None and name.startswith("on"):
                self.found = f"<{tag} {name}={value or ''}"
            elif self.found is None and name in _URL_ATTRIBUTES and value and is_script_url(value):
                self.found = f'<{tag} {name}="{value}"'

    handle_startendtag = handle_starttag


def find_unsafe_html(html_text: str) -> str | None:
    """The first script tag, event-handler attribute or script URL in some HTML, or None."""
    lowered = html_text.lower()
    # "script" covers <script>, javascript: and vbscript:; "&#" a scheme spelled with character references.
    maybe = "script" in lowered or "data:" in lowered or "&#" in html_text or _EVENT_ATTRIBUTE.search(lowered)
    if not maybe:
        return None
    finder = _UnsafeFinder()
    finder.feed(html_text)
    finder.close()
    return finder.found
