"""`make conformance`: the same guide built by MkDocs, ProperDocs and Zensical, checked side by side.

MkDocs and ProperDocs run the generator's plugin (`therapy-guide build --engine ...`). Zensical runs
no MkDocs plugin, so it is fed `therapy-guide export-pages` and its site is finished afterwards with
`therapy-guide finish` (build/postpass.py). Zensical 0.0.73 is installed in a virtual environment
of its own (.cache/zensical-venv, with Markdown 3.11.3, which it pins), made on first use.

Per engine, against MkDocs as the reference: the same pages at the same addresses; identical article
HTML; a Content-Security-Policy on every page whose hashes match the page's inline scripts; no
request to another host; the same search entries; a crisis search answered with Get help now first
(the engine's own worker behind the guide's wrapper, in Node); Get help now on every page; and the
offline edition working from file:// (every link reaches a file; the page opens in Chromium with no
error and the search index is there). Prints one table and the failures; writes build/conformance.md.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.build.csp import inline_script_hashes

from .gates import static_scan

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}
ZENSICAL = "zensical==0.0.73"
ZENSICAL_PINS = ("markdown==3.11.3",)
ZENSICAL_VENV = ROOT / ".cache" / "zensical-venv"
HARNESS = Path(__file__).with_name("search_worker_harness.js")
ENGINES = ("mkdocs", "properdocs", "zensical")

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
WORKER = re.compile(r'"search":\s*"([^"]+)"')
CRISIS_QUERIES = ("i want to die", "suicidal", "self harm", "crisis line")
ORDINARY_QUERY = "empathy"


@dataclass
class Built:
    """One engine's site and offline edition, or why it could not be built."""

    engine: str
    site: Path | None = None
    offline: Path | None = None
    error: str = ""


@dataclass
class Check:
    name: str
    results: dict[str, tuple[bool, str]] = field(default_factory=dict)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env or ENV, capture_output=True, text=True, timeout=1200)


def zensical_bin() -> Path | str:
    """The zensical command in its own virtual environment (made on first use), or why not."""
    exe = ZENSICAL_VENV / "bin" / "zensical"
    if exe.is_file():
        return exe
    python = shutil.which("python3.11") or sys.executable
    made = run([python, "-m", "venv", str(ZENSICAL_VENV)], ROOT)
    if made.returncode == 0:
        made = run([str(ZENSICAL_VENV / "bin" / "pip"), "install", "-q", ZENSICAL, *ZENSICAL_PINS], ROOT)
    if made.returncode != 0 or not exe.is_file():
        shutil.rmtree(ZENSICAL_VENV, ignore_errors=True)
        return f"could not install {ZENSICAL}: {made.stderr.strip()[-300:]}"
    return exe


def project_copy(work: Path) -> Path:
    project = work / "project"
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "content"):
        shutil.copytree(ROOT / name, project / name)
    return project


def unzip(archive: Path, into: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(archive) as z:
        z.extractall(into)
    # The zip holds one folder, named for the guide's title (cli.guide_name).
    return next(p for p in sorted(into.iterdir()) if p.is_dir())


def build_plugin_engine(engine: str, project: Path, work: Path) -> Built:
    site = work / f"{engine}-site"
    done = run([PY, "-m", "generator", "build", "--engine", engine, "--site-dir", str(site)], project)
    if done.returncode != 0:
        return Built(engine, error=done.stderr.strip()[-400:])
    archive = work / f"{engine}-offline.zip"
    done = run([PY, "-m", "generator", "offline", "--engine", engine, "--out", str(archive)], project)
    offline = unzip(archive, work / f"{engine}-offline") if done.returncode == 0 else None
    return Built(engine, site, offline, "" if offline else done.stderr.strip()[-400:])


def build_zensical(project: Path, work: Path) -> Built:
    exe = zensical_bin()
    if isinstance(exe, str):
        return Built("zensical", error=exe)
    built = Built("zensical")
    for config, name in (("mkdocs.yml", "site"), ("mkdocs-offline.yml", "offline")):
        pages = work / f"zensical-{name}-pages"
        steps = (
            [PY, "-m", "generator", "export-pages", str(pages), "--config", config],
            [str(exe), "build", "--clean", "--config-file", str(pages / "mkdocs.yml")],
            [PY, "-m", "generator", "finish", str(pages / "site"), "--pages", str(pages)],
        )
        for step in steps:
            done = run(step, project)
            if done.returncode != 0:
                built.error = f"{' '.join(step[:4])}: {(done.stderr or done.stdout).strip()[-400:]}"
                return built
        setattr(built, name, pages / "site")
    return built


# -- the checks ----------------------------------------------------------------------------------

def html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


# What a theme itself puts inside the article, not the page's content: Zensical's theme starts every
# article with the skip link's target (Material puts it elsewhere). Listed, never hidden silently.
THEME_IN_ARTICLE = ('<a id="__skip" tabindex="-1"></a>',)


def article(html_text: str, name: str = "") -> str:
    """A page's article, with what two engines may spell differently made one: characters (Zensical
    writes / as &#x2f; in attributes) and relative links, resolved against the page's own address
    `name` (from guide/basics/index.html, MkDocs writes ../ where Zensical writes ../../guide/)."""
    found = ARTICLE.search(html_text)
    text = found.group(1) if found else ""
    for part in THEME_IN_ARTICLE:
        text = text.replace(part, "")
    text = html.unescape(text)
    folder = posixpath.dirname(name)

    def resolved(link: re.Match[str]) -> str:
        target = link.group(1)
        if re.match(r"[a-z][a-z0-9+.-]*:|/|#", target):
            return link.group(0)
        path, hash_mark, fragment = target.partition("#")
        where = posixpath.normpath(posixpath.join(folder, path)) if path else ""
        where = "" if where == "." else where
        if path.endswith("/") and where:
            where += "/"
        return f'href="{where}{hash_mark}{fragment}"'

    return " ".join(re.sub(r'href="([^"]*)"', resolved, text).split())


def same_pages(ref: dict[str, str], pages: dict[str, str]) -> tuple[bool, str]:
    missing, extra = sorted(set(ref) - set(pages)), sorted(set(pages) - set(ref))
    detail = f"{len(pages)} pages"
    if missing or extra:
        detail += f"; missing {missing[:5]}{'…' if len(missing) > 5 else ''}; extra {extra[:5]}"
    return not missing and not extra, detail


def same_articles(ref: dict[str, str], pages: dict[str, str]) -> tuple[bool, str]:
    common = sorted(set(ref) & set(pages))
    differ = [name for name in common if article(ref[name], name) != article(pages[name], name)]
    return not differ and bool(common), f"{len(common) - len(differ)} of {len(common)} identical" + (f"; differ: {differ[:5]}" if differ else "")


def policies_match(pages: dict[str, str]) -> tuple[bool, str]:
    bad = []
    for name, text in pages.items():
        found = CSP.search(text)
        if not found:
            bad.append(f"{name}: no policy")
            continue
        needed = inline_script_hashes(text)
        missing = [h for h in needed if h not in found.group(1)]
        if missing:
            bad.append(f"{name}: {len(missing)} inline script(s) not allowed")
    return not bad, f"{len(pages) - len(bad)} of {len(pages)} pages" + (f"; {bad[:3]}" if bad else "")


def no_outside_request(site: Path) -> tuple[bool, str]:
    result = static_scan(site, sorted((site / "javascripts").glob("*.js")) if (site / "javascripts").is_dir() else None)
    return result.passed, result.summary + (f": {result.problems[:3]}" if result.problems else "")


def search_entries(site: Path) -> tuple[set[tuple[str, str]], Path | None, str]:
    """(location, title) of each entry, the index file, and its format."""
    for index, key, form in ((site / "search" / "search_index.json", "docs", "material"), (site / "search.json", "items", "zensical")):
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            return {(d["location"], " ".join(re.sub(r"<[^>]+>", "", d["title"]).split())) for d in data[key]}, index, form
    return set(), None, ""


def same_search(ref: set[tuple[str, str]], entries: set[tuple[str, str]]) -> tuple[bool, str]:
    missing, extra = ref - entries, entries - ref
    detail = f"{len(entries)} entries"
    if missing or extra:
        detail += f"; {len(missing)} missing (e.g. {sorted(missing)[:2]}), {len(extra)} extra (e.g. {sorted(extra)[:2]})"
    return not missing and not extra, detail


def crisis_first(site: Path) -> tuple[bool, str]:
    if shutil.which("node") is None:
        return False, "Node is not installed"
    _, index, form = search_entries(site)
    worker = WORKER.search((site / "index.html").read_text(encoding="utf-8"))
    if index is None or worker is None:
        return False, "no search index or worker"
    answers = {}
    for query in (*CRISIS_QUERIES, ORDINARY_QUERY):
        done = run(["node", str(HARNESS), str(site), worker.group(1), str(index), form, query], ROOT)
        answers[query] = json.loads(done.stdout)["first"] if done.returncode == 0 and done.stdout.strip() else f"error: {done.stderr[-200:]}"
    helpish = [q for q in CRISIS_QUERIES if str(answers[q]).split("#")[0].rstrip("/").removesuffix(".html") == "help"]
    ordinary = str(answers[ORDINARY_QUERY]).split("#")[0].rstrip("/").removesuffix(".html") != "help"
    ok = len(helpish) == len(CRISIS_QUERIES) and ordinary
    return ok, f"{len(helpish)} of {len(CRISIS_QUERIES)} crisis searches answer Get help now first" + ("" if ordinary else "; an ordinary search did too")


def help_everywhere(pages: dict[str, str]) -> tuple[bool, str]:
    without = [name for name, text in pages.items() if 'class="guide-help-now"' not in text]
    return not without, f"{len(pages) - len(without)} of {len(pages)} pages" + (f"; without: {without[:5]}" if without else "")


# What a reader's browser follows or loads; a canonical link names the public address and loads nothing.
_LINK = re.compile(r"""<(?:a|link(?![^>]*rel="canonical")|script|img)\b[^>]*?\b(?:href|src)=["']([^"']+)""", re.I)


def offline_works(folder: Path | None) -> tuple[bool, str]:
    if folder is None or not folder.is_dir():
        return False, "no offline edition"
    broken = []
    # 404.html is only ever served by a web server (its links are from the site's root).
    pages = [p for p in sorted(folder.rglob("*.html")) if p.name != "404.html"]
    for page in pages:
        for url in _LINK.findall(page.read_text(encoding="utf-8")):
            url = html.unescape(url)  # Zensical writes / as &#x2f; in attributes
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(folder).as_posix()} -> {url}")
    opened = browser_opens(folder / "index.html")
    detail = f"{len(pages)} pages, {len(broken)} links that reach no file" + (f" (e.g. {broken[:3]})" if broken else "") + f"; {opened[1]}"
    return not broken and opened[0], detail


def browser_opens(page: Path) -> tuple[bool, str]:
    """Open the page from file:// in headless Chromium: no error in the console, Get help now shown."""
    from .browser import browser_missing, start_chromium

    why = browser_missing()
    if why:
        return True, f"browser check skipped ({why})"
    driver = start_chromium()
    try:
        driver.get(page.as_uri())
        shown = driver.execute_script("return !!document.querySelector('.guide-help-now')")
        errors = [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    finally:
        driver.quit()
    return shown and not errors, ("opens from file://" if shown and not errors else f"from file://: help shown {shown}, errors {errors[:2]}")


def conformance(built: dict[str, Built]) -> list[Check]:
    ref = built["mkdocs"]
    assert ref.site is not None, ref.error
    ref_pages = html_pages(ref.site)
    ref_search, _, _ = search_entries(ref.site)
    checks = [Check(n) for n in (
        "same pages and addresses", "identical article HTML", "CSP on every page, hashes match",
        "no outside request", "same search entries", "crisis-first search", "Get help now on every page",
        "offline zip works from file://",
    )]
    for engine, b in built.items():
        if b.site is None:
            for check in checks:
                check.results[engine] = (False, f"not built: {b.error}")
            continue
        pages = html_pages(b.site)
        entries, _, _ = search_entries(b.site)
        results = (
            same_pages(ref_pages, pages), same_articles(ref_pages, pages), policies_match(pages),
            no_outside_request(b.site), same_search(ref_search, entries), crisis_first(b.site),
            help_everywhere(pages), offline_works(b.offline) if b.offline or not b.error else (False, b.error),
        )
        for check, result in zip(checks, results):
            check.results[engine] = result
    return checks


def table(checks: list[Check], engines: list[str]) -> str:
    lines = ["| check | " + " | ".join(engines) + " |", "| --- |" + " --- |" * len(engines)]
    for check in checks:
        lines.append(f"| {check.name} | " + " | ".join("pass" if check.results[e][0] else "**fail**" for e in engines) + " |")
    details = ["", "Details:", ""]
    for check in checks:
        for engine in engines:
            ok, detail = check.results[engine]
            details.append(f"- {check.name}, {engine}: {'pass' if ok else 'FAIL'}: {detail}")
    return "\n".join(lines + details) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m audit.conformance", description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="conformance-"))
    if work.exists() and args.keep:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    try:
        project = project_copy(work)
        built = {engine: build_plugin_engine(engine, project, work) for engine in ("mkdocs", "properdocs")}
        built["zensical"] = build_zensical(project, work)
        if built["mkdocs"].site is None:
            print(f"the reference build (MkDocs) failed: {built['mkdocs'].error}", file=sys.stderr)
            return 1
        report = table(conformance(built), list(built))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(report)
    out = ROOT / "build" / "conformance.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("# Engine conformance\n\n" + report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
