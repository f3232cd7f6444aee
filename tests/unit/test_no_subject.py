"""The generator knows no subject: outside the English strings defaults (which a guide replaces) and
the command's and the distribution's names, nothing in generator/ names the guide this project was
made for, in code, comments, templates, scripts, stylesheets or the starter guides."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
SUBJECT = re.compile(r"therap\w*|alliance\w*|trainees?\b|practicum", re.I)
ALLOWED_NAMES = ("therapy-guide", "therapeutic-relationship-guide")  # the command; the distribution
DEFAULTS = PACKAGE / "strings" / "en.yml"


def test_nothing_in_the_generator_names_the_subject() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or path == DEFAULTS or path.suffix in {".pyc"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            for name in ALLOWED_NAMES:
                line = line.replace(name, "")
            match = SUBJECT.search(line)
            if match:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {match.group(0)}")
    assert not found, "\n".join(found)
