"""Precompressed copies beside the text files (build/precompress.py)."""

from __future__ import annotations

import gzip
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build.precompress import SMALLEST, brotli, precompress


@settings(max_examples=25, deadline=None)
@given(text=st.text(min_size=SMALLEST, max_size=4000), suffix=st.sampled_from([".html", ".css", ".js", ".json", ".xml"]))
def test_every_copy_holds_the_same_bytes_and_is_the_same_each_time(tmp_path_factory, text: str, suffix: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("site")
    page = folder / "a" / f"page{suffix}"
    page.parent.mkdir()
    page.write_text(text, encoding="utf-8")
    precompress(folder)
    first = (folder / "a" / f"page{suffix}.gz").read_bytes()
    assert gzip.decompress(first) == page.read_bytes()
    if brotli is not None:
        assert brotli.decompress((folder / "a" / f"page{suffix}.br").read_bytes()) == page.read_bytes()
    precompress(folder)  # again: the same bytes, and no copy of a copy
    assert (folder / "a" / f"page{suffix}.gz").read_bytes() == first
    assert not list(folder.rglob("*.gz.gz")) and not list(folder.rglob("*.br.gz"))


def test_small_and_binary_files_get_no_copy(tmp_path: Path) -> None:
    (tmp_path / "tiny.html").write_text("<p>hi</p>", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(2000))
    (tmp_path / "big.css").write_text("a{color:red}" * 200, encoding="utf-8")
    written = precompress(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in {".gz", ".br"}) == sorted(
        ["big.css.gz"] + (["big.css.br"] if brotli is not None else [])
    )
    assert written == (2 if brotli is not None else 1)
