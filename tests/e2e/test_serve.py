"""The preview survives mistakes: drive a real `python -m generator serve` on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.test_build import make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    """GET a page; a request that takes more than 10 s fails the test (it must never hang)."""
    start = time.monotonic()
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read().decode("utf-8")
    assert time.monotonic() - start < 10
    return body


def wait_for(url: str, condition, seconds: float = 90) -> str:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if condition(last):
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {url}; last page began: {last[:300]!r}")


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p")
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    try:
        yield project, f"http://127.0.0.1:{port}", tmp_path / "serve.log"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_preview_keeps_serving_and_recovers(server) -> None:  # type: ignore[no-untyped-def]
    project, base, log = server
    page = f"{base}/basics/working-alliance/"
    first = wait_for(page, lambda html: "The working alliance: goals, tasks and bond" in html)
    assert "generator-problems" not in first

    topic = project / "content" / "topics" / "working-alliance.md"
    good = topic.read_text(encoding="utf-8")
    broken = good.replace("order:", "ordr:", 1).replace("The working alliance: goals, tasks and bond", "Changed while broken", 1)
    topic.write_text(broken, encoding="utf-8")

    shown = wait_for(page, lambda html: "generator-problems" in html)
    assert "ordr: unknown field" in shown
    assert "The working alliance: goals, tasks and bond" in shown  # the last good version is still served
    other = fetch(f"{base}/why-it-matters/openness/")
    assert "generator-problems" in other  # the problems are on every page
    assert "ordr: unknown field" in log.read_text()

    topic.write_text(good.replace("The working alliance: goals, tasks and bond", "The working alliance, fixed", 1), encoding="utf-8")
    recovered = wait_for(page, lambda html: "generator-problems" not in html and "The working alliance, fixed" in html)
    assert "ordr" not in recovered


def _search_index(base: str) -> list[dict]:
    import json

    return json.loads(fetch(f"{base}/search/search_index.json"))["docs"]


def test_preview_rebuilds_only_what_changed_and_keeps_search_whole(server) -> None:  # type: ignore[no-untyped-def]
    """`serve` rebuilds the changed topic's page; a change every page shows (a glossary definition) rebuilds all;
    the search index keeps every page, once."""
    project, base, log = server
    page = f"{base}/basics/working-alliance/"
    wait_for(page, lambda html: "The working alliance: goals, tasks and bond" in html)
    before = _search_index(base)
    pages_before = {d["location"].split("#")[0] for d in before}

    topic = project / "content" / "topics" / "working-alliance.md"
    # A new word in the summary: the topic, its section page and the home page (which lists it) are rebuilt.
    summary = "and a bond of trust."
    topic.write_text(topic.read_text(encoding="utf-8").replace(summary, "and a bond of trust, like zebrafinch pairs.", 1), encoding="utf-8")
    wait_for(page, lambda html: "zebrafinch pairs" in html)
    wait_for(f"{base}/search/search_index.json", lambda text: "zebrafinch" in text)
    after = _search_index(base)
    assert {d["location"].split("#")[0] for d in after} == pages_before
    locations = [d["location"] for d in after]
    assert len(locations) == len(set(locations)), "a rebuilt page's entries are in the index twice"
    found = {d["location"].split("#")[0] for d in after if "zebrafinch" in d["text"]}
    assert {"basics/working-alliance/", "basics/", ""} <= found
    assert "The working alliance: goals, tasks and bond" in fetch(f"{base}/why-it-matters/openness/")  # not rebuilt, still served

    glossary = project / "content" / "glossary.yml"
    old = "A study that pools the results of many other studies."
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(old, "A study of studies.", 1), encoding="utf-8")
    other = wait_for(f"{base}/why-it-matters/openness/", lambda html: 'title="A study of studies. It shows' in html)
    assert old not in other
    assert "Detected file changes" in log.read_text()


def _status(url: str) -> int:
    import urllib.error

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def wait_for_status(url: str, status: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            last = _status(url)
        except OSError:
            last = None
        if last == status:
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {url} to answer {status}; last answer: {last}")


def test_a_draft_is_previewed_marked_and_a_deleted_topic_leaves_the_preview(server) -> None:  # type: ignore[no-untyped-def]
    """`new` makes a draft that fails most checks: the preview shows it with the draft box and its
    problems (and no error banner); deleting the file takes the page out of the preview."""
    project, base, log = server
    wait_for(f"{base}/basics/working-alliance/", lambda html: "The working alliance: goals, tasks and bond" in html)
    made = subprocess.run(
        [sys.executable, "-m", "generator", "new", "trust-basics", "--section", "basics", "--title", "Trust: the basics"],
        cwd=project, capture_output=True, text=True, timeout=60,
    )
    assert made.returncode == 0, made.stderr
    page = f"{base}/basics/trust-basics/"
    shown = wait_for(page, lambda html: "Trust: the basics" in html)
    assert "Draft: not published" in shown
    assert "placeholder text from the scaffold" in shown
    assert "generator-problems" not in shown  # a draft's problems are not content errors
    assert "previewing 1 draft" in log.read_text()

    (project / "content" / "topics" / "trust-basics.md").unlink()
    wait_for_status(page, 404)
    assert "Trust: the basics" not in fetch(f"{base}/basics/")


def test_preview_survives_what_used_to_hang_it(server) -> None:  # type: ignore[no-untyped-def]
    """Each of these once made every preview request wait forever (issue 14): a handler in a heading's
    attributes, a review interval past the calendar, a template that crashes. Each shows the last good
    pages with the problem in the banner, and the preview recovers when the file is fixed."""
    project, base, _ = server
    page = f"{base}/basics/working-alliance/"
    wait_for(page, lambda html: "The working alliance: goals, tasks and bond" in html and "generator-problems" not in html)
    topic = project / "content" / "topics" / "working-alliance.md"
    site_yml = project / "content" / "site.yml"
    override = project / "templates" / "help.md.j2"
    good_topic, good_site = topic.read_text(encoding="utf-8"), site_yml.read_text(encoding="utf-8")
    breakages = [
        (lambda: topic.write_text(good_topic.replace("## In plain words\n", "## In plain words\n\n### T {onclick=\"x\"}\n", 1), encoding="utf-8"),
         lambda: topic.write_text(good_topic, encoding="utf-8"), "the attribute onclick= is not allowed"),
        (lambda: site_yml.write_text(good_site.replace("interval_days: 365", "interval_days: 1000000000", 1), encoding="utf-8"),
         lambda: site_yml.write_text(good_site, encoding="utf-8"), "expected a number of at most 3650"),
        # The preview watches content/, not templates/: saving site.yml again makes it rebuild.
        (lambda: (override.parent.mkdir(exist_ok=True), override.write_text("# Help\n\nText.\n{{ 1 // (site.settings.reading.min_deeper_citations * 0) }}\n", encoding="utf-8"),
                  site_yml.write_text(good_site + "\n", encoding="utf-8")),
         lambda: (override.unlink(), site_yml.write_text(good_site, encoding="utf-8")), "templates/help.md.j2:4: while rendering help.md"),
    ]
    for n, (damage, repair, message) in enumerate(breakages):
        damage()
        shown = wait_for(page, lambda html: "generator-problems" in html)
        assert message in shown, (n, shown[:2000])
        assert "The working alliance: goals, tasks and bond" in shown  # the last good version
        repair()
        wait_for(page, lambda html: "generator-problems" not in html)


def test_the_preview_answers_only_requests_for_this_machine(server) -> None:  # type: ignore[no-untyped-def]
    """DNS rebinding (issue 20): a page of another site that resolves its name to 127.0.0.1 sends its
    own name as Host; the preview refuses it, and still answers localhost and 127.0.0.1."""
    import http.client

    _, base, _ = server
    wait_for(f"{base}/", lambda page: "<html" in page)
    port = int(base.rsplit(":", 1)[1])

    def status(host: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/", headers={"Host": host})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status

    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", f"localhost.evil.example:{port}"):
        assert status(host) == 403, host
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST"):
        assert status(host) == 200, host
