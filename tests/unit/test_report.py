import datetime as dt
from pathlib import Path

from generator.content.load import load_site
from generator.content.model import GlossaryEntry
from generator.pages.tooltips import tooltip_words
from generator.report import report_rows, report_table


def test_report_rows_and_medians(mini: Path) -> None:
    site, _ = load_site(mini)
    rows = report_rows(site, today=dt.date(2026, 11, 26))
    assert rows[0] == {
        "topic": "alpha", "words": 8, "grade": rows[0]["grade"], "longest": 6, "deeper": 13,
        "cites": 2, "quiz": 1, "questions": 1, "days": 25,
    }
    table = report_table(site, today=dt.date(2026, 11, 26)).splitlines()
    assert table[0].split()[:3] == ["topic", "plain", "words"]
    assert table[-2].startswith("median")
    assert table[-1].startswith("limits: grade <= 8")


def test_tooltip_words_skip_lay_phrases() -> None:
    entry = GlossaryEntry(
        term="rupture", plain="A strain.", technical="A breakdown.",
        synonyms=["alliance rupture", "falling out with my therapist", "repair", "ROM"],
    )
    assert tooltip_words(entry) == ["rupture", "Rupture", "alliance rupture", "Alliance rupture", "ROM"]
