"""Pages converted in worker processes (generator/build/parallel.py), with stand-ins for MkDocs' pages."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import pytest

from generator.build.parallel import (
    Converted,
    ParallelPages,
    jobs_wanted,
    logged,
    split_shares,
)
from generator.cache import digest


@dataclass
class FakeFile:
    src_uri: str


@dataclass
class FakePage:
    file: FakeFile
    markdown: str


def pages(count: int) -> list[FakePage]:
    return [FakePage(FakeFile(f"p{i}.md"), f"# Page {i}\n") for i in range(count)]


def convert(page: FakePage) -> Converted:
    logging.getLogger("mkdocs.plugins.other").warning("said again by the main process: not replayed")
    with logged() as logs:
        if page.file.src_uri == "p13.md":
            logging.getLogger("mkdocs.structure.pages").warning("p13.md links to missing.md")
    html = f"<h1>Page {page.file.src_uri}</h1><p>{os.getpid()}</p>"
    return Converted(digest(page.markdown), html, None, None, {"page"}, None, list(logs))


def test_shares_are_consecutive_and_of_about_equal_weight() -> None:
    assert split_shares([1] * 10, 2) == [range(0, 5), range(5, 10)]
    assert split_shares([8, 1, 1, 1, 1], 2) == [range(0, 1), range(1, 5)]
    shares = split_shares([1] * 10, 3)
    assert [i for share in shares for i in share] == list(range(10)) and len(shares) == 3
    assert split_shares([1] * 10, 2, first=0.25) == [range(0, 2), range(2, 10)]  # the main process converts less


def test_jobs_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENERATOR_JOBS", "3")
    assert jobs_wanted() == 3
    monkeypatch.setenv("GENERATOR_JOBS", "one")
    assert 1 <= jobs_wanted() <= 4


def test_workers_convert_the_later_shares_and_keep_their_log_lines() -> None:
    all_pages = pages(20)
    parallel = ParallelPages.start(all_pages, [1] * 20, 2, convert)
    assert parallel is not None
    try:
        assert not parallel.handles("p0.md") and parallel.handles("p19.md")
        result = parallel.take("p13.md", all_pages[13].markdown)
        assert result is not None and result.content.startswith("<h1>Page p13.md</h1>")
        assert f"<p>{os.getpid()}</p>" not in result.content  # converted in another process
        assert result.logs == [("mkdocs.structure.pages", logging.WARNING, "p13.md links to missing.md")]
        assert parallel.take("p14.md", "# Edited since\n") is None  # other Markdown: the caller converts it
    finally:
        parallel.close()
    assert not parallel.folder.exists()


def test_a_failing_worker_leaves_its_pages_to_the_main_process() -> None:
    def broken(page: FakePage) -> Converted:
        raise RuntimeError("boom")

    all_pages = pages(20)
    parallel = ParallelPages.start(all_pages, [1] * 20, 2, broken)
    assert parallel is not None
    assert parallel.take("p19.md", all_pages[19].markdown) is None
    assert "boom" in parallel.failed[0]
    parallel.close()


def test_small_builds_and_one_job_stay_in_one_process() -> None:
    assert ParallelPages.start(pages(5), [1] * 5, 2, convert) is None
    assert ParallelPages.start(pages(50), [1] * 50, 1, convert) is None


def test_no_worker_outlives_close() -> None:
    parallel = ParallelPages.start(pages(40), [1] * 40, 4, convert)
    assert parallel is not None and len(parallel.workers) == 3
    pids = [pid for pid, _, _ in parallel.workers]
    parallel.close()
    assert parallel.workers == []
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left


def test_when_no_process_can_be_forked_the_main_process_converts_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    parallel = ParallelPages.start(pages(40), [1] * 40, 3, convert)
    assert parallel is not None and not parallel.handles("p39.md") and parallel.workers == []
    parallel.close()


def test_a_worker_prints_nothing_itself(capfd: pytest.CaptureFixture[str]) -> None:
    parallel = ParallelPages.start(pages(20), [1] * 20, 2, convert)
    assert parallel is not None
    parallel.close()
    assert "said again by the main process" not in capfd.readouterr().err
