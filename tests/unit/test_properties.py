"""Property tests: whatever an editor writes, loading and checking return diagnostics or success, never raise."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks.run import check_site
from generator.content.load import load_site
from generator.pages.render import Renderer

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
FIELDS = ["title", "section", "order", "summary", "key_points", "questions", "reflect", "quiz", "related", "reviewed", "extra"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=False), st.text(max_size=30),
    st.dates().map(str), st.sampled_from(["basics", "alpha", "beta", "../x", "", "  ", "[@bordin1979]", "<b>x</b>"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["q", "a", "question", "choices", "answer", "why", "x"]), inner, max_size=4)), max_leaves=12)
front_matter = st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS))
bodies = st.one_of(
    st.text(max_size=300),
    st.builds(
        lambda a, b: f"## In plain words\n\n{a}\n\n## Going deeper\n\n{b}\n",
        st.text(max_size=200), st.text(max_size=200),
    ),
)


def run(front: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        shutil.copytree(MINI, root)
        (root / "topics" / "beta.md").write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
        site, diags = load_site(root)
        check_site(site, diags)
        for d in diags.items:
            assert d.path.startswith("content/") and isinstance(d.line, int) and d.message
        if not diags.errors:
            Renderer(site).pages()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter, bodies)
def test_structured_front_matter_never_raises(front: dict, body: str) -> None:
    run(yaml.safe_dump(front, allow_unicode=True), body)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), bodies)
def test_arbitrary_text_never_raises(front: str, body: str) -> None:
    run(front, body)
