"""A 25-topic run of the benchmark, so `make bench` keeps working (it asserts that it runs, not how fast)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_on_a_small_guide(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    table = tmp_path / "benchmarks.md"
    manual = (ROOT / "manual" / "benchmarks.md").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "25", "--runs", "1", "--plain-runs", "1", "--json", str(out), "--out", str(table)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # The results go to --out (build/benchmarks.md by default); the tracked page changes only with --write.
    assert "| topics | pages |" in table.read_text(encoding="utf-8")
    assert (ROOT / "manual" / "benchmarks.md").read_bytes() == manual
    assert "| topics | pages |" in done.stdout and "\n| 25 |" in done.stdout
    result = json.loads(out.read_text())[0]
    assert result["topics"] == 25 and result["pages"] > 25
    for key in ("load_check", "render", "build", "plain", "rebuild", "index_gz_kb"):
        assert result[key] > 0, key
