"""Load `content/` into a `Site`, collecting every problem as a diagnostic.

Reading never stops at the first problem: each file is read, parsed and
validated on its own, and what is wrong is recorded with its path, line and
field. Cross-file rules live in `checks.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..references.cite import load_bibliography
from ..strings import flatten, keys, override_problems, strings_for, table_language
from .diagnostics import Diagnostics, closest, did_you_mean, quote
from .model import (
    ID_RE,
    Flashcard,
    GlossaryEntry,
    Handout,
    HandoutFile,
    Helpline,
    HelpWords,
    Scenario,
    ScenarioFile,
    SearchWords,
    Section,
    Service,
    Site,
    SiteSettings,
    Topic,
    TopicFront,
)
from .yamlsource import YamlDoc, YamlSyntaxError, parse_yaml

MAX_FILE_BYTES = 1_000_000
PLAIN_HEADING = "In plain words"
DEEPER_HEADING = "Going deeper"

# Examples shown when a required field is missing: what a valid line looks like.
EXAMPLES = {
    "title": "title: Trust and rapport",
    "section": "section: what-good-feels-like",
    "order": "order: 10",
    "summary": "summary: One plain sentence that says what the page is about.",
    "key_points": "key_points: [First point., Second point., Third point.]",
    "reviewed": "reviewed: 2026-11-25",
    "description": "description: A plain guide to panic attacks: what they are and what helps.",
    "intro": "intro: A short paragraph introducing the section.",
    "term": "term: readability formula",
    "plain": "plain: A definition in everyday words.",
    "technical": "technical: A precise definition for students.",
    "verified_on": "verified_on: 2026-11-25",
    "contacts": "contacts: [{kind: phone, value: '988', label: Call 988}]",
    "name": "name: The service's name",
    "region": "region: England",
    "url": "url: https://www.example.org/page",
    "what": "what: One plain line on what the service is for.",
    "source": "source: mind2018 (a reference key) or the address of the page you checked",
    "checked": "checked: 2026-12-01",
    "skill": "skill: ruptures (an id from practice.skills in content/site.yml)",
    "moments": "moments: [{id: start, situation: ..., question: ..., choices: [...]}]",
    "situation": "situation: A few lines of the client's situation and what they say.",
    "question": 'question: "What do you say next?"',
    "choices": "choices: [{text: ..., feedback: ..., best: true}, {text: ..., feedback: ...}, ...]",
    "feedback": "feedback: What this choice leads to and why, with a citation [@key].",
    "supervision": "supervision: [What to bring to supervision from this scenario.]",
    "related": "related: [repairing-ruptures]",
}


def read_text(path: Path, rel: str, diags: Diagnostics) -> str | None:
    """Read a content file as UTF-8 text with LF line ends, or record why not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.add(rel, 0, "", f"could not be read: {exc.strerror or exc}")
        return None
    if len(data) > MAX_FILE_BYTES:
        diags.add(rel, 0, "", f"file is too large ({len(data) // 1000} KB); the limit is {MAX_FILE_BYTES // 1000} KB")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diags.add(
            rel, line, "",
            f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} on this line); save it with UTF-8 encoding",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        diags.add(rel, text[: text.index("\x00")].count("\n") + 1, "", "file contains a NUL byte; is it a binary file?")
        return None
    if not text.strip():
        diags.add(rel, 1, "", "file is empty")
        return None
    return text


def field_name(loc: Sequence[Any]) -> str:
    """('quiz', 0, 'answer') -> 'quiz[0].answer'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _message(err: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    """Turn one pydantic error into words an editor can act on."""
    kind = err["type"]
    found = err.get("input")
    ctx = err.get("ctx") or {}
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        example = EXAMPLES.get(name)
        return "required field is missing" + (f" (for example `{example}`)" if example else "")
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = did_you_mean(name, allowed)
        return f"unknown field{hint}; expected one of: {', '.join(allowed)}"
    if kind in {"string_type", "str_type"}:
        hint = " (text containing ': ' must be put in quotes)" if isinstance(found, dict) and len(found) == 1 else ""
        if isinstance(found, (bool, int, float)):
            # YAML reads true or 3 as a value, not as text: quoting keeps it as written.
            hint = " (to use it as text, put it in quotes)"
        return f"expected text, got {quote(found)}{hint}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got {quote(found)}"
    if kind in {"float_type", "float_parsing"}:
        return f"expected a number, got {quote(found)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"expected true or false, got {quote(found)}"
    if kind == "list_type":
        return f"expected a list, got {quote(found)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"expected a group of fields (name: value), got {quote(found)}"
    if kind.startswith("date"):
        return f"expected a date written like 2026-11-25, got {quote(found)}"
    if kind == "string_too_short" or (kind == "too_short" and isinstance(found, str)):
        return "must not be empty"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"expected at most {ctx.get('max_length')} items, got {ctx.get('actual_length')}"
    if kind == "string_pattern_mismatch":
        return f"expected an id of lower-case letters, digits and hyphens (like trust-and-rapport), got {quote(found)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, got {quote(found)}"
    if kind in {"greater_than_equal", "greater_than"}:
        return f"expected a number of at least {_number(ctx.get('ge', ctx.get('gt')))}, got {quote(found)}"
    if kind in {"less_than_equal", "less_than"}:
        limit = ctx.get("le", ctx.get("lt"))
        share = " (a share is a fraction: 0.4 means 40%)" if limit == 1 and isinstance(found, (int, float)) and found > 1 else ""
        return f"expected a number of at most {_number(limit)}, got {quote(found)}{share}"
    if kind == "finite_number":
        return f"expected a number, got {quote(found)}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def _number(value: Any) -> str:
    """A limit as an editor writes it: 1, not 1.0."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names accepted at a location inside a model."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    """The model class inside list[Model] or Model | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _typo_targets(errors: list[Any], model: type[BaseModel]) -> set[tuple[Any, ...]]:
    """Locations of missing fields that an unknown field beside them is a misspelling of."""
    targets = set()
    for err in errors:
        if err["type"] == "extra_forbidden" and err["loc"]:
            loc = tuple(err["loc"])
            intended = closest(str(loc[-1]), _allowed_fields(model, loc[:-1]))
            if intended is not None:
                targets.add(loc[:-1] + (intended,))
    return targets


def validate(
    model: type[BaseModel],
    data: Any,
    doc: YamlDoc,
    rel: str,
    diags: Diagnostics,
    prefix: tuple[Any, ...] = (),
    hidden: frozenset[str] = frozenset(),
) -> Any:
    """Validate data against a model; on failure add one diagnostic per problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        typos = _typo_targets(errors, model)
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "missing" and loc in typos:
                continue  # reported once, at the misspelt field ("sumary: unknown field (did you mean …)")
            message = _message(err, model, loc)
            # A model-level check names its own field first ("answer: expected …").
            match = re.match(r"^(?:Value error, )?([a-z_]+): (.*)$", message, re.S)
            if err["type"] == "value_error" and match:
                loc, message = loc + (match.group(1),), match.group(2)
            if loc and loc[0] in hidden:
                continue
            full = prefix + loc
            diags.add(rel, doc.line_of(full), field_name(full), message)
        return None


def _parse(
    text: str, rel: str, diags: Diagnostics, offset: int = 0, lines: dict[str, dict[str, int]] | None = None
) -> YamlDoc | None:
    """Parse YAML, recording syntax errors and duplicate keys; keep field lines in `lines[rel]`."""
    try:
        doc = parse_yaml(text, offset)
    except YamlSyntaxError as exc:
        diags.add(rel, exc.line, "", exc.message)
        return None
    for path, line in doc.duplicates:
        diags.add(rel, line, field_name(path), "field appears twice; keep one")
    if lines is not None:
        lines[rel] = {field_name(path): line for path, line in doc.lines.items()}
    return doc


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _content_files(folder: Path, pattern: str, root: Path, rel_base: Path, diags: Diagnostics) -> list[Path]:
    """Files of a content folder, refusing links that lead out of `content/`."""
    if not folder.is_dir():
        return []
    try:
        next(folder.iterdir(), None)  # glob() treats a folder it cannot read as empty
    except OSError as exc:
        diags.add(str(folder.relative_to(rel_base)), 0, "", f"folder could not be read: {exc.strerror or exc}")
        return []
    files = []
    # Resolving every path costs a system call per folder level; only links can lead out.
    folder_inside = _inside(folder, root)
    for path in sorted(folder.glob(pattern)):
        rel = str(path.relative_to(rel_base))
        if (path.is_symlink() or not folder_inside) and not _inside(path, root):
            diags.add(rel, 0, "", "links to a file outside content/; copy the file into content/ instead")
            continue
        if path.is_file():
            files.append(path)
    return files


def split_front_matter(text: str, rel: str, diags: Diagnostics) -> tuple[str, str, int] | None:
    """Split a topic into front matter and body; return (front, body, body_line)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        diags.add(rel, 1, "", "expected front matter: the file must start with a line '---', then the fields, then '---'")
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in {"---", "..."}:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    diags.add(rel, 1, "", "front matter is not closed: add a line '---' after the last field")
    return None


# Level-1 and level-2 headings as Python-Markdown reads them: no space is needed after the hashes.
_H2 = re.compile(r"^(#{1,2})(?!#)\s*(.+?)\s*#*\s*$")
# A line of = or - right under text makes that text a (setext) heading.
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


def _first_text_line(lines: list[str], start: int, stop: int) -> int:
    """Index of the first non-blank line in lines[start:stop] (or start)."""
    return next((i for i in range(start, stop) if lines[i].strip()), start)


def split_layers(
    body: str, body_line: int, rel: str, diags: Diagnostics, layer_headings: tuple[str, str] = (PLAIN_HEADING, DEEPER_HEADING)
) -> tuple[str, str, int, int] | None:
    """Split a topic body into its plain and deeper layers, with the file line each starts on.

    The two headings are the guide's (`layer.plain` and `layer.deeper` in its strings)."""
    PLAIN_HEADING, DEEPER_HEADING = layer_headings  # noqa: N806 - the module's defaults, shadowed by the guide's
    headings: list[tuple[int, str]] = []
    in_fence = False
    lines = body.split("\n")
    ok = True
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _H2.match(line)
        if match and len(match.group(1)) == 1:
            diags.add(
                rel, body_line + index, "body",
                f"unexpected heading '{line.strip()[:60]}': the page title comes from the title field; "
                "use '###' for a heading inside a layer",
            )
            ok = False
        elif match:
            headings.append((index, match.group(2)))
        elif not in_fence and index and _SETEXT.match(line) and lines[index - 1].strip():
            diags.add(
                rel, body_line + index, "body",
                f"a line of '{line.strip()[:1]}' right under text makes that text a heading; "
                "put a blank line before it for a dividing line, or write a heading inside a layer with '###'",
            )
            ok = False
    names = [h[1].lower() for h in headings]
    for index, name in headings:
        if name.lower() not in {PLAIN_HEADING.lower(), DEEPER_HEADING.lower()}:
            hint = did_you_mean(name, [PLAIN_HEADING, DEEPER_HEADING])
            diags.add(
                rel, body_line + index, "body",
                f"unexpected heading '## {name}'{hint}; a topic has two layers, "
                f"'## {PLAIN_HEADING}' and '## {DEEPER_HEADING}' (use '###' inside a layer)",
            )
            ok = False
    for required in (PLAIN_HEADING, DEEPER_HEADING):
        count = names.count(required.lower())
        if count == 0:
            diags.add(
                rel, body_line, "body",
                f"missing the '## {required}' layer (every topic has two: '## {PLAIN_HEADING}', then '## {DEEPER_HEADING}')",
            )
            ok = False
        elif count > 1:
            diags.add(rel, body_line, "body", f"'## {required}' appears {count} times; keep one")
            ok = False
    if not ok:
        return None
    plain_at = next(i for i, n in headings if n.lower() == PLAIN_HEADING.lower())
    deeper_at = next(i for i, n in headings if n.lower() == DEEPER_HEADING.lower())
    if deeper_at < plain_at:
        diags.add(rel, body_line + deeper_at, "body", f"'## {DEEPER_HEADING}' must come after '## {PLAIN_HEADING}'")
        return None
    before = "\n".join(lines[:plain_at]).strip()
    if before:
        diags.add(rel, body_line, "body", f"text before '## {PLAIN_HEADING}'; move it into a layer")
        ok = False
    plain = "\n".join(lines[plain_at + 1 : deeper_at]).strip()
    deeper = "\n".join(lines[deeper_at + 1 :]).strip()
    if not plain:
        diags.add(rel, body_line + plain_at, "body", f"the '## {PLAIN_HEADING}' layer is empty")
        ok = False
    if not deeper:
        diags.add(rel, body_line + deeper_at, "body", f"the '## {DEEPER_HEADING}' layer is empty")
        ok = False
    plain_line = body_line + _first_text_line(lines, plain_at + 1, deeper_at)
    deeper_line = body_line + _first_text_line(lines, deeper_at + 1, len(lines))
    return (plain, deeper, plain_line, deeper_line) if ok else None


def _check_id(stem: str, rel: str, diags: Diagnostics) -> bool:
    if ID_RE.match(stem):
        return True
    diags.add(rel, 0, "", "file name must be an id of lower-case letters, digits and hyphens, like trust-and-rapport.md")
    return False


def load_topic(
    path: Path, rel: str, diags: Diagnostics, lines: dict[str, dict[str, int]] | None = None,
    layer_headings: tuple[str, str] = (PLAIN_HEADING, DEEPER_HEADING),
) -> Topic | None:
    """Load one topic file, recording every problem in it."""
    text = read_text(path, rel, diags)
    if text is None:
        return None
    id_ok = _check_id(path.stem, rel, diags)
    parts = split_front_matter(text, rel, diags)
    if parts is None:
        return None
    front_text, body, body_line = parts
    doc = _parse(front_text, rel, diags, offset=1, lines=lines)
    layers = split_layers(body, body_line, rel, diags, layer_headings)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        diags.add(rel, 2, "", f"front matter must be fields (name: value), got {quote(doc.data)}")
        return None
    front = validate(TopicFront, doc.data, doc, rel, diags)
    if front is None:
        # An unknown field is reported above; without it the topic may still be valid, and then the
        # checks of its text and links run too, so one misspelt field does not hide the file's other errors.
        known = {k: v for k, v in doc.data.items() if k in TopicFront.model_fields}
        try:
            front = TopicFront.model_validate(known) if len(known) < len(doc.data) else None
        except ValidationError:
            front = None
    if front is None or layers is None or not id_ok:
        return None
    return Topic(
        **front.model_dump(), id=path.stem, plain=layers[0], deeper=layers[1], source=rel,
        plain_line=layers[2], deeper_line=layers[3],
    )


def load_yaml_file(
    path: Path, rel: str, diags: Diagnostics, lines: dict[str, dict[str, int]] | None = None
) -> YamlDoc | None:
    """Read and parse one YAML file."""
    text = read_text(path, rel, diags)
    if text is None:
        return None
    return _parse(text, rel, diags, lines=lines)


def load_list(
    path: Path, rel: str, model: type[BaseModel], diags: Diagnostics, lines: dict[str, dict[str, int]] | None = None,
    ids: set[str] | None = None, unread: set[str] | None = None,
) -> list[Any]:
    """Load a YAML file holding a list of entries of one model; add every entry's written id to `ids`,
    and the file to `unread` when it could not be read as a list at all."""
    doc = load_yaml_file(path, rel, diags, lines)
    if doc is None or not isinstance(doc.data, list):
        if unread is not None:
            unread.add(rel)
        if doc is not None:
            diags.add(rel, 1, "", f"expected a list of entries (each starting with '- '), got {quote(doc.data)}")
        return []
    items = []
    for index, entry in enumerate(doc.data):
        if ids is not None and isinstance(entry, dict) and isinstance(entry.get("id"), str):
            ids.add(entry["id"].strip())
        item = validate(model, entry, doc, rel, diags, prefix=(index,))
        if item is not None:
            items.append(item)
    return items


def load_mapping(
    path: Path, rel: str, model: type[BaseModel], diags: Diagnostics, lines: dict[str, dict[str, int]] | None = None
) -> Any:
    """Load a YAML file holding one set of fields (name: value) of one model."""
    doc = load_yaml_file(path, rel, diags, lines)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        diags.add(rel, 1, "", f"expected fields (name: value), got {quote(doc.data)}")
        return None
    return validate(model, doc.data, doc, rel, diags)


def load_section(
    path: Path, rel: str, diags: Diagnostics, lines: dict[str, dict[str, int]] | None = None
) -> Section | None:
    """Load one section file; its id is its file name."""
    return load_named(path, rel, Section, diags, lines)


def load_named(
    path: Path, rel: str, model: type[BaseModel], diags: Diagnostics, lines: dict[str, dict[str, int]] | None = None
) -> Any:
    """Load one YAML file of fields whose id is its file name (a section, a handout)."""
    doc = load_yaml_file(path, rel, diags, lines)
    if doc is None or not _check_id(path.stem, rel, diags):
        return None
    if not isinstance(doc.data, dict):
        diags.add(rel, 1, "", f"expected fields (name: value), got {quote(doc.data)}")
        return None
    data = dict(doc.data)
    if "id" in data and data["id"] != path.stem:
        diags.add(rel, doc.line_of(("id",)), "id", f"expected {quote(path.stem)} (the file name), got {quote(data['id'])}")
        return None
    data["id"] = path.stem
    return validate(model, data, doc, rel, diags)


def load_scenario(path: Path, rel: str, diags: Diagnostics, lines: dict[str, dict[str, int]] | None = None) -> Scenario | None:
    """Load one practice scenario (`content/scenarios/<id>.yml`); its id is its file name."""
    doc = load_yaml_file(path, rel, diags, lines)
    if doc is None or not _check_id(path.stem, rel, diags):
        return None
    if not isinstance(doc.data, dict):
        diags.add(rel, 1, "", f"expected fields (name: value), got {quote(doc.data)}")
        return None
    scenario = validate(ScenarioFile, doc.data, doc, rel, diags)
    if scenario is None:
        return None
    return Scenario(**scenario.model_dump(), id=path.stem, source=rel)


# What `therapy-guide init` writes in place of a real crisis line: never a number, never published.
HELPLINE_PLACEHOLDER = "REPLACE"


def placeholder_helplines(path: Path, rel: str, diags: Diagnostics) -> None:
    """Every line of helplines.yml that still holds init's placeholder is an error: Get help now must
    never show a made-up service, so nothing is checked clean or built until each is replaced."""
    if not path.is_file():
        return
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return  # reported where the file is read
    entry_start, reported = 0, -1
    for number, line in enumerate(lines, start=1):
        if line.startswith("-"):
            entry_start = number
        if HELPLINE_PLACEHOLDER in line and not line.lstrip().startswith("#") and reported != entry_start:
            reported = entry_start  # once per entry, at its first placeholder
            diags.add(
                rel, number, "",
                "a placeholder written by `therapy-guide init`: replace this entry with a crisis line you have "
                "checked yourself (its number, two independent sources, the date), or delete it",
            )


def layer_headings(settings: SiteSettings | None, site_file: Path) -> tuple[str, str]:
    """The guide's two layer headings (`layer.plain`, `layer.deeper` in its strings). When site.yml does
    not load, its language and strings are read as they are, so a Spanish guide's topics are not all
    reported for a broken site.yml."""
    if settings is not None:
        t = strings_for(settings.language, settings.strings)
    else:
        try:
            raw = yaml.safe_load(site_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            raw = None
        raw = raw if isinstance(raw, dict) else {}
        language = raw.get("language") if isinstance(raw.get("language"), str) else "en"
        extra = raw.get("strings") if isinstance(raw.get("strings"), dict) else {}
        overrides = {k: v for k, v in flatten(extra).items() if isinstance(v, str) and k in ("layer.plain", "layer.deeper")}
        t = strings_for(language, overrides)
    return (t("layer.plain"), t("layer.deeper"))


def check_strings(settings: SiteSettings, rel: str, lines: dict[str, int], diags: Diagnostics) -> None:
    """The guide's `strings:` replace known interface strings only, with placeholders their text can fill;
    a language with no shipped table is said once (its interface words stay English unless replaced)."""
    for key, message in override_problems(settings.strings):
        diags.add(rel, lines.get(f"strings.{key}", lines.get("strings", 0)), f"strings.{key}", message)
    missing = [k for k in keys() if k not in settings.strings]
    if table_language(settings.language) is None and missing:
        diags.add(
            rel, lines.get("language", 0), "language",
            f'no interface strings are shipped for "{settings.language}", so {len(missing)} of the generator\'s '
            f"own words (headings, buttons; the first is {missing[0]}) stay in English; "
            "replace them under strings: (see manual/strings.md)",
            severity="warning",
        )


def load_site(root: str | Path = "content") -> tuple[Site | None, Diagnostics]:
    """Load and validate everything under `root`; return the site and all diagnostics.

    The site holds whatever loaded, even when some files did not, so that
    cross-file rules (`checks.check_site`) still run and every problem is
    reported in one pass. It is None only when the folder does not exist.
    """
    root = Path(root)
    base = root.parent
    diags = Diagnostics()
    lines: dict[str, dict[str, int]] = {}
    if not root.is_dir():
        diags.add(str(root), 0, "", "content folder not found")
        return None, diags

    def rel(p: Path) -> str:
        return str(p.relative_to(base))

    settings = None
    site_file = root / "site.yml"
    if site_file.is_file():
        settings = load_mapping(site_file, rel(site_file), SiteSettings, diags, lines)
    else:
        diags.add(rel(site_file), 0, "", "missing: the site settings file (title, description) is required")
    headings = layer_headings(settings, site_file)

    section_stems = {p.stem for p in (root / "sections").glob("*.y*ml")}
    topic_stems = {p.stem for p in (root / "topics").glob("*.md")}
    def own_file(name: str) -> Path | None:
        """content/<name> when it is a file inside content/; a link leading out of content/ is reported."""
        path = root / name
        if path.is_file() and _inside(path, root):
            return path
        if path.exists():
            diags.add(rel(path), 0, "", "links to a file outside content/; copy the file into content/ instead")
        return None

    def folder(name: str, suffixes: tuple[str, ...], load: Callable[[Path, str], Any]) -> list[Any]:
        """Every file of content/<name>/ loaded with `load`; another kind of file is reported, not read."""
        items = []
        for path in _content_files(root / name, "*", root, base, diags):
            if path.suffix not in suffixes:
                kind = "Markdown" if suffixes == (".md",) else "YAML"
                diags.add(rel(path), 0, "", f"unexpected file; {name} are {kind} files named <id>{suffixes[0]}")
                continue
            item = load(path, rel(path))
            if item:
                items.append(item)
        return items

    yaml_files = (".yml", ".yaml")
    sections = folder("sections", yaml_files, lambda path, name: load_section(path, name, diags, lines))

    topics = folder("topics", (".md",), lambda path, name: load_topic(path, name, diags, lines, headings))

    scenario_stems = {p.stem for p in (root / "scenarios").glob("*.y*ml")}
    scenarios = folder("scenarios", yaml_files, lambda path, name: load_scenario(path, name, diags, lines))

    glossary: list[GlossaryEntry] = []
    helplines: list[Helpline] = []
    services: list[Service] = []
    lists = (("glossary.yml", GlossaryEntry, glossary), ("helplines.yml", Helpline, helplines), ("services.yml", Service, services))
    service_ids: set[str] = set()
    unread: set[str] = set()  # list files that could not be parsed: rules needing their whole list are skipped
    for name, model, target in lists:
        if path := own_file(name):
            target.extend(load_list(path, rel(path), model, diags, lines, service_ids if model is Service else None, unread))

    placeholder_helplines(root / "helplines.yml", rel(root / "helplines.yml"), diags)

    handout = load_mapping(path, rel(path), Handout, diags, lines) if (path := own_file("handout.yml")) else None
    handouts = folder("handouts", yaml_files, lambda path, name: load_named(path, name, HandoutFile, diags, lines))
    flashcards = load_list(path, rel(path), Flashcard, diags, lines) if (path := own_file("flashcards.yml")) else []

    search = load_mapping(path, rel(path), SearchWords, diags, lines) if (path := own_file("search.yml")) else None
    help_words = load_mapping(path, rel(path), HelpWords, diags, lines) if (path := own_file("help.yml")) else None

    bibliography = None
    if bib_path := own_file("references.bib"):
        text = read_text(bib_path, rel(bib_path), diags)
        if text is not None:
            bibliography = load_bibliography(text, rel(bib_path), diags)
    elif not (root / "references.bib").exists():
        bibliography = load_bibliography("", rel(root / "references.bib"), diags)

    if settings is not None:
        check_strings(settings, rel(site_file), lines.get(rel(site_file), {}), diags)
    settings_loaded = settings is not None
    if settings is None:
        # Keep checking the rest: a broken site.yml must not hide other problems.
        settings = SiteSettings.model_construct(title="", description="")
    order = {s.id: s.order for s in sections}
    sections.sort(key=lambda s: (s.order, s.id))
    topics.sort(key=lambda t: (order.get(t.section, 10**9), t.order, t.id))
    site = Site(
        settings=settings,
        sections=tuple(sections),
        topics=tuple(topics),
        glossary=tuple(glossary),
        helplines=tuple(helplines),
        bibliography=bibliography,
        handout=handout,
        search=search,
        help=help_words,
        services=tuple(services),
        handouts=tuple(handouts),
        flashcards=tuple(flashcards),
        scenarios=tuple(scenarios),
        scenario_files=frozenset(scenario_stems),
        service_ids=frozenset(service_ids),
        unread_files=frozenset(unread),
        root=root.name,
        settings_loaded=settings_loaded,
        topic_files=frozenset(topic_stems),
        section_files=frozenset(section_stems),
        lines=lines,
    )
    return site, diags
