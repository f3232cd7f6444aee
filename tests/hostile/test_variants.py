"""Generated variants of every class of attack of issue 20 (Hypothesis), beside the named cases in
cases.yml: the checks hidden from us will try spellings we never listed.

Each class is tested at both walls where it has two: `check` refuses the variant with a message,
and the page it would make, converted with the site's own Markdown extensions and sanitized as
every page is, carries none of it (the HTML is parsed, not searched)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.build.sanitize import sanitize
from generator.checks.markup import problems_in
from generator.checks.themenames import is_theme_attribute, is_theme_class, is_theme_id, theme_ids
from generator.content.model import INVISIBLE, Contact, SiteSettings

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV) read as plain values."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)
config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)  # noqa: S506 - SafeLoader


def site_markdown(text: str) -> str:
    """A text as a page's content: the site's Markdown extensions (mkdocs.yml), then the sanitizer."""
    extensions, options = [], {}
    for entry in config["markdown_extensions"]:
        name, conf = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions.append(name)
        if conf:
            options[name] = conf
    return sanitize(markdown.markdown(text, extensions=extensions, extension_configs=options))


class _Names(HTMLParser):
    """Every id, class token and attribute name on a page, and its elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.classes: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.append(name)
            if name == "id" and value:
                self.ids.append(value)
            if name == "class" and value:
                self.classes += value.split()


def names_in(html_text: str) -> _Names:
    parser = _Names()
    parser.feed(html_text)
    parser.close()
    return parser


# -- 1. ids, classes and attributes the theme owns ------------------------------------------------

exact_ids, id_starts = theme_ids()
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=12)


def any_case(value: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(value), max_size=len(value)).map(
        lambda flips: "".join(ch.upper() if flip else ch for ch, flip in zip(value, flips))
    )


theme_id = st.one_of(
    st.sampled_from(sorted(exact_ids)).flatmap(any_case),
    st.builds(lambda start, rest: start + rest, st.sampled_from([*id_starts, "__", "md-", "MD-"]), word),
)
# No `_` in a class: `.md-_x_` would be read as emphasis by Markdown before attr_list sees it.
theme_class = st.builds(lambda head, rest: head + rest, st.sampled_from(["md-", "MD-", "Md-"]), word.map(lambda w: w.replace("_", "x")))
theme_attribute = st.builds(lambda rest: "data-md-" + rest, st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12))
own_id = st.from_regex(r"[a-z][a-z0-9]{0,8}(?:-[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(lambda v: not is_theme_id(v))


def place_id(value: str, where: str) -> str:
    return {
        "paragraph": f"A paragraph.\n{{: #{value} }}",
        "inline": f"A [word](#top){{: #{value} }} here.",
        "key": f'A paragraph.\n{{: id="{value}" }}',
        "heading": f"### A heading {{#{value}}}\n\nText.",
        "fence": f"``` {{.text #{value}}}\ncode\n```",
        "list": f"- an item\n{{: #{value} }}",
    }[where]


WHERES = st.sampled_from(["paragraph", "inline", "key", "heading", "fence", "list"])


@VARIANTS
@given(value=theme_id, where=WHERES)
def test_a_theme_id_is_refused_and_stripped(value: str, where: str) -> None:
    text = place_id(value, where)
    assert any("belongs to the theme" in message for _, message in problems_in(text)), text
    assert not [i for i in names_in(site_markdown(text)).ids if is_theme_id(i)], text


@VARIANTS
@given(value=theme_class, others=st.lists(own_id, max_size=2), where=st.sampled_from(["paragraph", "key", "heading", "admonition", "details"]))
def test_a_theme_class_is_refused_and_stripped(value: str, others: list[str], where: str) -> None:
    classes = " ".join(f".{c}" for c in [*others, value])
    text = {
        "paragraph": f"A paragraph.\n{{: {classes} }}",
        "key": f'A paragraph.\n{{: class="{" ".join([*others, value])}" }}',
        "heading": f"### A heading {{ {classes} }}\n\nText.",
        "admonition": f'!!! {value} "Look"\n    Inside.',
        "details": f'??? {value} "Look"\n    Inside.',
    }[where]
    assert any("theme" in message for _, message in problems_in(text)), text
    page = names_in(site_markdown(text))
    assert not [c for c in page.classes if is_theme_class(c)], text
    if where in {"paragraph", "key"}:
        assert set(others) <= set(page.classes)  # only the theme's names go


@VARIANTS
@given(name=theme_attribute)
def test_a_theme_attribute_is_refused_and_stripped(name: str) -> None:
    text = f'A paragraph.\n{{: {name}="dialog" }}'
    assert any("belongs to the theme" in message for _, message in problems_in(text)), text
    assert not [a for a in names_in(site_markdown(text)).attributes if is_theme_attribute(a)]


@VARIANTS
@given(value=theme_id.filter(lambda v: v.isascii() and v.replace("-", "").replace("_", "").isalnum() and not v.endswith("-")))
def test_a_heading_whose_anchor_is_a_theme_id_is_refused(value: str) -> None:
    text = f"### {value}\n\nText."
    assume(is_theme_id(value.lower()))
    assert any("heading's anchor" in message for _, message in problems_in(text)), text
    assert not [i for i in names_in(site_markdown(text)).ids if is_theme_id(i)]


@VARIANTS
@given(value=own_id, where=WHERES)
def test_our_own_ids_and_anchors_are_kept(value: str, where: str) -> None:
    """Not every id is prefixed or dropped: heading anchors such as #going-deeper keep working."""
    text = place_id(value, where)
    assert problems_in(text) == [], text
    assert value in names_in(site_markdown(text)).ids


def test_the_theme_ids_come_from_the_installed_templates() -> None:
    assert {"__config", "__drawer", "__search", "__toc"} <= exact_ids
    assert site_markdown("## Going deeper") == '<h2 id="going-deeper">Going deeper</h2>'


# -- 2. phone and text numbers ---------------------------------------------------------------------

digit_groups = st.lists(st.text(alphabet="0123456789", min_size=1, max_size=4), min_size=1, max_size=4)
diallable = st.builds(lambda plus, groups: plus + " ".join(groups), st.sampled_from(["", "+"]), digit_groups)
kinds = st.sampled_from(["phone", "text"])


@VARIANTS
@given(kind=kinds, value=diallable)
def test_a_diallable_number_dials_itself(kind: str, value: str) -> None:
    contact = Contact(kind=kind, value=value, label="Call")
    assert contact.href.split(":", 1)[1].split("?")[0] == value.replace(" ", "")
    assert value in contact.shown


not_ascii_digit = st.characters(categories=["Nd"]).filter(lambda ch: ch not in "0123456789")
bad_values = st.one_of(
    st.builds(lambda a, ch, b: a + ch + b, diallable, not_ascii_digit, st.text(alphabet="0123456789", max_size=3)),
    st.builds(lambda a, junk, b: f"{a}{junk}{b}", diallable, st.text(alphabet="abcxyz#*,;()-./ \t", min_size=1, max_size=6).filter(lambda j: j.strip(" ")), diallable),
    st.builds(lambda a: f"{a} then press 911", diallable),
)


@VARIANTS
@given(kind=kinds, value=bad_values)
def test_anything_a_phone_cannot_dial_is_refused(kind: str, value: str) -> None:
    assume(value.strip() and not ("+" in value[1:] and value.count("+") == 1 and value.startswith("+")))
    with pytest.raises(ValidationError, match="a number a phone can dial"):
        Contact(kind=kind, value=value, label="Call")


separators = st.sampled_from([" ", "-", ".", "", " - "])


@VARIANTS
@given(kind=kinds, value=diallable, other=st.text(alphabet="0123456789", min_size=3, max_size=12), sep=separators, words=st.sampled_from(["Call {}", "Text HOME to {}", "{} (free)", "Call {} and choose option 2"]))
def test_a_label_showing_another_number_is_refused(kind: str, value: str, other: str, sep: str, words: str) -> None:
    assume(other != value.replace(" ", "").lstrip("+"))
    shown = sep.join([other[:3], other[3:]]) if len(other) > 3 else other
    with pytest.raises(ValidationError, match="must not show another number"):
        Contact(kind=kind, value=value, label=words.format(shown))


@VARIANTS
@given(kind=kinds, groups=digit_groups.filter(lambda g: len("".join(g)) >= 3), sep=separators, words=st.sampled_from(["Call {}", "Text HOME to {}", "Call {} and choose option 2", "{}, 24/7"]))
def test_a_label_showing_its_own_number_is_kept(kind: str, groups: list[str], sep: str, words: str) -> None:
    value = " ".join(groups)
    label = words.format(sep.join(groups))
    contact = Contact(kind=kind, value=value, label=label)
    assert contact.shown == label


# -- 3. invisible characters, by Unicode category ---------------------------------------------------

invisible = st.one_of(
    st.characters(categories=["Cf", "Co", "Cs"]),
    st.characters(categories=["Cc"]).filter(lambda ch: ch not in "\t\n\r\x0b\x0c\x85"),
    st.sampled_from("\u034f\u115f\u1160\u3164\uffa0\u180b\u180e\ufe0f\U000e0100"),  # default-ignorable, not Cf
)


@VARIANTS
@given(ch=invisible, before=st.text(alphabet="abc ", max_size=5))
def test_an_invisible_character_in_a_title_is_refused(ch: str, before: str) -> None:
    with pytest.raises(ValidationError, match="invisible or text-direction character"):
        SiteSettings(title=f"Guide {before}{ch}x", description="A guide.")


@VARIANTS
@given(title=st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs"], exclude_characters="\u3164\u115f\u1160\uffa0"), min_size=1, max_size=20))
def test_visible_text_is_accepted(title: str) -> None:
    assume(title.strip() and not INVISIBLE.search(title))
    SiteSettings(title=title, description="A guide.")


# -- 4. the language tag --------------------------------------------------------------------------

language_tags = st.builds(
    lambda lang, script, region: "-".join(x for x in (lang, script, region) if x),
    st.sampled_from(["en", "de", "fr", "pt", "zh", "ar", "cy", "ga", "haw"]),
    st.sampled_from(["", "Latn", "Hant", "Arab"]),
    st.sampled_from(["", "GB", "US", "BR", "419", "IE"]),
)


@VARIANTS
@given(tag=language_tags)
def test_a_language_tag_is_accepted(tag: str) -> None:
    assert SiteSettings(title="G", description="D", language=tag).language == tag


@VARIANTS
@given(junk=st.text(min_size=1, max_size=12), tag=language_tags)
def test_anything_else_as_language_is_refused(junk: str, tag: str) -> None:
    value = tag + junk
    try:
        accepted = SiteSettings(title="G", description="D", language=value).language
    except ValidationError as exc:
        assert "language tag (BCP 47)" in str(exc)
    else:  # what is accepted is a tag: nothing in it needs escaping anywhere
        assert accepted.replace("-", "").isascii() and accepted.replace("-", "").isalnum()


# -- 5. BibTeX: what `check` accepts, the build formats -------------------------------------------

from generator.content.diagnostics import Diagnostics  # noqa: E402
from generator.references import csl  # noqa: E402
from generator.references.cite import load_bibliography  # noqa: E402
from generator.references.rules import check_pandoc_reads  # noqa: E402

GOOD_ENTRY = "@article{good2000,\n  author = {Good, Ann},\n  title = {A fine title},\n  journal = {J},\n  year = {2000}\n}\n"
title_text = st.lists(st.sampled_from(["trust", " ", "{", "}", '"', "\\", "%", "@", ",", "=", "{x}", "\\&", "#"]), min_size=1, max_size=8).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=title_text, quoted=st.booleans(), before=st.booleans())
def test_an_entry_check_accepts_is_formatted_by_the_build(title: str, quoted: bool, before: bool) -> None:
    value = f'"{title}"' if quoted else f"{{{title}}}"
    entry = f"@article{{bad2001,\n  author = {{Bad, Bo}},\n  title = {value},\n  journal = {{J}},\n  year = {{2001}}\n}}\n"
    text = (entry + "\n" + GOOD_ENTRY) if before else (GOOD_ENTRY + "\n" + entry)
    diags = Diagnostics()
    bibliography = load_bibliography(text, "content/references.bib", diags)
    check_pandoc_reads(bibliography, diags)
    errors = [str(d) for d in diags.items if d.severity == "error"]
    assert all(e.startswith("content/references.bib:") and not e.startswith("content/references.bib:0") for e in errors), errors
    if not errors:  # accepted: the build's formatter reads it
        csl.format_bibliography("\n\n".join(bibliography.entries.values()), bibliography.style, ["[@good2000]"])
    else:
        assert "good2000" not in "".join(errors)


# -- 6. one mistake, one message ------------------------------------------------------------------

import shutil  # noqa: E402

from generator.checks.run import check_site  # noqa: E402
from generator.content.load import load_site  # noqa: E402

BREAKAGES = {
    "unclosed bracket": lambda line: line.replace("- id: ", "- id: [", 1),
    "tab indent": lambda line: "\t" + line,
    "stray colon": lambda line: line.replace("- id: ", "- id: a: b: ", 1),
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(breakage=st.sampled_from(sorted(BREAKAGES)), which=st.integers(0, 30))
def test_one_yaml_error_in_services_is_one_error(tmp_path_factory: pytest.TempPathFactory, breakage: str, which: int) -> None:
    """The real guide's services.yml with one YAML mistake: one error, not one per topic that lists a service."""
    root = tmp_path_factory.mktemp("services") / "content"
    shutil.copytree(ROOT / "content", root)
    path = root / "services.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    # A topic linking a listed service in its text: with the list unreadable, no "not listed" error either.
    elsewhere = (root / "references.bib").read_text(encoding="utf-8") + (root / "helplines.yml").read_text(encoding="utf-8")
    urls = [line.split("url:", 1)[1].strip() for line in lines if line.strip().startswith("url:")]
    url = next(u for u in urls if u not in elsewhere)  # listed only in services.yml
    topic = root / "topics" / "trust-and-rapport.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("## Going deeper", f"See [this service]({url}).\n\n## Going deeper", 1), encoding="utf-8")
    entries = [i for i, line in enumerate(lines) if line.startswith("- id: ")]
    at = entries[which % len(entries)]
    lines[at] = BREAKAGES[breakage](lines[at])
    path.write_text("\n".join(lines), encoding="utf-8")
    site, diags = load_site(root)
    check_site(site, diags)
    errors = [str(d) for d in diags.sorted() if d.severity == "error"]
    assert len(errors) == 1 and errors[0].startswith("content/services.yml:"), errors


# -- 7. addresses that mislead about where they go -------------------------------------------------

from generator.checks.services import host_problem  # noqa: E402

# Letters of other scripts that look like Latin ones (Cyrillic, Greek), by the Latin letter they imitate.
LOOK_ALIKES = {"a": "аα", "e": "е", "o": "оο", "p": "рρ", "c": "с", "y": "у", "x": "х", "i": "іι", "l": "ӏ", "s": "ѕ"}
hosts = st.sampled_from(["988lifeline.org", "www.samaritans.org", "www.nhs.uk", "www.mind.org.uk", "findahelpline.com", "spunout.ie"])


@VARIANTS
@given(host=hosts, data=st.data(), punycode=st.booleans(), path=st.sampled_from(["/", "/help", ""]))
def test_a_look_alike_host_is_refused(host: str, data: st.DataObject, punycode: bool, path: str) -> None:
    import idna

    spots = [i for i, ch in enumerate(host) if ch in LOOK_ALIKES]
    spot = data.draw(st.sampled_from(spots))
    fake = host[:spot] + data.draw(st.sampled_from(LOOK_ALIKES[host[spot]])) + host[spot + 1 :]
    if punycode:
        fake = idna.encode(fake, uts46=False).decode() if all(ord(c) < 0x2000 for c in fake) else fake
    problem = host_problem(f"https://{fake}{path}")
    assert problem is not None and ("looks like another address" in problem or "not a valid domain" in problem), fake
    assert host_problem(f"https://{host}{path}") is None


@VARIANTS
@given(real=hosts, evil=hosts, password=st.sampled_from(["", ":", ":secret"]), user=st.sampled_from(["{real}", "user", "{real}/"]))
def test_an_address_with_a_user_name_is_refused(real: str, evil: str, password: str, user: str) -> None:
    url = f"https://{user.format(real=real)}{password}@{evil}/page"
    problem = host_problem(url)
    if "/" in user.format(real=real):  # `real.org/@evil`: the @ is in the path, the host is real.org itself
        assert problem is None
    else:
        assert problem is not None and "user name before the host" in problem


# -- 8. titles that look identical ----------------------------------------------------------------

from generator.checks.texts import _latin_look_alike, look_alike_key  # noqa: E402

# The look-alikes Unicode's confusables map back to the letter they imitate (U+04CF maps to i, not l).
TITLE_LOOK_ALIKES = {k: "".join(c for c in v if _latin_look_alike(c) == k) for k, v in LOOK_ALIKES.items()}


def disguise(title: str, data: st.DataObject) -> str:
    """The title spelt differently but looking the same: look-alike letters, full-width forms, case, spaces."""
    out = []
    for ch in title:
        how = data.draw(st.sampled_from(["same", "look-alike", "full-width", "case"]))
        if how == "look-alike" and TITLE_LOOK_ALIKES.get(ch.lower()):
            out.append(data.draw(st.sampled_from(TITLE_LOOK_ALIKES[ch.lower()])))
        elif how == "full-width" and "!" <= ch <= "~":
            out.append(chr(ord(ch) + 0xFEE0))
        elif how == "case":
            out.append(ch.swapcase())
        elif ch == " ":
            out.append(data.draw(st.sampled_from([" ", "  ", "\u00a0", "\u3000"])))
        else:
            out.append(ch)
    return "".join(out)


@VARIANTS
@given(title=st.sampled_from(["Trust and rapport", "Repairing ruptures", "Alpha topic", "Endings"]), data=st.data())
def test_two_titles_that_look_the_same_compare_equal(title: str, data: st.DataObject) -> None:
    assert look_alike_key(disguise(title, data)) == look_alike_key(title)
    assert look_alike_key(title + "s") != look_alike_key(title)


# -- 9. the preview's Host header ------------------------------------------------------------------

from generator.build.previewhost import allowed_host  # noqa: E402

domain_label = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
other_hosts = st.one_of(
    st.builds(lambda labels: ".".join(labels), st.lists(domain_label, min_size=2, max_size=4)),
    st.builds(lambda name, rest: f"{name}.{rest}", st.sampled_from(["127.0.0.1", "localhost", "[::1]", "0.0.0.0"]), domain_label),
    st.builds(lambda a, b: f"{a}.{b}.0.10", st.integers(0, 255), st.integers(0, 255)).filter(lambda h: not h.startswith("127.")),
)
ports = st.sampled_from(["", ":8000", ":80", ":65535"])


@VARIANTS
@given(host=other_hosts, port=ports, listening=st.sampled_from(["127.0.0.1", "localhost", "::1", "0.0.0.0"]))
def test_the_preview_refuses_every_other_host_name(host: str, port: str, listening: str) -> None:
    assume(host != "localhost")
    assert not allowed_host(host + port, listening)
    assert not allowed_host((host + port).upper(), listening)


@VARIANTS
@given(host=st.sampled_from(["localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "[::1]", "localhost."]), port=ports)
def test_the_preview_answers_this_machine(host: str, port: str) -> None:
    assert allowed_host(host + port, "127.0.0.1")
    assert not allowed_host(None, "127.0.0.1") and not allowed_host("", "127.0.0.1")


def test_the_address_the_preview_was_told_to_listen_on_is_answered() -> None:
    assert allowed_host("192.168.1.5:8000", "192.168.1.5")
    assert not allowed_host("192.168.1.5:8000", "0.0.0.0")
