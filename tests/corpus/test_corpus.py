"""The broken-content corpus: each case makes one mistake and must produce exactly its diagnostics.

Regenerate the expectations after an intended message change with
`pytest tests/corpus --update-golden` and review the diff of expected.yml.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
import yaml

from generator.checks.run import check_site
from generator.content.load import load_site

HERE = Path(__file__).resolve().parent
MINI = HERE.parent / "fixtures" / "mini"
CASES = yaml.safe_load((HERE / "cases.yml").read_text(encoding="utf-8"))
EXPECTED_FILE = HERE / "expected.yml"
EXPECTED = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8")) if EXPECTED_FILE.exists() else {}


def apply(case: dict, root: Path, outside: Path) -> None:
    """Make the case's one mistake in a copy of the mini content."""
    path = root / case["file"]
    if "replace" in case:
        old, new = case["replace"]
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{case['name']}: {old!r} not in {case['file']}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    elif "write" in case:
        path.write_text(case["write"], encoding="utf-8")
    elif "append" in case:
        with path.open("a", encoding="utf-8") as f:
            f.write(case["append"])
    elif "write_bytes" in case:
        path.write_bytes(ast.literal_eval(case["write_bytes"]))
    elif "large" in case:
        path.write_bytes(b"x" * int(case["large"]))
    elif "symlink_outside" in case:
        outside.write_text((root / "topics" / "beta.md").read_text(encoding="utf-8"), encoding="utf-8")
        path.symlink_to(outside)
    elif "new_file" in case:
        shutil.copy(root / case["new_file"], path)
    else:
        raise AssertionError(f"{case['name']}: no operation")


def diagnostics_for(case: dict, tmp_path: Path) -> list[str]:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    apply(case, root, tmp_path / "outside.md")
    site, diags = load_site(root)
    check_site(site, diags)
    return [str(d) for d in diags.sorted() if d.severity == "error"]


def test_the_corpus_is_large_and_names_are_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) >= 40 and len(set(names)) == len(names)


def test_the_mini_content_is_clean(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "content")
    site, diags = load_site(tmp_path / "content")
    check_site(site, diags)
    assert [str(d) for d in diags.items] == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict, tmp_path: Path, update_golden: bool) -> None:
    found = diagnostics_for(case, tmp_path)
    assert found, f"{case['name']}: the mistake was not reported"
    for line in found:
        path, _, rest = line.partition(":")
        assert path.startswith("content/"), line
        number = rest.split(":", 1)[0]
        assert number.isdigit() or rest.startswith(" "), line  # a line number wherever the file has lines
    if update_golden:
        EXPECTED[case["name"]] = found
        EXPECTED_FILE.write_text(
            yaml.safe_dump(EXPECTED, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
        )
    assert found == EXPECTED.get(case["name"]), "\n".join(found)
