"""The theme's stylesheets cut to what the site uses, so that a first visit downloads less.

Material's `main.css` styles every feature it has (blog authors, banners, code annotations, tabs,
right-to-left scripts ...) and its `palette.css` every colour it offers; a page of this guide uses a
fifth of it. What is removed, each only when nothing can use it:

- a selector naming a class (outside `:is()`, `:not()` and the like) that no page's HTML has and no
  script names (a script's name counts if it has a `-` or `_`, as every class the theme's script
  adds does: `md-search-result__item`; a plain word in a script is a variable far more often);
- a selector for `[dir=…]` or `[data-md-color-…=…]` with a value no page has (these attributes are
  written by the templates alone: `dir="ltr"`, `data-md-color-primary="custom"`);
- a rule left with no selector, an `@media` or `@supports` left with no rule;
- a custom property (`--md-…`) that no remaining rule, no other stylesheet and no script uses.

Everything else (tags, other attribute selectors, `@font-face`, `@keyframes`) stays as it is. The
file gets a new name from its content (`main.<hash>.min.css`), so a browser never keeps an old cut
for a new site. Nothing here imports an engine: the MkDocs adapter gives it the pages and scripts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import tinycss2
from tinycss2.ast import Node

CLASS_ATTRIBUTE = 'class="'  # (also "subclass=": a name too many is harmless)
# The attributes whose selectors are cut by value: only the theme's templates write them.
VALUE_ATTRIBUTES = re.compile(r'\b(dir|data-md-color-[a-z]+)="([^"]*)"')
SCRIPT_NAME = re.compile(r"[A-Za-z_][\w-]*")
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z0-9_-]+")
PROPERTY_READ = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
# The functional pseudo-classes whose arguments need not match for the rule to apply (or, for
# :not(), must not): their class names are never a reason to remove a selector.
GROUPS = frozenset({"is", "where", "not", "has", "matches", "-webkit-any", "-moz-any", "host", "host-context"})


@dataclass
class Used:
    """What the site's pages and scripts use: class names, attribute values, names in scripts."""

    classes: set[str] = field(default_factory=set)
    values: set[tuple[str, str]] = field(default_factory=set)
    script_names: set[str] = field(default_factory=set)
    script_properties: set[str] = field(default_factory=set)

    def add_html(self, text: str) -> None:
        """Note the classes and theme attribute values of some HTML."""
        # What follows each `class="` up to its closing quote (splitting is ten times faster than a
        # regular expression here, and a build reads every page).
        after = text.split(CLASS_ATTRIBUTE)[1:]
        self.classes.update(" ".join(part[: part.find('"')] for part in after).split())
        if 'dir="' in text or "data-md-color-" in text:  # most content has neither: skip the scan
            self.values.update(VALUE_ATTRIBUTES.findall(text))

    def add_script(self, text: str) -> None:
        """Note the names a script could add as classes, and the custom properties it names."""
        self.script_names.update(name for name in SCRIPT_NAME.findall(text) if "-" in name or "_" in name)
        self.script_properties.update(CUSTOM_PROPERTY.findall(text))

    def has_class(self, name: str) -> bool:
        """Whether a page has this class or a script names it."""
        return name in self.classes or name in self.script_names

    def has_value(self, attribute: str, value: str) -> bool:
        """Whether a page has this theme attribute with this value (other attributes always count)."""
        if attribute != "dir" and not attribute.startswith("data-md-color-"):
            return True
        return (attribute, value) in self.values


def purge_stylesheet(css: str, used: Used, elsewhere: str = "", properties: bool = True) -> str:
    """The stylesheet without what nothing uses (see the module's docstring). `elsewhere` is the
    text of the other stylesheets, whose use of a custom property keeps it; `properties=False`
    keeps every custom property (for a stylesheet that others read them from)."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    kept = "".join(_rules(rules, used))
    if not properties:
        return kept
    while True:  # a property used only by a removed one goes in the next round; each round removes one or more
        parsed = tinycss2.parse_stylesheet(kept, skip_whitespace=True, skip_comments=True)
        declarations = list(_declarations(parsed))
        # A custom property is read with var() in a value here, in another stylesheet, or by a script.
        readers = "".join(tinycss2.serialize(d.value) for d in declarations) + elsewhere
        referenced = set(PROPERTY_READ.findall(readers)) | used.script_properties
        unused = {d.name for d in declarations if d.name.startswith("--") and d.name not in referenced}
        if not unused:
            return kept
        kept = "".join(_rules(parsed, used, unused))


def purged_name(name: str, css: str) -> str:
    """`main.57a0d79d.min.css` -> `main.<hash of css>.min.css` (a new cut never takes an old name)."""
    stem, _, rest = name.partition(".")
    mark = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
    parts = rest.split(".")
    if parts and re.fullmatch(r"[0-9a-f]{6,}", parts[0]):
        parts = parts[1:]
    return ".".join([stem, mark, *parts])


def _rules(rules: Iterable[Node], used: Used, unused: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [part for part in _split_commas(rule.prelude) if _applies(part, used)]
            if not selectors:
                continue
            body = _body(rule.content, unused)
            if body is None:
                continue
            out.append(",".join(tinycss2.serialize(part).strip() for part in selectors) + "{" + body + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = _rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), used, unused)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type != "error":
            out.append(tinycss2.serialize([rule]))
    return out


def _body(content: list[Node], unused: set[str]) -> str | None:
    """A rule's declarations without the unused custom properties; None if none is left."""
    if not unused:
        return tinycss2.serialize(content)
    declarations = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    kept = [d for d in declarations if not (d.type == "declaration" and d.name in unused)]
    if len(kept) == len(declarations):
        return tinycss2.serialize(content)
    if not kept:
        return None
    return "".join(tinycss2.serialize([d]) for d in kept)  # each declaration ends with its ";"


def _declarations(rules: Iterable[Node]) -> Iterable[Node]:
    """Every declaration in some rules, inside @media and @supports too."""
    for rule in rules:
        if rule.type == "qualified-rule":
            yield from (d for d in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)
                        if d.type == "declaration")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            yield from _declarations(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))


def _split_commas(prelude: list[Node]) -> list[list[Node]]:
    parts: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if any(t.type != "whitespace" for t in part)]


def _applies(selector: list[Node], used: Used) -> bool:
    """Whether a selector can match anything on the site (see the module's docstring)."""
    for i, token in enumerate(selector):
        if token.type == "literal" and token.value == "." and i + 1 < len(selector) and selector[i + 1].type == "ident":
            if not used.has_class(selector[i + 1].value):
                return False
        elif token.type == "[] block":
            parts = [t for t in token.content if t.type != "whitespace"]
            if (len(parts) == 3 and parts[0].type == "ident" and parts[1].type == "literal" and parts[1].value == "="
                    and parts[2].type in ("ident", "string")
                    and not used.has_value(parts[0].value.lower(), parts[2].value)):
                return False
        # A function (`:is(.a, .b)`, `:not(.c)`) is not looked into: its classes never remove a selector.
    return True


@dataclass
class Cut:
    """One theme stylesheet cut for a build: decided before the pages are finished (their content and
    a few pages' rendered chrome are known by then), so that every page can name the new file, and
    checked after: if any page's chrome has a class the decision did not know about and the cut
    would differ with it, the new file holds the whole stylesheet instead (never a missing rule)."""

    name: str
    original: str
    properties: bool = True
    elsewhere: str = ""
    css: str = ""
    new_name: str = ""

    def decide(self, used: Used) -> None:
        """Cut the stylesheet for what is used now, and name the result (in the same folder)."""
        self.css = purge_stylesheet(self.original, used, self.elsewhere, self.properties)
        folder, _, base = self.name.rpartition("/")
        self.new_name = (folder + "/" if folder else "") + purged_name(base, self.css)

    def final(self, used: Used) -> str:
        """What the new file holds, once every page is finished (`used` has all of them): the cut,
        or the whole stylesheet if the cut missed something a page needs."""
        if purge_stylesheet(self.original, used, self.elsewhere, self.properties) == self.css:
            return self.css
        return self.original


def theme_cuts(stylesheets: dict[str, str], elsewhere: str) -> list[Cut]:
    """The cuts for the theme's main stylesheet and palette (by file name: `main.*.min.css`,
    `palette.*.min.css`); the palette's custom properties are all kept (the main one reads them)."""
    cuts = []
    for name, text in sorted(stylesheets.items()):
        base = name.rsplit("/", 1)[-1]
        if base.startswith("main.") and base.endswith(".css"):
            others = elsewhere + "".join(t for n, t in stylesheets.items() if n != name)
            cuts.append(Cut(name, text, True, others))
        elif base.startswith("palette.") and base.endswith(".css"):
            cuts.append(Cut(name, text, False))
    return cuts
