"""Create a new topic file with every field in place, ready to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .model import ID_RE

SKELETON = """---
title: {title}
section: {section}
order: {order}
summary: One plain sentence that says what this page is about.
key_points:
  - A first key point, in plain words.
  - A second key point.
  - A third key point.
questions:
  - q: A question as a person would type it into a search box?
    a: A short, warm answer in plain words.
reflect:
  - A question for the reader to think about.
quiz:
  - question: A question that checks understanding?
    choices:
      - The right answer
      - A plausible wrong answer
      - Another plausible wrong answer
    answer: 0
    why: Why the right answer is right.
related: []
reviewed: {today}
next_steps: []  # ids from content/services.yml, shown as "What you can do next"
---

## In plain words

Write for someone thinking about therapy, or in it: short sentences, everyday words.

## Going deeper

Write for trainees: precise terms, and cite research like this [@bordin1979].
"""


def new_topic(content: Path, topic_id: str, section: str, title: str) -> Path:
    """Write content/topics/<id>.md from the skeleton; refuse to overwrite."""
    if not ID_RE.match(topic_id):
        raise ValueError(f'"{topic_id}" is not a valid id: use lower-case letters, digits and hyphens')
    path = content / "topics" / f"{topic_id}.md"
    if path.exists():
        raise ValueError(f"{path} already exists")
    orders = []
    for other in (content / "topics").glob("*.md"):
        for line in other.read_text(encoding="utf-8", errors="replace").splitlines()[:40]:
            if line.startswith("order:") and line.split(":", 1)[1].strip().isdigit():
                orders.append(int(line.split(":", 1)[1]))
    order = max(orders, default=0) + 10
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        SKELETON.format(title=title, section=section, order=order, today=dt.date.today().isoformat()), encoding="utf-8"
    )
    return path
