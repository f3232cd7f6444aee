"""Create a new topic or practice scenario with every field in place, as a draft, ready to fill in.

The scaffold's texts come from `placeholders.py`, so `check` can tell which ones
are still there. The title goes in as a quoted YAML string, and the id and the
section (a scenario's skill) are checked first, so whatever is typed cannot break the
file or write outside `content/topics/` (`content/scenarios/`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from .content.diagnostics import did_you_mean
from .content.model import ID_RE
from .content.placeholders import PLACEHOLDERS, SCENARIO_PLACEHOLDERS

SKELETON = """---
draft: true  # previewed by serve, left out of builds: remove this line when the page is ready
title: {title}
section: {section}
order: {order}
summary: {summary}
key_points:
  - {key_point_1}
  - {key_point_2}
  - {key_point_3}
questions:
  - q: {question}
    a: {answer}
reflect:
  - {reflect}
quiz:
  - question: {quiz_question}
    choices:
      - {quiz_right}
      - {quiz_wrong_1}
      - {quiz_wrong_2}
    answer: 0
    why: {quiz_why}
related: []
reviewed: {today}
next_steps: []  # ids from content/services.yml, shown as "What you can do next"
---

## In plain words

{plain}

## Going deeper

{deeper}
"""

SCENARIO_SKELETON = """# A practice scenario: see manual/scenarios.md.
draft: true  # previewed by serve, left out of builds: remove this line when the scenario is ready
title: {title}
skill: {skill}
summary: {scenario_summary}
related: []  # topic ids, at least one
reviewed: {today}
moments:
  - id: start
    situation: |
      {situation}
    question: {scenario_question}
    choices:
      - text: {choice_other_1}
        feedback: {choice_feedback}
      - text: {choice_best}
        feedback: {choice_feedback}
        best: true
        # next: later  (the id of a moment this choice leads to)
      - text: {choice_other_2}
        feedback: {choice_feedback}
supervision:
  - {supervision_item}
"""

ID_RULE = "use lower-case letters, digits and hyphens, like trust-and-rapport"


def yaml_text(value: str) -> str:
    """A one-line YAML string that reads back as exactly `value` (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def check_title(title: str) -> str:
    """The title, trimmed; ValueError if it is empty or not one line of text."""
    title = title.strip()
    if not title:
        raise ValueError("the title is empty")
    if any(ch in title for ch in "\r\n\u2028\u2029") or any(ord(ch) < 32 for ch in title):
        raise ValueError("the title must be one line of text")
    return title


def check_section(content: Path, section: str) -> None:
    """ValueError unless `section` is the id of a section file in content/sections/."""
    known = sorted(p.stem for p in (content / "sections").glob("*.yml") if ID_RE.match(p.stem))
    if ID_RE.match(section) and section in known:
        return
    what = f'"{section}" is not a valid section id ({ID_RULE})' if not ID_RE.match(section) else f'unknown section "{section}"'
    hint = did_you_mean(section, known)
    listed = f"; the sections are: {', '.join(known)}" if known else f"; there are no sections in {content / 'sections'}"
    raise ValueError(f"{what}{hint}{listed}")


def next_order(topics: Path) -> int:
    """10 more than the highest `order:` of the existing topics."""
    orders = []
    for other in topics.glob("*.md"):
        for line in other.read_text(encoding="utf-8", errors="replace").splitlines()[:40]:
            if line.startswith("order:") and line.split(":", 1)[1].strip().isdigit():
                orders.append(int(line.split(":", 1)[1]))
    return max(orders, default=0) + 10


def new_path(content: Path, folder: str, item_id: str, suffix: str, id_rule: str) -> Path:
    """content/<folder>/<id><suffix> for a new file: ValueError for a missing content folder, an
    invalid id or a file that already exists (a scaffold never overwrites)."""
    if not content.is_dir():
        raise ValueError(f"the content folder {content} does not exist; run this in the project folder, or pass --content DIR")
    if not ID_RE.match(item_id):
        raise ValueError(f'"{item_id}" is not a valid id: {id_rule}')
    path = content / folder / f"{item_id}{suffix}"
    if path.exists():
        raise ValueError(f"{path} already exists")
    return path


def new_topic(content: Path, topic_id: str, section: str, title: str) -> Path:
    """Write content/topics/<id>.md from the skeleton, as a draft; refuse bad input and overwriting."""
    path = new_path(content, "topics", topic_id, ".md", ID_RULE)
    check_section(content, section)
    title = check_title(title)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The placeholders are fixed texts that are valid YAML as they are (a unit test reads the scaffold back).
    path.write_text(
        SKELETON.format(
            title=yaml_text(title), section=section, order=next_order(path.parent), today=dt.date.today().isoformat(),
            **PLACEHOLDERS,
        ),
        encoding="utf-8",
    )
    return path


def practice_skills(content: Path) -> list[str]:
    """The skill ids of `practice.skills` in content/site.yml (empty if it has none or cannot be read)."""
    try:
        data = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    practice = data.get("practice") if isinstance(data, dict) else None
    skills = practice.get("skills") if isinstance(practice, dict) else None
    return [s["id"] for s in skills or [] if isinstance(s, dict) and isinstance(s.get("id"), str)]


def check_skill(content: Path, skill: str) -> None:
    """ValueError unless `skill` is one of practice.skills in content/site.yml."""
    known = practice_skills(content)
    if ID_RE.match(skill) and skill in known:
        return
    what = f'"{skill}" is not a valid skill id ({ID_RULE})' if not ID_RE.match(skill) else f'unknown skill "{skill}"'
    listed = (
        f"; the skills are: {', '.join(known)}" if known
        else f"; {content / 'site.yml'} lists no skills under practice.skills (add one: id and title)"
    )
    raise ValueError(f"{what}{did_you_mean(skill, known)}{listed}")


def new_scenario(content: Path, scenario_id: str, skill: str, title: str) -> Path:
    """Write content/scenarios/<id>.yml from the skeleton, as a draft; refuse bad input and overwriting."""
    path = new_path(content, "scenarios", scenario_id, ".yml", ID_RULE.replace("trust-and-rapport", "the-client-who-goes-quiet"))
    check_skill(content, skill)
    title = check_title(title)
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = {name: yaml_text(text) for name, text in SCENARIO_PLACEHOLDERS.items()}
    texts["situation"] = SCENARIO_PLACEHOLDERS["situation"]  # a block: written as it is, under `|`
    path.write_text(
        SCENARIO_SKELETON.format(title=yaml_text(title), skill=skill, today=dt.date.today().isoformat(), **texts),
        encoding="utf-8",
    )
    return path
