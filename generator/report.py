"""`python -m generator report`: one row per topic, then the medians."""

from __future__ import annotations

import datetime as dt
import statistics

from .checks.readability import measure
from .content.model import Site
from .references.cite import find_citations

COLUMNS = ("topic", "words", "grade", "longest", "deeper", "cites", "quiz", "questions", "days")


def report_rows(site: Site, today: dt.date | None = None) -> list[dict[str, object]]:
    """Measures per topic: plain words, grade, longest sentence, deeper words, works cited, quiz, questions, days since review."""
    today = today or dt.date.today()
    rows = []
    for topic in site.topics:
        plain = measure(topic.plain)
        deeper = measure(topic.deeper)
        works = {i.key for m in find_citations(topic.deeper) for i in m.items}
        rows.append(
            {
                "topic": topic.id,
                "words": plain.words,
                "grade": plain.grade,
                "longest": plain.longest_sentence,
                "deeper": deeper.words,
                "cites": len(works),
                "quiz": len(topic.quiz),
                "questions": len(topic.questions),
                "days": (today - topic.reviewed).days,
            }
        )
    return rows


def report_table(site: Site, today: dt.date | None = None) -> str:
    """The report as an aligned text table with a median row and the limits."""
    rows = report_rows(site, today)
    if rows:
        medians: dict[str, object] = {"topic": "median"}
        for col in COLUMNS[1:]:
            medians[col] = round(statistics.median(float(r[col]) for r in rows), 1)  # type: ignore[arg-type]
        rows_out = rows + [medians]
    else:
        rows_out = []
    headers = {
        "topic": "topic", "words": "plain words", "grade": "grade", "longest": "longest sentence",
        "deeper": "deeper words", "cites": "works cited", "quiz": "quiz items", "questions": "questions",
        "days": "days since review",
    }
    widths = {c: max([len(headers[c])] + [len(str(r[c])) for r in rows_out]) for c in COLUMNS}
    lines = ["  ".join(headers[c].ljust(widths[c]) if c == "topic" else headers[c].rjust(widths[c]) for c in COLUMNS)]
    lines.append("  ".join("-" * widths[c] for c in COLUMNS))
    for i, r in enumerate(rows_out):
        if i == len(rows):
            lines.append("  ".join("-" * widths[c] for c in COLUMNS))
        lines.append("  ".join(str(r[c]).ljust(widths[c]) if c == "topic" else str(r[c]).rjust(widths[c]) for c in COLUMNS))
    t = site.settings.reading
    lines.append(
        f"limits: grade <= {t.max_grade:g}, longest sentence <= {t.max_sentence_words}, plain words >= {t.min_plain_words}, "
        f"deeper words >= {t.min_deeper_words}, works cited >= {t.min_deeper_citations}, quiz >= 3, questions >= 3, "
        f"days since review <= {site.settings.review.interval_days}"
    )
    return "\n".join(lines)
