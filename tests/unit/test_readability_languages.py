"""Readability per language: Unicode words, the language's formula and limit, each paragraph graded,
and each long sentence reported at its own line."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checks.readability import formula_for, measure, word_count
from generator.checks.run import check_site
from generator.content.load import load_site

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LETTERS = "abcdefghijklmnopqrstuvwxyzáéíóúüñçàèìòùâêîôûäëïöœßøåæ"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=12), min_size=1, max_size=20))
def test_a_word_with_accents_is_one_word(words: list[str]) -> None:
    assert word_count(" ".join(words) + ".") == len(words)
    assert word_count("El niño pequeño. ¿Dónde está?") == 5


def test_spanish_uses_its_own_formula() -> None:
    assert formula_for("es-MX").setting == "min_score" and formula_for("en").setting == "max_grade"
    assert formula_for("fr") is None
    easy = measure("Mi perro se llama Toto. Come pan. Juega en el patio.", "es")
    hard = measure(
        "La presente disposición normativa, de conformidad con lo establecido en la legislación vigente, determina "
        "las condiciones administrativas correspondientes a la tramitación de los procedimientos sancionadores.", "es")
    assert easy.grade > 80 > 40 > hard.grade  # a score: higher is easier


def _mini(tmp_path: Path, plain: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    topic = root / "topics" / "alpha.md"
    text = topic.read_text(encoding="utf-8")
    start = text.index("## In plain words") + len("## In plain words\n\n")
    end = text.index("## Going deeper")
    topic.write_text(text[:start] + plain + "\n\n" + text[end:], encoding="utf-8")
    return root


EASY = "You can talk to us. We will help you. It is fine to ask. " * 6
HARD = ("Notwithstanding considerable methodological heterogeneity, contemporaneous investigations "
        "substantiate comparatively consistent associations between collaborative engagement and "
        "subsequently documented improvements. ") * 3


def test_one_hard_paragraph_in_an_easy_layer_is_reported_at_its_line(tmp_path: Path) -> None:
    root = _mini(tmp_path, EASY.strip() + "\n\n" + EASY.strip() + "\n\n" + EASY.strip() + "\n\n" + HARD.strip())
    site, diags = load_site(root)
    check_site(site, diags)
    found = [d for d in diags.errors if "a paragraph of 'In plain words'" in d.message]
    assert len(found) == 1, [str(d) for d in diags.errors]
    lines = (root / "topics" / "alpha.md").read_text(encoding="utf-8").split("\n")
    assert lines[found[0].line - 1].startswith("Notwithstanding")


def test_a_long_sentence_is_reported_at_its_own_line(tmp_path: Path) -> None:
    long = "This sentence " + " ".join(["goes on"] * 20) + " and ends here."
    root = _mini(tmp_path, "Short one.\nAnother short one.\n" + "More.\n" * 5 + long)
    site, diags = load_site(root)
    check_site(site, diags)
    found = [d for d in diags.errors if "a sentence in 'In plain words'" in d.message]
    assert len(found) == 1
    lines = (root / "topics" / "alpha.md").read_text(encoding="utf-8").split("\n")
    assert lines[found[0].line - 1].startswith("This sentence goes on")
