"""Work done ahead in processes beside the build: page content finished (parallel.FinishingAhead),
pages compressed as they are written (precompress.Ahead). Each gives what the main process would
have made itself, or nothing (and then the main process makes it), and leaves no process behind."""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.parallel import FinishingAhead
from generator.build.postpass import Finisher, new_nonce
from generator.build.precompress import Ahead, brotli, fingerprint, precompress
from generator.pages.tooltips import Tooltips


def shout(content: str, name: str) -> str:
    if "boom" in content:
        raise ValueError("cannot finish this one")
    return content.upper() + f"<!--{name}-->"


def alive(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return False


def test_content_finished_ahead_is_used_only_for_the_same_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_JOBS", "2")
    items = [(f"p{i}.html", f"<p>page {i}</p>") for i in range(40)] + [("bad.html", "<p>boom</p>")]
    ahead = FinishingAhead.start(items, shout)
    assert ahead is not None
    try:
        assert ahead.take("p3.html", "<p>page 3</p>") == "<P>PAGE 3</P><!--p3.html-->"
        assert ahead.take("p1.html", "<p>page 1</p>") == "<P>PAGE 1</P><!--p1.html-->"  # read earlier, kept
        assert ahead.take("p5.html", "<p>page 5, changed since</p>") is None
        assert ahead.take("bad.html", "<p>boom</p>") is None  # failed there: the main process finishes it
        assert ahead.take("never.html", "<p>x</p>") is None
        assert ahead.take("p7.html", "<p>page 7</p>") == "<P>PAGE 7</P><!--p7.html-->"  # read before the miss
    finally:
        ahead.close()
    assert not alive(ahead.pid)


def test_closing_before_reading_ends_a_process_blocked_on_the_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that fails early stops reading: the process, stuck writing into a full pipe, must end."""
    monkeypatch.setenv("GENERATOR_JOBS", "2")
    items = [(f"p{i}.html", "x" * 200_000) for i in range(50)]  # far more than a pipe holds
    ahead = FinishingAhead.start(items, lambda content, name: content)
    assert ahead is not None
    time.sleep(0.2)  # let it fill the pipe (the test passes without it too: close never waits on a read)
    ahead.close()
    assert not alive(ahead.pid)


def test_one_job_or_few_pages_finish_nothing_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_JOBS", "1")
    assert FinishingAhead.start([(f"p{i}", "x") for i in range(40)], shout) is None
    monkeypatch.setenv("GENERATOR_JOBS", "2")
    assert FinishingAhead.start([("p", "x")], shout) is None


glossary = Tooltips({"working alliance": "the bond, the goals and the tasks", "rupture": "a strain"})
spaces = st.text(alphabet=" \n\t", max_size=6)
bodies = st.lists(st.sampled_from(["<p>A working alliance.</p>", "<p>A rupture, and a rupture.</p>", "<h2>rupture</h2>",
                                   "<p>plain</p>", "\n", "<script>x</script>"]), min_size=1, max_size=5).map("".join)


@settings(max_examples=80, deadline=None)
@given(lead=spaces, body=bodies, trail=spaces)
def test_finishing_ahead_or_here_gives_the_same_page(lead: str, body: str, trail: str) -> None:
    """The content is finished without its surrounding white space, wherever it is finished."""
    here = Finisher(new_nonce(), glossary, refuse_script=False)
    there = Finisher(here.nonce, glossary, refuse_script=False)
    given_ahead: list[str] = []

    def ahead(name: str, core: str) -> str:
        given_ahead.append(core)
        return here.content_core(core, name)

    there.ahead = ahead
    content = lead + body + trail
    assert there.content(content, "a/index.html") == here.content(content, "a/index.html")
    assert given_ahead == ([body.strip()] if body.strip() else [])
    finished = here.content(content, "a/index.html")
    assert finished.startswith(lead) and finished.endswith(trail) and "<script" not in finished


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pages_compressed_ahead_are_not_compressed_again_unless_they_changed(tmp_path: Path) -> None:
    ahead = Ahead()
    pages = []
    for i in range(12):
        path = tmp_path / f"s{i}" / "index.html"
        ahead.add(path)  # as the plugin does: before the engine writes the page
        pages.append(write(path, f"<p>page {i}</p>" * 100))
    result, pid = ahead._result, ahead._pid
    done = ahead.finish()
    assert result is not None and not result.exists() and not alive(pid)  # no file or process left
    assert set(done) == set(pages)
    assert all(done[p] == fingerprint(p.read_bytes()) for p in pages)
    before = {p: p.with_name(p.name + ".gz").stat().st_mtime_ns for p in pages}
    write(pages[0], "<p>rewritten after it was compressed</p>" * 100)
    written = precompress(tmp_path, done=done)
    assert written == (2 if brotli is not None else 1)  # only the page that changed
    for p in pages:
        assert gzip.decompress(p.with_name(p.name + ".gz").read_bytes()) == p.read_bytes()
        if brotli is not None:
            assert brotli.decompress(p.with_name(p.name + ".br").read_bytes()) == p.read_bytes()
    assert all(p.with_name(p.name + ".gz").stat().st_mtime_ns == before[p] for p in pages[1:])


def test_a_stopped_compressor_writes_nothing_afterwards(tmp_path: Path) -> None:
    ahead = Ahead()
    for i in range(30):
        path = tmp_path / f"s{i}.html"
        ahead.add(path)
        write(path, "<p>x</p>" * 20_000)
    pid, result = ahead._pid, ahead._result
    ahead.stop()
    assert pid and not alive(pid) and result is not None and not result.exists()
    copies = sorted(tmp_path.glob("*.gz"))
    time.sleep(0.3)
    assert sorted(tmp_path.glob("*.gz")) == copies


def test_work_beside_returns_its_result_even_a_large_one() -> None:
    from generator.build.forking import Beside

    beside = Beside.start(lambda: {"pages": ["x" * 1000] * 500, "pid": os.getpid()})  # far more than a pipe holds
    assert beside is not None
    result = beside.result()
    assert isinstance(result, dict) and len(result["pages"]) == 500 and result["pid"] != os.getpid()
    assert not alive(beside.pid)


@pytest.mark.parametrize("how", ["raises", "dies", "unpicklable"])
def test_work_beside_that_fails_says_so_and_leaves_no_process(how: str) -> None:
    from generator.build.forking import Beside, BesideFailed

    def work():  # type: ignore[no-untyped-def]
        if how == "raises":
            raise ValueError("no")
        if how == "dies":
            os._exit(3)
        return lambda: None  # a function cannot be pickled

    beside = Beside.start(work)
    assert beside is not None
    with pytest.raises(BesideFailed):
        beside.result()
    assert not alive(beside.pid)
