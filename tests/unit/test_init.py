"""`therapy-guide init`: a small, complete guide in English or Spanish, whose only problem is the
placeholder helpline (refused until replaced, and never a number anyone could dial)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checks.run import check_site
from generator.cli import main
from generator.content.load import load_site
from generator.init import init_guide

REAL_HELPLINE = """\
- id: us-988
  region: United States
  service: 988 Suicide & Crisis Lifeline
  description: Free and confidential support.
  contacts:
    - {kind: phone, value: "988", label: Call 988}
  verified_on: 2026-11-01
  sources:
    - https://health.wyo.gov/publichealth/prevention/wivpp/suicide-prevention/988-suicide-crisis-lifeline
    - https://familyandcaregivertoolkit.org/988-crisis-lifeline
"""
SUBJECT_WORDS = re.compile(r"therap|alliance|trainee|practicum", re.I)


def _errors(folder: Path) -> list[str]:
    site, diags = load_site(folder / "content")
    check_site(site, diags)
    return [str(d) for d in diags.errors]


@pytest.mark.parametrize("language", ["en", "es", "es-MX"])
def test_the_new_guide_is_refused_only_for_its_placeholder_helpline(tmp_path: Path, language: str) -> None:
    folder = tmp_path / "guide"
    written = init_guide(folder, language)
    names = {p.relative_to(folder).as_posix() for p in written}
    assert {"mkdocs.yml", "mkdocs-offline.yml", "README.md", "content/site.yml", "content/helplines.yml",
            "content/services.yml", "content/glossary.yml", "content/references.bib", "docs/about.md"} <= names
    assert len([n for n in names if n.startswith("content/topics/")]) == 3
    assert len([n for n in names if n.startswith("content/sections/")]) == 2
    errors = _errors(folder)
    assert errors and all(e.startswith("content/helplines.yml:") for e in errors), errors
    assert any("placeholder written by `therapy-guide init`" in e for e in errors)
    # No placeholder is a number anyone could dial.
    assert not re.search(r"value:\s*\"?\+?\d", (folder / "content" / "helplines.yml").read_text(encoding="utf-8"))
    (folder / "content" / "helplines.yml").write_text(REAL_HELPLINE, encoding="utf-8")
    assert _errors(folder) == []
    for path in written:
        if path.name != "helplines.yml":
            # The command's name is the one exception the issue allows.
            assert not SUBJECT_WORDS.search(path.read_text(encoding="utf-8").replace("therapy-guide", "")), path


def test_init_refuses_a_folder_with_files_and_an_unknown_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path / "x")]) == 1
    assert "not empty" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "y"), "--language", "fr"]) == 1
    assert 'no starter guide for language "fr"' in capsys.readouterr().err
    assert not (tmp_path / "y").exists()


def test_init_prints_the_commands_that_come_next(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "new guide")]) == 0
    out = capsys.readouterr().out
    assert "cd '" in out and "therapy-guide check" in out and "therapy-guide build" in out


@pytest.mark.parametrize(("title", "name"), [("The Therapeutic Relationship", "the-therapeutic-relationship"),
                                             ("Ataques de pánico", "ataques-de-panico"), ("¿?", "guide"), (None, "guide")])
def test_the_offline_zip_is_named_for_the_guides_title(tmp_path: Path, title: str | None, name: str) -> None:
    from generator.cli import guide_name

    (tmp_path / "content").mkdir()
    if title is not None:
        (tmp_path / "content" / "site.yml").write_text(f"title: {title}\n", encoding="utf-8")
    assert guide_name(tmp_path / "mkdocs-offline.yml") == name
