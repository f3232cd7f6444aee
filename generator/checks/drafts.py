"""Drafts: topics with `draft: true`, previewed but never published.

A draft is loaded and checked like any topic, but what makes it incomplete
(word counts, grade, too few quiz items, placeholder text...) is reported as a
warning, so `serve` can show it while it is written. Hard errors stay errors:
the file must still parse and match the model (that happens before the
checks), and its markup rules (raw HTML, script links) apply in full.

`build`, `offline`, `pdf` and `export` leave drafts out (`published`); `serve`
shows each one with a "Draft: not published" box listing its problems
(`mark_draft_pages`). A published page may not link to a draft: that link
would break in the build.
"""

from __future__ import annotations

import dataclasses
import html
import re
import sys
from collections.abc import Iterable

from ..content.diagnostics import Diagnostic, Diagnostics
from ..content.model import Site
from ..content.placeholders import is_placeholder, placeholders_in
from .markup import MD_LINK_RE, check_markup
from .texts import line_in_text, scenario_texts, topic_texts

DRAFT_MARK = " (draft)"
# In every message about published content that points at a draft.
DRAFT_NOTE = "is a draft (draft: true), so it is not published"


def draft_sources(site: Site) -> set[str]:
    """The files of the topics and scenarios marked `draft: true`."""
    return {t.source for t in site.topics if t.draft} | {s.source for s in site.scenarios if s.draft}


def published(site: Site) -> Site:
    """The site without its drafts: what a build, the PDF and the export contain."""
    if not any(t.draft for t in site.topics) and not any(s.draft for s in site.scenarios):
        return site
    # The indexes are rebuilt from the topics (passing the old ones on would share them).
    return dataclasses.replace(
        site, topics=tuple(t for t in site.topics if not t.draft), scenarios=tuple(s for s in site.scenarios if not s.draft),
        _index={}, _by_section={},
    )


def drafts_line(site: Site) -> str:
    """'2 drafts not published (content/topics/a.md, …)', or '' when there are none."""
    files = sorted(draft_sources(site))
    if not files:
        return ""
    noun = "draft" if len(files) == 1 else "drafts"
    return f"{len(files)} {noun} not published ({', '.join(files)})"


def check_placeholders(site: Site, diags: Diagnostics) -> None:
    """One error for each placeholder text of the `new` scaffold still in a topic or a scenario."""
    for scenario in site.scenarios:
        for field, text, _ in scenario_texts(scenario):
            if is_placeholder(text):
                diags.add(
                    scenario.source, site.line(scenario.source, field), field,
                    f'placeholder text from the scaffold: "{text.strip()}"; replace it',
                )
    for topic in site.topics:
        for field, text, start in topic_texts(topic):
            if field == "body":
                for offset, placeholder in placeholders_in(text):
                    line = line_in_text(site, topic.source, field, text, start, offset)
                    diags.add(topic.source, line, field, f'placeholder text from the scaffold: "{placeholder}"; replace it')
            elif is_placeholder(text):
                diags.add(
                    topic.source, site.line(topic.source, field), field,
                    f'placeholder text from the scaffold: "{text.strip()}"; replace it',
                )


def check_links_to_drafts(site: Site, diags: Diagnostics) -> None:
    """Published topics and scenarios that point at a draft topic: a Markdown link would break in the build (an error);
    a related topic or a reading-path step is left out until the draft is published (a warning)."""
    drafts = {t.id for t in site.topics if t.draft}
    if not drafts:
        return
    note = DRAFT_NOTE
    published_items = [(t, topic_texts(t)) for t in site.topics if not t.draft]
    published_items += [(s, scenario_texts(s)) for s in site.scenarios if not s.draft]
    for item, texts in published_items:
        for i, other in enumerate(item.related):
            if other in drafts:
                where = f"related[{i}]"
                diags.add(item.source, site.line(item.source, where), where, f'"{other}" {note}; it is left out until then', "warning")
        for field, text, start in texts:
            for match in MD_LINK_RE.finditer(text):
                stem = match.group(1).split("#")[0].removesuffix(".md").rsplit("/", 1)[-1]
                if stem in drafts:
                    line = line_in_text(site, item.source, field, text, start, match.start())
                    diags.add(item.source, line, field, f'link to "{stem}", which {note}; remove the link or publish the draft')
    spath = f"{site.root}/site.yml"
    for a, audience in enumerate(site.settings.audiences):
        for i, step in enumerate(audience.path):
            if step in drafts:
                where = f"audiences[{a}].path[{i}]"
                diags.add(spath, site.line(spath, where), where, f'"{step}" {note}; the path skips it until then', "warning")


def settle_drafts(site: Site, diags: Diagnostics, since: int = 0) -> None:
    """Turn the check errors (from index `since` on) in drafts into warnings, except markup errors."""
    drafts = draft_sources(site)
    if not drafts:
        return
    hard = Diagnostics()
    check_markup(site, hard)  # run again on its own (only when there are drafts) to know which errors are its
    keep = set(hard.items)
    for index in range(since, len(diags.items)):
        diag = diags.items[index]
        if diag.path in drafts and diag.severity == "error" and diag not in keep:
            diags.items[index] = dataclasses.replace(diag, severity="warning", message=diag.message + DRAFT_MARK)


def check_drafts(site: Site, diags: Diagnostics, since: int = 0) -> None:
    """The draft-aware part of `check`: placeholders, links to drafts, then drafts' errors as warnings."""
    check_placeholders(site, diags)
    check_links_to_drafts(site, diags)
    settle_drafts(site, diags, since)


def is_draft_warning(diag: Diagnostic, drafts: Iterable[str]) -> bool:
    """A warning in a draft, or about a draft left out of a published page: printed by `report_drafts`
    and shown on the draft's page, never an MkDocs warning (strict mode would fail the build on it,
    although leaving the draft out is exactly what the build should do)."""
    return diag.severity == "warning" and (diag.path in set(drafts) or DRAFT_NOTE in diag.message)


def report_drafts(site: Site, diags: Diagnostics, command: str) -> None:
    """One line in the terminal about the drafts: left out of a build, or shown in the preview."""
    files = sorted(draft_sources(site))
    if not files:
        return
    if command == "serve":
        counts = {f: sum(1 for d in diags.warnings if d.path == f) for f in files}
        listed = ", ".join(f"{f} ({n} problem{'s' if n != 1 else ''})" for f, n in counts.items())
        print(f"previewing {len(files)} draft{'s' if len(files) != 1 else ''}, marked on the page: {listed}", file=sys.stderr, flush=True)
    else:
        print(drafts_line(site), file=sys.stderr, flush=True)
    for diag in diags.sorted():
        if diag.severity == "warning" and DRAFT_NOTE in diag.message:
            print(diag, file=sys.stderr, flush=True)


_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def _plain(text: str) -> str:
    """Text shown literally inside Markdown: no markup, no HTML."""
    return _MD_ESCAPE.sub(r"\\\1", html.escape(text, quote=False))


def draft_box(problems: list[Diagnostic]) -> str:
    """The Markdown admonition at the top of a draft's preview page."""
    lines = [
        '!!! warning "Draft: not published"',
        "",
        "    This page has `draft: true`: the preview shows it, and builds leave it out. "
        + ("Still to do before removing `draft: true`:" if problems else "It passes every check: remove `draft: true` to publish it."),
        "",
    ]
    for diag in problems:
        where = f"line {diag.line}, " if diag.line else ""
        field = f"{diag.field}: " if diag.field else ""
        lines.append(f"    - {_plain(where + field + diag.message.removesuffix(DRAFT_MARK))}")
    return "\n".join(lines) + "\n"


_H1 = re.compile(r"^# .*$", re.M)


def mark_draft_pages(pages: list, site: Site, diags: Diagnostics, path_of) -> list:  # type: ignore[no-untyped-def]
    """The preview's pages with the draft box under each draft's title (`path_of(topic or scenario)` is its page path)."""
    boxes = {}
    for item in [*site.topics, *site.scenarios]:
        if item.draft:
            problems = sorted((d for d in diags.warnings if d.path == item.source), key=lambda d: (d.line, d.field))
            boxes[path_of(item)] = draft_box(problems)
    if not boxes:
        return pages
    marked = []
    for page in pages:
        box = boxes.get(page.path)
        if box is not None:
            title = _H1.search(page.markdown)
            at = title.end() if title else 0
            page = dataclasses.replace(page, markdown=page.markdown[:at] + "\n\n" + box + page.markdown[at:])
        marked.append(page)
    return marked
