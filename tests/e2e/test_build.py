"""End-to-end: build the real site exactly as a user would, in a temporary folder, and check what a reader gets."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.load import load_site

ROOT = Path(__file__).resolve().parents[2]


def make_project(where: Path) -> Path:
    """A copy of the project's site sources (mkdocs.yml, docs/, content/)."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copy(ROOT / "mkdocs-offline.yml", where / "mkdocs-offline.yml")
    shutil.copytree(ROOT / "docs", where / "docs")
    shutil.copytree(ROOT / "content", where / "content")
    return where


def text_of(html_text: str) -> str:
    """The text a reader sees: tags removed, entities decoded, white space folded."""
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html_text)).split())


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("project"))
    code = main(["build", "--config", str(project / "mkdocs.yml"), "--markdown-out", str(project / "md")])
    assert code == 0
    return project


def test_every_topic_has_a_page(built: Path) -> None:
    site, _ = load_site(built / "content")
    for topic in site.topics:
        page = built / "site" / topic.section / topic.id / "index.html"
        assert page.is_file(), page
        assert topic.title.replace("&", "&amp;") in page.read_text()


def test_summary_pages_exist(built: Path) -> None:
    site, _ = load_site(built / "content")
    for section in site.sections:
        assert (built / "site" / section.id / "index.html").is_file()
    for page in ("guide", "glossary", "references", "help", "about"):
        assert (built / "site" / page / "index.html").is_file(), page
    home = (built / "site" / "index.html").read_text()
    assert "Thinking about therapy, or in it?" in home and "Studying for practicum?" in home


def test_search_index_has_every_title_and_the_questions(built: Path) -> None:
    index = json.loads((built / "site" / "search" / "search_index.json").read_text())
    titles = {doc["title"] for doc in index["docs"]}
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    site, _ = load_site(built / "content")
    for topic in site.topics:
        assert topic.title in titles, topic.title
        for qa in topic.questions:
            assert qa.q in titles or qa.q in text, qa.q
    # The whole-guide page repeats every topic; it is left out of search so results point at topic pages.
    assert not any(doc["location"].startswith("guide/") for doc in index["docs"])


def test_topic_keywords_are_in_the_search_index_and_not_on_the_page(built: Path) -> None:
    """A topic's keywords reach its own page-level search entry, in their own weighted field, and
    are not printed on the page (readers never see them; search finds the page by them)."""
    index = json.loads((built / "site" / "search" / "search_index.json").read_text())
    assert index["config"]["fields"]["keywords"]["boost"] >= index["config"]["fields"]["title"]["boost"]
    site, _ = load_site(built / "content")
    with_keywords = [t for t in site.topics if t.keywords]
    assert with_keywords, "the guide's own topics use keywords (cost, crossing a line, first sessions)"
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for topic in with_keywords:
        location = f"{topic.section}/{topic.id}/"
        assert by_location[location].get("keywords") == " ".join(topic.keywords)
        sections = [d for d in index["docs"] if d["location"].startswith(location + "#")]
        assert sections and not any("keywords" in d for d in sections)
        page = (built / "site" / topic.section / topic.id / "index.html").read_text()
        assert " ".join(topic.keywords) not in page


def test_references_are_apa(built: Path) -> None:
    html = (built / "site" / "why-it-matters" / "foundation-for-change" / "index.html").read_text()
    assert "(Flückiger et al., 2018" in text_of(html)
    assert '<a href="#ref-fluckiger2018">Flückiger et al., 2018</a>' in html
    assert re.search(
        r"Flückiger, C\., Del Re, A\. C\., Wampold, B\. E\., &amp;(amp;)? Horvath, A\. O\. \(2018\)\. "
        r"The alliance in adult psychotherapy: A meta-analytic synthesis\. <i>Psychotherapy</i>, <i>55</i>\(4\), 316–340\.",
        html,
    )


def test_every_citation_links_to_an_entry_on_its_page(built: Path) -> None:
    pages = 0
    for page in (built / "site").rglob("*.html"):
        html = page.read_text()
        targets = set(re.findall(r'href="#(ref-[^"]+)"', html))
        pages += bool(targets)
        missing = {t for t in targets if f'id="{t}"' not in html}
        assert not missing, (page, missing)
    assert pages > 20


def test_reference_downloads_parse_and_hold_every_entry(built: Path) -> None:
    import bibtexparser
    import rispy

    keys = load_site(built / "content")[0].bibliography.keys()
    library = bibtexparser.parse_string((built / "site" / "references.bib").read_text(encoding="utf-8"))
    assert [e.key for e in library.entries] == keys and not library.failed_blocks
    records = rispy.loads((built / "site" / "references.ris").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == keys
    page = (built / "site" / "references" / "index.html").read_text()
    assert 'href="../references.bib"' in page and 'href="../references.ris"' in page


def test_topic_pages_say_how_to_cite_them(built: Path) -> None:
    from generator.references.citepage import sentence_start

    site, _ = load_site(built / "content")
    for topic in site.topics:
        html = (built / "site" / topic.section / topic.id / "index.html").read_text()
        lines = re.findall(r'<p class="reference" data-cite="this-page">.*?</p>', html, re.S)
        assert len(lines) == 1, topic.id
        day = topic.reviewed
        title = sentence_start(topic.title)
        expected = (
            f"Cite this page (APA 7): {site.settings.title}. ({day.year}, {day:%B} {day.day}). {title}"
            f"{'' if title.endswith('?') else '.'}"
        )  # no address: the project has no public one yet (with site_url, see below)
        assert text_of(lines[0]) == expected


def test_no_third_party_requests_in_html(built: Path) -> None:
    loaders = re.compile(r"<(?:link|script|img|iframe|source)\b[^>]*\b(?:href|src)=\"(?:https?:)?//", re.I)
    for page in (built / "site").rglob("*.html"):
        for tag in loaders.findall(page.read_text()):
            assert 'rel="canonical"' in tag or "127.0.0.1" in tag, (page, tag)
    css = "".join(p.read_text() for p in (built / "site").rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_markdown_out_writes_every_page(built: Path) -> None:
    site, _ = load_site(built / "content")
    for topic in site.topics:
        assert (built / "md" / topic.section / f"{topic.id}.md").is_file()


def test_three_mistakes_in_three_files_are_all_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    topics = project / "content" / "topics"
    (topics / "openness.md").write_text((topics / "openness.md").read_text().replace("order:", "ordr:", 1))
    (topics / "engagement.md").write_text((topics / "engagement.md").read_text().replace("section: why-it-matters", "section: why-it-maters", 1))
    (topics / "endings.md").write_text((topics / "endings.md").read_text().replace("[@", "[@nosuchkey; @", 1))
    assert main(["check", "--content", str(project / "content")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"content/topics/openness\.md:\d+: ordr: unknown field \(did you mean \"order\"\?\)", err), err
    assert re.search(r"content/topics/engagement\.md:\d+: section: unknown section \"why-it-maters\"", err), err
    assert re.search(r"content/topics/endings\.md:\d+: \S+: unknown citation key \"@nosuchkey\"", err), err
    assert "in 3 files" in err.strip().splitlines()[-1]


def test_failed_build_leaves_the_site_untouched(built: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    shutil.copytree(built / "site", project / "site")
    before = tree_digest(project / "site")
    # Fails at the content stage.
    topic = project / "content" / "topics" / "openness.md"
    good = topic.read_text()
    topic.write_text(good.replace("order:", "ordr:", 1))
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 1
    assert tree_digest(project / "site") == before
    # Fails at the MkDocs stage (strict: a nav entry to a page that does not exist).
    topic.write_text(good)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "  - Missing: missing.md\n")
    assert main(["build", "--config", str(config)]) == 1
    assert tree_digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]


def test_successful_build_replaces_the_site_whole(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("old")
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 0
    assert not (project / "site" / "stale.html").exists()
    assert (project / "site" / "index.html").is_file()


def test_export_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--content", str(ROOT / "content")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"site", "sections", "topics", "glossary", "helplines", "references"}
    topic = data["topics"][0]
    for key in ("id", "title", "section", "order", "summary", "key_points", "questions", "reflect", "quiz",
                "related", "reviewed", "url", "plain", "deeper", "citations"):
        assert key in topic, key
    assert topic["url"].endswith("/") and topic["citations"] and topic["citations"][0]["reference"]


def test_check_passes_on_the_real_content() -> None:
    out = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok: ") and len(out.stdout.strip().splitlines()) == 1


def test_glossary_terms_have_tooltips_on_topic_and_handwritten_pages(built: Path) -> None:
    topic = (built / "site" / "basics" / "working-alliance" / "index.html").read_text()
    assert re.search(r'<abbr title="[^"]+">working alliance</abbr>', topic)
    about = (built / "site" / "about" / "index.html").read_text()
    assert "<abbr title=" in about


def test_topic_pages_show_review_dates_and_reading_paths(built: Path) -> None:
    html = (built / "site" / "in-practice" / "first-sessions" / "index.html").read_text()
    assert re.search(r"Last reviewed: \d+ \w+ 20\d\d\. Next review due: \d+ \w+ 20\d\d\.", html)
    assert "Reading path: Thinking about therapy, or in it? (step 4 of 9)" in text_of(html)
    assert "Previous:" in html and "Next:" in html and "../finding-a-good-fit/" in html
    last = text_of((built / "site" / "taking-the-next-step" / "when-a-therapist-crosses-a-line" / "index.html").read_text())
    assert "(step 9 of 9) Previous: Changing therapist or raising a concern · This is the last step." in last


def test_meta_description_is_the_summary_and_no_page_shows_this_computers_address(built: Path) -> None:
    site, _ = load_site(built / "content")
    topic = site.topic("trust-and-rapport")
    html = (built / "site" / "what-good-feels-like" / "trust-and-rapport" / "index.html").read_text()
    assert f'<meta name="description" content="{topic.summary}">' in html.replace("&#39;", "'")
    assert f"<title>{topic.title} - The Therapeutic Relationship</title>" in html
    # The project has no public address yet (site.yml has no site_url): no canonical link, no
    # sitemap, no address in Cite this page, and never 127.0.0.1 or localhost (issue 19).
    assert site.settings.site_url is None and not (built / "site" / "sitemap.xml").exists()
    for page in (built / "site").rglob("*"):
        if page.suffix in {".html", ".xml", ".txt", ".json", ".js", ".css", ".bib", ".ris", ".csv"}:
            text = page.read_text(encoding="utf-8", errors="replace")
            assert "127.0.0.1" not in text and "localhost" not in text, page
            assert 'rel="canonical"' not in text, page


def test_with_site_url_every_page_has_its_address(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    site_yml = project / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "site_url: https://guide.example.org/therapy\n", encoding="utf-8")
    assert main(["build", "--config", str(project / "mkdocs.yml")]) == 0
    sitemap = (project / "site" / "sitemap.xml").read_text()
    for page in (project / "site").rglob("index.html"):
        url = "/".join(page.parent.relative_to(project / "site").parts)
        assert f"<loc>https://guide.example.org/therapy/{url}{'/' if url else ''}</loc>" in sitemap, page
    html = (project / "site" / "what-good-feels-like" / "trust-and-rapport" / "index.html").read_text()
    assert '<link rel="canonical" href="https://guide.example.org/therapy/what-good-feels-like/trust-and-rapport/">' in html
    assert "https://guide.example.org/therapy/what-good-feels-like/trust-and-rapport/" in text_of(html.split("Cite this page")[1])
    assert "Get help now: https://guide.example.org/therapy/help/" in text_of(html)  # the help line, on paper


def test_quiz_answers_are_not_in_search(built: Path) -> None:
    site, _ = load_site(built / "content")
    index = (built / "site" / "search" / "search_index.json").read_text()
    why = site.topic("working-alliance").quiz[0].why
    assert why[:40] not in index
    html = (built / "site" / "basics" / "working-alliance" / "index.html").read_text()
    assert why[:40] in text_of(html)  # on the page, but not in the index (data-search-exclude)
    assert "<details class=\"quiz-answer\"" in html  # the answer without JavaScript


def test_study_guide_flashcards_and_handout(built: Path) -> None:
    import csv

    site, _ = load_site(built / "content")
    guide_html = (built / "site" / "study-guide" / "index.html").read_text()
    parts = sorted((built / "site" / "study-guide").glob("*/**/index.html"))  # its parts, a long one in pieces
    assert len(parts) >= 3 + len(site.sections)  # key terms, each section, practice, flashcards
    guide = text_of("".join(p.read_text() for p in parts))
    for section in site.sections:
        assert section.objectives
        for objective in section.objectives:
            assert objective in guide, objective
    for topic in site.topics:
        for item in topic.quiz:
            assert text_of(item.question)[:30] in guide, item.question
    assert 'href="../flashcards.csv"' in guide_html
    rows = list(csv.reader((built / "site" / "flashcards.csv").open(encoding="utf-8")))
    assert rows[0] == ["front", "back", "source", "tags"]
    assert len(rows) == 1 + len(site.flashcards) + len(site.glossary)
    assert not any("key points" in row[0] for row in rows)
    for card, row in zip(site.flashcards, rows[1:]):
        assert row[:2] == [card.front, card.back] and row[3] == card.kind
        assert row[2], "a card's source is its APA reference"
    handout = (built / "site" / "handout" / "index.html").read_text()
    assert "Questions to ask a therapist" in handout and handout.count("<li>") >= 15 and "checklist" in handout


def test_a_large_guide_keeps_its_navigation_short(tmp_path: Path) -> None:
    """Above `full_nav_limit` topics: the navigation lists only guide-wide pages, the home page lists the
    sections, and the whole-guide page becomes the guide in brief (every topic, linked, with its summary)."""
    project = make_project(tmp_path / "large")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      content_dir: content\n", "      content_dir: content\n      full_nav_limit: 5\n"), encoding="utf-8")
    assert "full_nav_limit: 5" in config.read_text(encoding="utf-8")
    # strict: topics left out of the nav are not warnings
    assert main(["build", "--config", str(config), "--markdown-out", str(project / "md")]) == 0
    site, _ = load_site(project / "content")
    assert site is not None and len(site.topics) > 5
    topic = site.topics[0]
    topic_url = f"{topic.section}/{topic.id}/"
    page = (project / "site" / topic.section / topic.id / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary[^"]*".*?</nav>\s*</div>\s*</div>\s*</div>', page, re.S)
    assert nav is not None
    assert "The whole guide" in nav.group(0) and topic.title not in text_of(nav.group(0))
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    for section in site.sections:
        assert f'href="{section.id}/"' in home
    guide = (project / "site" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "In plain words" not in guide
    # --markdown-out writes the pages this build generated (the benchmark's plain build uses them)
    assert "In plain words" not in (project / "md" / "guide.md").read_text(encoding="utf-8")
    for t in site.topics:
        assert f'href="../{t.section}/{t.id}/"' in guide and text_of(t.summary) in text_of(guide)
    assert (project / "site" / topic_url / "index.html").is_file()


def test_pages_converted_in_worker_processes_build_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GENERATOR_JOBS=2 (pages converted by a forked worker, see parallel.py) and one process build identical sites."""
    project = make_project(tmp_path / "p")
    sites = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("GENERATOR_JOBS", jobs)
        assert main(["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(tmp_path / f"site-{jobs}")]) == 0
        sites[jobs] = tree_digest(tmp_path / f"site-{jobs}")
    assert sites["1"] == sites["2"] and len(sites["1"]) > 40


def test_a_warning_on_a_page_a_worker_converted_still_fails_the_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A link to a missing anchor on the last topic (converted by a worker): the worker's record of the
    page's links reaches MkDocs' anchor validation, which warns, and strict mode fails the build."""
    project = make_project(tmp_path / "p")
    site, _ = load_site(project / "content")
    last, first = site.topics[-1], site.topics[0]
    path = project / "content" / "topics" / f"{last.id}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\nSee also [the first topic]({first.id}.md#no-such-anchor).\n", encoding="utf-8")
    monkeypatch.setenv("GENERATOR_JOBS", "2")
    assert main(["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")]) == 1
    assert f"Doc file '{last.section}/{last.id}.md' contains a link" in caplog.text and "no-such-anchor" in caplog.text
    assert not (tmp_path / "site").exists()


def test_practice_lists_every_scenario_and_each_page_carries_all_its_feedback(built: Path) -> None:
    """/practice/ links every published scenario under its skill; without JavaScript, every choice's
    feedback is on the page in its own <details>, with a citation that links to the page's own list."""
    from generator.checks.drafts import published

    site, _ = load_site(built / "content")
    scenarios = published(site).scenarios
    assert len(scenarios) >= 14
    index = (built / "site" / "practice" / "index.html").read_text(encoding="utf-8")
    for skill in site.settings.practice.skills:
        if any(s.skill == skill.id for s in scenarios):
            assert f'id="{skill.id}"' in index, skill.id
    home = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="practice/"' in home
    for scenario in scenarios:
        assert f'href="{scenario.id}/"' in index, scenario.id
        page = (built / "site" / "practice" / scenario.id / "index.html").read_text(encoding="utf-8")
        boxes = re.findall(r'<details class="scenario-choice-feedback"[^>]*>(.*?)</details>', page, re.S)
        assert len(boxes) == sum(len(m.choices) for m in scenario.moments), scenario.id
        references = set(re.findall(r'<p class="reference" id="(ref-[^"]+)"', page))
        for box in boxes:
            cited = set(re.findall(r'href="#(ref-[^"]+)"', box))
            assert cited and cited <= references, (scenario.id, box[:200])
        assert page.count('data-best="true"') == len(scenario.moments)


def test_get_help_now_has_no_glossary_marks(built: Path) -> None:
    """A definition beside crisis words distracts and can mislead ("ending" next to "ending your life")."""
    help_page = (built / "site" / "help" / "index.html").read_text(encoding="utf-8")
    topic = (built / "site" / "basics" / "working-alliance" / "index.html").read_text(encoding="utf-8")
    assert "<abbr" not in help_page and "<abbr" in topic


def test_the_theme_stylesheets_are_cut_to_what_the_built_site_uses(built: Path) -> None:
    """Every page names the cut stylesheets (new names; the theme's own files and source maps are gone),
    and each cut is exactly what the finished pages and scripts need: the check after the build held."""
    import material

    from generator.build.purge import Used, purge_stylesheet

    site = built / "site"
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    originals = {p.name: p.read_text(encoding="utf-8") for p in theme.glob("*.min.css")}
    pages = sorted(site.rglob("*.html"))
    used = Used()
    for page in pages:
        used.add_html(page.read_text(encoding="utf-8"))
    for script in site.rglob("*.js"):
        used.add_script(script.read_text(encoding="utf-8", errors="replace"))
    cut = {p.name for p in (site / "assets" / "stylesheets").glob("*.css")}
    assert not cut & set(originals) and not list((site / "assets" / "stylesheets").glob("*.map"))
    for page in pages:
        named = set(re.findall(r'assets/stylesheets/([^"/]+\.css)', page.read_text(encoding="utf-8")))
        assert named == cut, page
    ours = (site / "stylesheets" / "guide.css").read_text(encoding="utf-8")
    palette = next(n for n in cut if n.startswith("palette."))
    main_cut = next(n for n in cut if n.startswith("main."))
    main_original = next(t for n, t in originals.items() if n.startswith("main."))
    palette_original = next(t for n, t in originals.items() if n.startswith("palette."))
    expected_main = purge_stylesheet(main_original, used, ours + palette_original)
    assert (site / "assets" / "stylesheets" / main_cut).read_text(encoding="utf-8") == expected_main
    assert (site / "assets" / "stylesheets" / palette).read_text(encoding="utf-8") == purge_stylesheet(palette_original, used, properties=False)
    assert len(expected_main) < len(main_original) * 0.6


def test_a_script_only_some_pages_need_loads_on_those_pages_only(built: Path) -> None:
    """Practice scenarios' and Get help now's scripts come with their pages, after the guide's script
    (they use its strings); no other page downloads them (issue 22's weight budget)."""
    site = built / "site"

    def scripts(page: Path) -> list[str]:
        return [src.rsplit("/", 1)[-1] for src in re.findall(r'<script defer src="([^"]+)"', page.read_text(encoding="utf-8"))]

    scenario_pages = [p for p in (site / "practice").glob("*/index.html")]
    assert scenario_pages
    for page in scenario_pages:
        names = scripts(page)
        assert names.index("scenario.js") > names.index("guide.js") and "help-region.js" not in names, page
    help_names = scripts(site / "help" / "index.html")
    assert help_names.index("help-region.js") > help_names.index("guide.js") and "scenario.js" not in help_names
    others = [p for p in site.rglob("*.html") if p.parent.parent.name != "practice" and p.parent.name != "help"]
    assert len(others) > 30
    for page in others:
        assert not {"scenario.js", "help-region.js"} & set(scripts(page)), page


def test_no_page_loads_the_theme_script_with_it_and_every_page_names_it_for_the_loader(built: Path) -> None:
    """Every built page, 404 included, has the guide's loader where Material's script was, naming
    that script (which exists) in data-theme-script; no page loads it with the page (issue 22)."""
    site = built / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]* src="[^"]*/bundle\.[0-9a-f]+\.min\.js"', text), page
        loaders = re.findall(r'<script defer src="([^"]*)javascripts/theme-lazy\.js" data-theme-script="([^"]+)"></script>', text)
        assert len(loaders) == 1, page
        prefix, theme = loaders[0]
        assert theme.startswith(prefix), page
        base = site if theme.startswith("/") else page.parent  # 404.html names them from the root
        assert (base / theme.lstrip("/")).resolve().is_file(), (page, theme)
        assert (base / prefix.lstrip("/") / "javascripts" / "theme-lazy.js").resolve().is_file(), page


def test_what_the_checks_measured_beside_the_build_is_kept_for_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In `build` the checks run in a process beside the rendering (plugin.py): the readability
    measures they make there reach the project's cache, as they do when everything runs in one process."""
    stored = {}
    for jobs in ("1", "2"):
        project = make_project(tmp_path / f"p{jobs}")
        monkeypatch.setenv("GENERATOR_JOBS", jobs)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        assert main(["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(tmp_path / f"site{jobs}")]) == 0
        entries = json.loads((project / ".cache" / "generator-cache.json").read_text(encoding="utf-8"))["entries"]
        stored[jobs] = {kind: sorted(values) for kind, values in entries.items() if kind.startswith("readability")}
    assert stored["2"] == stored["1"] and sum(len(keys) for keys in stored["1"].values()) > 100
