"""`make bench`: build synthetic guides of several sizes and measure what builds and pages cost.

For each size: the generator's own stages (load, check, render) in a fresh process; the whole
build (`python -m generator build`) with its peak memory; the same pages built by plain
`mkdocs build` (Material's default full navigation, no generator plugin) in the same run; a
preview rebuild after one topic changes (`python -m generator serve`, which rebuilds only the
pages that changed); and what the site weighs.
Times are medians of several runs. Prints one table and writes it to build/benchmarks.md; with --write
it also updates manual/benchmarks.md (a tracked file, so only when asked).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .synth import make_guide

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}


def run_json(args: list[str]) -> dict:
    out = subprocess.run(args, capture_output=True, text=True, env=ENV, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(args: list[str], cwd: Path) -> dict:
    out = subprocess.run([PY, "-m", "bench.measure", *args], capture_output=True, text=True, env={**ENV, "PYTHONPATH": str(ROOT)}, cwd=cwd, check=True)
    result = json.loads(out.stdout)
    if result["returncode"] != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result['stderr']}")
    return result


def make_project(work: Path, topics: int) -> Path:
    project = work / f"guide-{topics}"
    make_guide(project / "content", topics)
    shutil.copytree(ROOT / "docs", project / "docs", dirs_exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def make_plain_project(project: Path) -> Path:
    """The generated Markdown plus the hand-written docs, built by MkDocs + Material alone."""
    md = project / "md"
    subprocess.run([PY, "-m", "generator", "build", "--markdown-out", str(md), "--site-dir", str(project / "site-md")],
                   cwd=project, env=ENV, check=True, capture_output=True)
    plain = project / "plain-docs"
    shutil.copytree(project / "docs", plain)
    shutil.copytree(md, plain, dirs_exist_ok=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - generator:\n(?:      .*\n)*", "", config)
    config = re.sub(r"\nnav:\n(?:  - .*\n)*", "\n", config)  # no nav: MkDocs lists every page (Material's default)
    config = config.replace("docs_dir: docs", "docs_dir: plain-docs").replace("strict: true", "strict: false")
    (project / "mkdocs-plain.yml").write_text(config, encoding="utf-8")
    return project / "mkdocs-plain.yml"


def preview_rebuild(project: Path, timeout: float = 300) -> float:
    """Seconds MkDocs reports for the preview's rebuild after one topic file changes."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = project / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([PY, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, env={**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"}, stdout=out, stderr=subprocess.STDOUT)
    built = re.compile(r"Documentation built in ([\d.]+) seconds")
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(built.findall(log.read_text())) < 1:
            time.sleep(0.5)
        time.sleep(1)
        topic = sorted((project / "content" / "topics").glob("*.md"))[0]
        text = topic.read_text(encoding="utf-8")
        topic.write_text(text.replace("## In plain words\n", "## In plain words\n\nOne more short sentence.\n", 1), encoding="utf-8")
        while time.monotonic() < deadline and len(built.findall(log.read_text())) < 2:
            time.sleep(0.5)
        times = built.findall(log.read_text())
        if len(times) < 2:
            raise RuntimeError("the preview did not rebuild:\n" + log.read_text()[-2000:])
        return float(times[1])
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def first_visit(site: Path, page: str) -> list[Path]:
    """What a first visit to `page` downloads: the HTML, its stylesheets and scripts, and the small
    search worker the theme starts (counted, though it now starts with the theme). The theme's script, the engine's worker and the search index are
    not counted: they load when the reader first reaches for the search, the colour switch or a
    glossary term, or scrolls back up (javascripts/theme-lazy.js, javascripts/search-lazy.js)."""
    html_path = site / page
    html = html_path.read_text(encoding="utf-8")
    parts = [html_path]
    for ref in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script (?:defer )?src="([^"]+)"', html):
        parts.append((html_path.parent / ref.split("?")[0]).resolve())
    worker = re.search(r'"search": "([^"?]+)(?:\?worker=([^"]+))?"', html)
    if worker:
        parts.append((html_path.parent / worker.group(1)).resolve())
    return [p for p in parts if p.is_file()]


def page_weight(site: Path, page: str) -> tuple[int, int, int]:
    """Bytes a first visit to `page` downloads: as they are, gzipped (the .gz the build wrote, as a
    host serves it), and as Brotli (.br)."""
    parts = first_visit(site, page)

    def served(path: Path, suffix: str, compress) -> int:  # type: ignore[no-untyped-def]
        copy = path.with_name(path.name + suffix)
        return copy.stat().st_size if copy.is_file() else len(compress(path.read_bytes()))

    raw = sum(p.stat().st_size for p in parts)
    zipped = sum(served(p, ".gz", lambda b: gzip.compress(b, 9)) for p in parts)
    from generator.build.precompress import brotli

    squeeze = (lambda b: brotli.compress(b, quality=5)) if brotli is not None else (lambda b: gzip.compress(b, 9))
    brotli_bytes = sum(served(p, ".br", squeeze) for p in parts)
    return raw, zipped, brotli_bytes


def machine() -> str:
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    return f"{cpu or 'unknown CPU'}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def bench_size(work: Path, topics: int, runs: int, plain_runs: int, serve: bool) -> dict:
    project = make_project(work, topics)
    stages = [run_json([PY, "-m", "bench.stages", str(project / "content")]) for _ in range(runs)]
    if stages[0]["errors"]:
        raise RuntimeError(f"the {topics}-topic guide has content errors")
    builds = [measure([PY, "-m", "generator", "build", "--site-dir", str(project / "site")], project) for _ in range(runs)]
    plain_config = make_plain_project(project)
    plains = [measure([PY, "-m", "mkdocs", "build", "-q", "-f", str(plain_config), "-d", str(project / "site-plain")], project)
              for _ in range(plain_runs)]
    rebuild = preview_rebuild(project) if serve else float("nan")
    site = project / "site"
    index = site / "search" / "search_index.json"
    topic_page = next(p for p in sorted(site.glob("*/*/index.html")))
    # The first run finds no cache (.cache/ in the fresh project): it is reported as "cold"; the
    # others, like every later build, reuse the readability measures and citations it stored.
    warm = stages[1:] or stages
    result = {
        "topics": topics,
        "pages": stages[0]["pages"],
        "cold": stages[0]["load"] + stages[0]["check"] + stages[0]["render"],
        "load_check": statistics.median(s["load"] + s["check"] for s in warm),
        "render": statistics.median(s["render"] for s in warm),
        "build": statistics.median(b["seconds"] for b in builds),
        "build_cpu": statistics.median(b["cpu"] for b in builds),
        "build_runs": [round(b["seconds"], 2) for b in builds],
        "peak_mb": max(b["peak_mb"] for b in builds),
        "plain": statistics.median(p["seconds"] for p in plains),
        "plain_runs": [round(p["seconds"], 2) for p in plains],
        "rebuild": rebuild,
        "site_kb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024,
        "index_kb": index.stat().st_size / 1024,
        "index_gz_kb": len(gzip.compress(index.read_bytes(), 9)) / 1024,
        "home": page_weight(site, "index.html"),
        "topic": page_weight(site, str(topic_page.relative_to(site))),
    }
    result["ours_pct"] = 100 * (result["load_check"] + result["render"]) / result["build"]
    result["ratio"] = result["build"] / result["plain"]
    result["index_gz_per_topic_kb"] = result["index_gz_kb"] / topics
    return result


def table(results: list[dict]) -> str:
    head = ("topics", "pages", "load+check s", "render s", "first run (no cache) s", "ours % of build", "build s", "build CPU s", "peak MB",
            "plain MkDocs s", "build / plain", "preview rebuild s", "site MB", "search index KB (gz)",
            "index gz KB / topic", "home KB (gz)", "topic page KB (gz)", "topic page KB (br)")
    rows = []
    for r in results:
        rows.append((
            str(r["topics"]), str(r["pages"]), f"{r['load_check']:.2f}", f"{r['render']:.2f}", f"{r['cold']:.2f}", f"{r['ours_pct']:.1f}",
            f"{r['build']:.1f}", f"{r['build_cpu']:.1f}", f"{r['peak_mb']:.0f}", f"{r['plain']:.1f}", f"{r['ratio']:.2f}",
            "n/a" if r["rebuild"] != r["rebuild"] else f"{r['rebuild']:.1f}", f"{r['site_kb'] / 1024:.1f}",
            f"{r['index_kb']:.0f} ({r['index_gz_kb']:.0f})", f"{r['index_gz_per_topic_kb']:.1f}",
            f"{r['home'][0] / 1024:.0f} ({r['home'][1] / 1024:.0f})", f"{r['topic'][0] / 1024:.0f} ({r['topic'][1] / 1024:.0f})",
            f"{r['topic'][2] / 1024:.0f}",
        ))
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" ---: " for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def targets(results: list[dict]) -> list[str]:
    by = {r["topics"]: r for r in results}
    lines = []
    worst = max(r["ours_pct"] for r in results)
    lines.append(f"- Our stages (load, check, render) at most 5% of the whole build: worst {worst:.1f}% "
                 f"({'met' if worst <= 5 else 'not met'}).")
    if 100 in by and 1000 in by:
        growth = by[1000]["build"] / by[100]["build"]
        plain_growth = by[1000]["plain"] / by[100]["plain"]
        lines.append(f"- Linear growth, 1,000 topics at most 12x the time of 100: {growth:.1f}x "
                     f"({'met' if growth <= 12 else 'not met'}); plain Material grows {plain_growth:.1f}x.")
        share = by[1000]["build"] / by[1000]["plain"]
        lines.append(f"- 1,000 topics in at most 0.30 of plain Material's default build time on the same pages: {share:.2f} of it "
                     f"({'met' if share <= 0.30 else 'not met'}; 0.25 later).")
    rebuilds = [r for r in results if r["rebuild"] == r["rebuild"]]
    if rebuilds:
        slower = [r["topics"] for r in rebuilds if r["rebuild"] > r["build"]]
        lines.append("- Preview rebuild after one topic changes never slower than a full build: "
                     + ("met at every size." if not slower else f"not met at {slower} topics."))
    heaviest = max(r["topic"][1] for r in results) / 1024
    index = max(r["index_gz_per_topic_kb"] for r in results)
    lines.append(f"- A topic page at most 60 KB gzipped on first visit: heaviest {heaviest:.0f} KB ({'met' if heaviest <= 60 else 'not met'}).")
    lines.append(f"- Search index under 15 KB compressed per topic: largest {index:.1f} KB ({'met' if index < 15 else 'not met'}).")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="25,100,250,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain-runs", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--write", action="store_true", help="also update manual/benchmarks.md with the results")
    parser.add_argument("--out", default=str(ROOT / "build" / "benchmarks.md"), help="where to write the results table (default: build/benchmarks.md)")
    parser.add_argument("--json", help="also write the raw results to this file")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    started = time.monotonic()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for topics in sizes:
            t0 = time.monotonic()
            # The largest size is measured fewer times, to keep the whole benchmark near 10 minutes.
            big = topics >= 1000
            result = bench_size(
                Path(tmp), topics, max(1, args.runs - 1) if big else args.runs,
                max(1, args.plain_runs - 1) if big else args.plain_runs, not args.no_serve,
            )
            results.append(result)
            print(f"{topics} topics done in {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    report = "\n".join([
        table(results), "",
        *targets(results), "",
        f"Machine: {machine()}. Runs per size: {args.runs} (plain MkDocs: {args.plain_runs}; one fewer each at 1,000 topics); "
        f"times are medians. Whole benchmark: {time.monotonic() - started:.0f} s.",
    ])
    print(report)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"Measured on {time.strftime('%Y-%m-%d')}.\n\n{report}\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    if args.write:
        write_page(report)
    return 0


MANUAL_PAGE = ROOT / "manual" / "benchmarks.md"


def write_page(report: str, page: Path = MANUAL_PAGE) -> None:
    """Put the results between the page's <!-- results --> markers."""
    text = page.read_text(encoding="utf-8")
    start, end = "<!-- results -->", "<!-- /results -->"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    stamp = time.strftime("%Y-%m-%d")
    page.write_text(f"{before}{start}\nMeasured on {stamp}.\n\n{report}\n{end}{after}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
