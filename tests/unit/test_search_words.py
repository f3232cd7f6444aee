"""The search's reading of crisis words and lay synonyms (content/search.yml), tested on the real
matcher (assets/javascripts/search-match.js) in Node, on the data the worker is given, without a
browser. Classes, not a list: each crisis phrase is written in generated ways (apostrophes,
contractions, misspellings, word order, extra words, capitals), and a held-out set of phrasings
(tests/fixtures/search-phrases.yml) was never shown to the matcher."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.load import load_site
from generator.pages.searchdata import search_data, worker_script
from generator.pages.presentation import ASSETS
from tests.conftest import CONTENT, edit

ROOT = Path(__file__).resolve().parents[2]
PHRASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "search-phrases.yml").read_text(encoding="utf-8"))
MATCHER = ASSETS / "javascripts" / "search-match.js"
# One Node process answers line by line: {"query": ...} -> {"crisis": bool, "synonyms": [...]}.
DRIVER = """
const m = require(process.argv[1]);
const data = JSON.parse(process.argv[2]);
const words = m.reader(data);
require("readline").createInterface({input: process.stdin}).on("line", line => {
  const q = JSON.parse(line);
  process.stdout.write(JSON.stringify({crisis: words.isCrisis(q), synonyms: words.synonyms(q)}) + "\\n");
});
"""


class Matcher:
    """The matcher running in Node, asked one search at a time."""

    def __init__(self, data: dict[str, Any]):
        self.process = subprocess.Popen(
            ["node", "-e", DRIVER, str(MATCHER), json.dumps(data)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
        )

    def ask(self, query: str) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(query) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def crisis(self, query: str) -> bool:
        return bool(self.ask(query)["crisis"])

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def site():  # type: ignore[no-untyped-def]
    loaded, diags = load_site(CONTENT)
    assert loaded is not None and loaded.search is not None and not diags.errors
    return loaded


@pytest.fixture(scope="module")
def matcher(site):  # type: ignore[no-untyped-def]
    if shutil.which("node") is None:
        pytest.skip("Node is not installed")
    running = Matcher(search_data(site))
    yield running
    running.close()


# -- generated ways of writing a crisis phrase ------------------------------------------------------

CONTRACTIONS = {
    "do not": ["don't", "dont", "don’t", "do not"],
    "can not": ["can't", "cant", "cannot", "can not", "can’t"],
    "want to": ["want to", "wanna"],
    "i am": ["i'm", "im", "i am"],
    "was": ["was", "were"],
}
EXTRA = ["i", "really", "just", "honestly", "today", "right now", "anymore", "so", "feel like", "please", "tonight"]


def misspell(word: str, rng: random.Random) -> str:
    """One slip of the finger in a word of 5 letters or more: a letter dropped, doubled, swapped or wrong."""
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap", "wrong"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + rng.choice("aeiourstln") + word[i + 1 :]


def variant(phrase: str, seed: int) -> str:
    """A way a reader might write a phrase: contractions, a misspelling, shuffled, with extra words."""
    rng = random.Random(seed)
    words = phrase.lower().split()
    if rng.random() < 0.5:  # a slip in a word of the phrase (in a contraction it can be ambiguous:
        k = rng.randrange(len(words))  # "wonna" is one letter from "wanna" and from "gonna")
        words[k] = misspell(words[k], rng)
    text = " ".join(words)
    for plain, ways in CONTRACTIONS.items():
        text = re.sub(rf"\b{plain}\b", lambda _m: rng.choice(ways), text)
    words = text.split()
    if rng.random() < 0.3 and len(words) > 1:
        rng.shuffle(words)
    for _ in range(rng.randrange(3)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(EXTRA))
    text = " ".join(words)
    if rng.random() < 0.3:
        text = text.capitalize()
    return text + rng.choice(["", "", "?", ".", "...", " !"])


VARIANTS_SEEN: list[str] = []


CRISIS = yaml.safe_load((CONTENT / "search.yml").read_text(encoding="utf-8"))["crisis"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phrase=st.sampled_from(CRISIS), seed=st.integers(min_value=0, max_value=2**32))
def test_every_way_of_writing_a_crisis_phrase_is_read_as_a_crisis(matcher, phrase: str, seed: int) -> None:  # type: ignore[no-untyped-def]
    query = variant(phrase, seed)
    VARIANTS_SEEN.append(query)
    assert matcher.crisis(query), f"{query!r} (a way of writing {phrase!r}) is not read as a crisis"


@pytest.mark.parametrize("query", PHRASES["held_out"])
def test_held_out_phrasings_are_read_as_a_crisis(matcher, query: str) -> None:  # type: ignore[no-untyped-def]
    assert matcher.crisis(query), query


def test_held_out_phrasings_are_not_in_the_list(site) -> None:  # type: ignore[no-untyped-def]
    listed = {" ".join(re.findall(r"[a-z0-9]+", p.lower().replace("'", ""))) for p in site.search.crisis}
    for query in PHRASES["held_out"]:
        assert " ".join(re.findall(r"[a-z0-9]+", query.lower().replace("'", ""))) not in listed, query


def ordinary_searches(site) -> list[str]:  # type: ignore[no-untyped-def]
    gate = yaml.safe_load((ROOT / "tests" / "gates" / "search-queries.yml").read_text(encoding="utf-8"))
    titles = [t.title for t in site.topics] + [s.title for s in site.sections]
    asks_help = [case["query"] for case in gate if case["expect"] in ("/help/", ["/help/"])]
    return PHRASES["ordinary"] + [case["query"] for case in gate if case["query"] not in asks_help] + titles


def test_ordinary_searches_are_not_read_as_a_crisis(matcher, site) -> None:  # type: ignore[no-untyped-def]
    wrong = [q for q in ordinary_searches(site) if matcher.crisis(q)]
    assert not wrong, wrong


@pytest.mark.parametrize("query", PHRASES["money"])
def test_lay_money_words_look_for_the_guides_words(matcher, query: str) -> None:  # type: ignore[no-untyped-def]
    assert "cost" in matcher.ask(query)["synonyms"], query


def test_ordinary_searches_get_no_money_words(matcher, site) -> None:  # type: ignore[no-untyped-def]
    gate = yaml.safe_load((ROOT / "tests" / "gates" / "search-queries.yml").read_text(encoding="utf-8"))
    # The gate also holds money searches (they expect the cost page); every other search must get no money words.
    ordinary = [c for c in gate if "cost-of-therapy" not in str(c["expect"])]
    assert [c["query"] for c in ordinary if matcher.ask(c["query"])["synonyms"]] == []
    assert len(ordinary) < len(gate)


def test_a_new_phrase_in_search_yml_reaches_the_matcher(content: Path) -> None:
    """The words live in content, not in the script: a phrase added to search.yml is matched."""
    edit(content / "search.yml", "  - overdose\n", "  - overdose\n  - tangerine emergency\n")
    loaded, _ = load_site(content)
    running = Matcher(search_data(loaded))
    try:
        assert running.crisis("a tangerine EMERGENCY")
    finally:
        running.close()
    script = worker_script(loaded)
    assert "tangerine emergency" in script and "tangerine" not in MATCHER.read_text(encoding="utf-8")
    assert "tangerine" not in (ASSETS / "javascripts" / "search-worker.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("crisis: []\n", "crisis", "at least 1"),
        ("crisis: [kill <b>myself</b>]\n", "crisis[0]", "expected words"),
        ("crisis: [ok]\nsame: {can't go: cannot}\n", "same", "one word"),
        ("crisis: [ok]\nsynonyms: [{words: [cheap], find: [cost]}]\n", "synonyms[0].find", "unknown field"),
        ("crisis: [ok]\noptional: [two words]\n", "optional[0]", "one word"),
    ],
)
def test_mistakes_in_search_yml_are_reported_with_their_line(content: Path, text: str, field: str, message: str) -> None:
    (content / "search.yml").write_text("# the search's words\n" + text, encoding="utf-8")
    _, diags = load_site(content)
    found = [d for d in diags.errors if d.path.endswith("search.yml")]
    assert found, [str(d) for d in diags.errors]
    assert any(d.field.startswith(field) and message in d.message and d.line >= 2 for d in found), [str(d) for d in found]
