"""Practice scenarios: the model and its located errors, the rules of check, the cue shares, drafts,
the scaffold, the report line, and the rendered page (every choice's feedback, exactly one best)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks.drafts import published
from generator.checks.run import check_site
from generator.checks.scenarios import (
    check_scenario_cues,
    hedge_cue,
    is_hedged,
    longest_margin,
    placed_moments,
    scenario_cue_summary,
)
from generator.cli import main
from generator.content.diagnostics import Diagnostics
from generator.content.load import load_site
from generator.new import new_scenario
from generator.pages.practice import scenario_path
from generator.pages.render import Renderer
from tests.conftest import MINI, edit

QUIET = MINI / "scenarios" / "quiet-client.yml"


def checked(root: Path) -> list[str]:
    site, diags = load_site(root)
    check_site(site, diags)
    return [str(d) for d in diags.sorted()]


def with_scenario(mini: Path, text: str, name: str = "zz.yml") -> list[str]:
    """The mini guide with one more scenario file; the errors `check` prints about that file."""
    (mini / "scenarios" / name).write_text(text, encoding="utf-8")
    return [d for d in checked(mini) if d.startswith(f"content/scenarios/{name}")]


def base() -> dict:
    """The fixture's branching scenario as data, under a title of its own."""
    data = yaml.safe_load(QUIET.read_text(encoding="utf-8"))
    data["title"] = "A scenario made by a test"
    return data


def dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


# -- the fixture guide and the model ------------------------------------------------------------


def test_the_fixture_scenarios_load_and_pass(mini: Path) -> None:
    assert checked(mini) == []
    site, _ = load_site(mini)
    assert [s.id for s in site.scenarios] == ["quiet-client", "social-media-request"]
    quiet = site.scenarios[0]
    assert quiet.moments[0].best == 1 and quiet.moments[0].choices[1].next == "later"
    assert quiet.source == "content/scenarios/quiet-client.yml"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["moments"][0]["choices"][1].pop("best"), r":\d+: moments\[0\]\.choices: expected exactly one choice with `best: true`, got 0"),
        (lambda d: d["moments"][0]["choices"][0].update(best=True), r"moments\[0\]\.choices: expected exactly one choice with `best: true`, got 2"),
        (lambda d: d["moments"][0]["choices"].pop(), r"moments\[0\]\.choices: expected at least 3 item\(s\), got 2"),
        (lambda d: d["moments"][1]["choices"].append(dict(d["moments"][1]["choices"][0])), r"moments\[1\]\.choices: expected at most 4 items, got 5"),
        (lambda d: d["moments"][0]["choices"][0].update(feedbak="x"), r'feedbak: unknown field \(did you mean "feedback"\?\)'),
        (lambda d: d.pop("moments"), r"moments: required field is missing"),
        (lambda d: d.update(supervision=[]), r"supervision: expected at least 1 item"),
        (lambda d: d.update(skill="rupture"), r'skill: unknown skill "rupture" \(did you mean "ruptures"\?\)'),
        (lambda d: d.update(related=["alhpa"]), r'related\[0\]: unknown topic "alhpa" \(did you mean "alpha"\?\)'),
        (lambda d: d.update(related=[]), r"related: expected at least one related topic"),
        (lambda d: d["moments"][0]["choices"][1].update(next="latr"), r'moments\[0\]\.choices\[1\]\.next: no moment "latr" in this scenario \(did you mean "later"\?\)'),
        (lambda d: d["moments"][0]["choices"][1].pop("next"), r'moments\[1\]\.id: no choice leads to "later"'),
        (lambda d: d["moments"][1]["choices"][0].update(next="start"), r"moments\[1\]: the moments lead round in a circle \(start -> later -> start\)"),
        (lambda d: d["moments"][1].update(id="start"), r'moments\[1\]\.id: "start" is the id of more than one moment'),
        (lambda d: d["moments"][0]["choices"][2].update(feedback="No citation here."), r"moments\[0\]\.choices\[2\]\.feedback: cites no work"),
        (lambda d: d["moments"][0]["choices"][2].update(feedback="Cited [@bordn1979]."), r'unknown citation key "@bordn1979" \(did you mean "@bordin1979"\?\)'),
        (lambda d: d["moments"][0].update(situation="<script>x</script> [@bordin1979]"), r"moments\[0\]\.situation: raw HTML is not allowed"),
        (lambda d: d["moments"][0]["choices"][2].update(feedback="See https://tracker.example/x [@bordin1979]."), r"is not in content/services\.yml"),
        (lambda d: d["moments"][0]["choices"][2].update(feedback="See [gone](gone.md) [@bordin1979]."), r'link to unknown topic "gone\.md"'),
        (lambda d: d.update(title="Alpha\nBeta"), r"title: must be one line"),
        (lambda d: d.update(reviewed="2999-01-01"), r"reviewed: 2999-01-01 is in the future"),
        (lambda d: d.update(title="A request to connect online"), r'title: "A request to connect online" is also the title of content/scenarios/social-media-request\.yml'),
    ],
)
def test_each_mistake_is_reported_at_its_file_line_and_field(mini: Path, change, expected: str) -> None:  # type: ignore[no-untyped-def]
    data = base()
    change(data)
    found = with_scenario(mini, dump(data))
    assert any(re.search(expected, line) for line in found), found
    assert all(re.match(r"content/scenarios/zz\.yml:\d+: ", line) for line in found), found


def test_every_problem_of_a_file_in_one_run(mini: Path) -> None:
    data = base()
    data["skill"] = "nope"
    data["related"] = ["nope"]
    data["moments"][0]["choices"][0]["feedback"] = "Uncited."
    data["moments"][1]["choices"][3]["feedback"] = "Uncited too."
    found = with_scenario(mini, dump(data))
    assert len(found) == 4, found


def test_a_file_name_that_is_not_an_id_and_a_file_that_is_not_yaml(mini: Path) -> None:
    (mini / "scenarios" / "notes.txt").write_text("x", encoding="utf-8")
    shutil.copy(QUIET, mini / "scenarios" / "Bad_Name.yml")
    found = checked(mini)
    assert any("scenarios/notes.txt: unexpected file; scenarios are YAML files" in d for d in found)
    assert any("scenarios/Bad_Name.yml: file name must be an id" in d for d in found)


def test_practice_settings_are_checked(mini: Path) -> None:
    edit(mini / "site.yml", "  audience: clients", "  audience: client")
    edit(mini / "site.yml", "    - id: boundaries", "    - id: ruptures")
    found = checked(mini)
    assert any('practice.audience: unknown audience "client" (did you mean "clients"?)' in d for d in found)
    assert any('practice.skills[1].id: "ruptures" is listed more than once' in d for d in found)


# -- the moments as a graph, on generated variants ----------------------------------------------

IDS = ["start", "a", "b", "c", "d", "e"]


def scenario_with_links(links: list[list[str | None]]) -> dict:
    """A valid scenario whose moment i's choices lead to links[i] (None: nowhere)."""
    data = base()
    moments = []
    for i, nexts in enumerate(links):
        choices = [{"text": f"Choice {j}", "feedback": "Why [@bordin1979]."} for j in range(3)]
        choices[0]["best"] = True
        for j, target in enumerate(nexts[:3]):
            if target is not None:
                choices[j]["next"] = target
        moments.append({"id": IDS[i], "situation": "A moment.", "question": "What now?", "choices": choices})
    data["moments"] = moments
    return data


def reachable(links: list[list[str | None]]) -> set[str]:
    seen, todo = {"start"}, ["start"]
    while todo:
        for target in links[IDS.index(todo.pop())]:
            if target is not None and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def has_cycle(links: list[list[str | None]]) -> bool:
    # Repeatedly remove moments that lead nowhere still present: a cycle is what remains.
    edges = {IDS[i]: {t for t in ts if t is not None} for i, ts in enumerate(links)}
    while True:
        sinks = [n for n, ts in edges.items() if not ts & edges.keys()]
        if not sinks:
            return bool(edges)
        for n in sinks:
            del edges[n]


@st.composite
def moment_links(draw) -> list[list[str | None]]:  # type: ignore[no-untyped-def]
    n = draw(st.integers(min_value=1, max_value=len(IDS)))
    ids = IDS[:n]
    return [draw(st.lists(st.one_of(st.none(), st.sampled_from(ids)), min_size=3, max_size=3)) for _ in range(n)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(links=moment_links())
def test_unreachable_moments_and_cycles_are_found_in_any_shape(mini: Path, links: list[list[str | None]]) -> None:
    found = with_scenario(mini, dump(scenario_with_links(links)))
    unreachable = {IDS[i] for i in range(len(links))} - reachable(links)
    reported = {m.group(1) for line in found if (m := re.search(r'no choice leads to "([a-z]+)"', line))}
    assert reported == unreachable
    assert any("lead round in a circle" in line for line in found) == has_cycle(links)
    assert all("no choice leads" in line or "circle" in line for line in found), found


# -- cues across all scenarios ------------------------------------------------------------------


def cue_site(mini: Path, moments: list[tuple[list[str], int]], cues: str) -> tuple[object, Diagnostics]:
    """The mini guide with one scenario holding `moments` (choice texts, best index) and `cues` limits."""
    data = base()
    data["moments"] = [
        {
            "id": IDS[0] if i == 0 else f"m{i}",
            "situation": "A moment.",
            "question": "What now?",
            "choices": [
                {"text": text, "feedback": "Why [@bordin1979].", **({"best": True} if j == best else {}),
                 **({"next": f"m{i + 1}"} if j == best and i + 1 < len(moments) else {})}
                for j, text in enumerate(texts)
            ],
        }
        for i, (texts, best) in enumerate(moments)
    ]
    for other in (mini / "scenarios").glob("*.yml"):
        other.unlink()
    (mini / "scenarios" / "cues.yml").write_text(dump(data), encoding="utf-8")
    edit(mini / "site.yml", "  skills:", f"  cues:\n{cues}  skills:")
    site, diags = load_site(mini)
    assert not diags.errors, [str(d) for d in diags.errors]
    out = Diagnostics()
    check_scenario_cues(site, out)
    return site, out


TEXTS = st.text(alphabet="abcdefgh ", min_size=1, max_size=30).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moments=st.lists(st.tuples(st.lists(TEXTS, min_size=3, max_size=4), st.integers(0, 3)), min_size=4, max_size=12))
def test_the_longest_cue_lists_exactly_the_moments_that_must_change(mini: Path, moments) -> None:  # type: ignore[no-untyped-def]
    moments = [(texts, best % len(texts)) for texts, best in moments]
    fresh = mini.parent / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(MINI, fresh)
    site, diags = cue_site(fresh, moments, "    max_longest_share: 0.25\n    max_position_share: 1\n    max_hedged_share: 1\n    min_moments: 4\n")
    cued = [p for p in placed_moments(site) if longest_margin(p) > 0]
    must = len(cued) - int(0.25 * len(moments) + 1e-9)
    listed = [d for d in diags.items if "the best choice is the longest" in d.message]
    assert len(listed) == max(0, min(must, 10))
    assert all(d.field.startswith("moments[") and d.line > 0 for d in listed)


def test_position_and_hedge_cues_are_counted_and_reported(mini: Path) -> None:
    plain = ["Say what you saw", "Ask what it meant", "Name the task", "Check the plan"]
    hedged = ["I wonder what that was like", "Say what you saw", "Ask what it meant", "Name the task"]
    site, diags = cue_site(mini, [(plain, 0)] * 6 + [(hedged, 0)] * 4, "    min_moments: 4\n")
    messages = [d.message for d in diags.items]
    assert sum("the best choice is choice A" in m for m in messages) == 6  # 10 at A, 40% allows 4
    assert sum("the only hedged one" in m for m in messages) == 1  # 4 of 10, 35% allows 3
    line = scenario_cue_summary(site)
    assert "10 moments" in line and "only hedged 40% (limit 35%)" in line and "A 100%" in line


def test_cues_are_not_judged_below_min_moments(mini: Path) -> None:
    site, diags = cue_site(mini, [(["Short", "A much longer choice", "Mid one"], 1)] * 3, "    min_moments: 4\n")
    assert not diags.items
    assert "not checked below 4 moments" in scenario_cue_summary(site)


@pytest.mark.parametrize(
    "text",
    ["I wonder if that stung.", "Perhaps we could pause.", "It sounds like a lot.", "I’m curious what you felt.",
     "MAYBE we go slower.", "It seems hard.", "Could it be that it hurt?", "That might be new."],
)
def test_hedges_are_found_in_any_case_and_with_either_apostrophe(text: str) -> None:
    assert is_hedged(text)


@given(st.text(alphabet="bdfhjklnqrtvxz .,", max_size=60))
def test_text_without_hedging_words_is_plain(text: str) -> None:
    assert not is_hedged(text)


def test_a_hedge_cue_needs_the_best_to_be_the_only_hedged_choice(mini: Path) -> None:
    site, _ = cue_site(mini, [(["Maybe this", "Perhaps that", "Say it"], 0), (["Maybe this", "Say that", "Say it"], 0)], "    min_moments: 10\n")
    first, second = placed_moments(site)
    assert not hedge_cue(first) and hedge_cue(second)


# -- drafts, the scaffold and the report --------------------------------------------------------


def test_a_draft_scenario_is_previewed_but_not_published(mini: Path) -> None:
    edit(mini / "scenarios/quiet-client.yml", "title:", "draft: true\ntitle:")
    site, diags = load_site(mini)
    check_site(site, diags)
    assert not diags.errors
    public = published(site)
    assert [s.id for s in public.scenarios] == ["social-media-request"]
    paths = [p.path for p in Renderer(public).pages()]
    assert "practice/social-media-request.md" in paths and "practice/quiet-client.md" not in paths


def test_the_scaffold_loads_as_a_draft_and_fails_check_until_filled(mini: Path) -> None:
    path = new_scenario(mini, "late-again", "ruptures", 'A client who is "late" again')
    assert path == mini / "scenarios" / "late-again.yml"
    site, diags = load_site(mini)
    check_site(site, diags)
    assert not diags.errors and any(d.path.endswith("late-again.yml") for d in diags.warnings)
    assert site.scenarios[0].title == 'A client who is "late" again'
    edit(path, "draft: true", "draft: false")
    found = [d for d in checked(mini) if "late-again.yml" in d]
    assert sum("placeholder text from the scaffold" in d for d in found) >= 9
    assert any("related: expected at least one related topic" in d for d in found)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Bad Id", "ruptures", "T"), "is not a valid id"),
        (("ok-id", "rupture", "T"), 'unknown skill "rupture" (did you mean "ruptures"?); the skills are: ruptures, boundaries'),
        (("ok-id", "ruptures", " "), "the title is empty"),
        (("ok-id", "ruptures", "two\nlines"), "one line"),
        (("quiet-client", "ruptures", "T"), "already exists"),
    ],
)
def test_the_scaffold_refuses_bad_input(mini: Path, args: tuple[str, str, str], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        new_scenario(mini, *args)


def test_new_scenario_from_the_command_line_prints_a_command_that_works(mini: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["new", "scenario", "late-again", "--skill", "ruptures", "--title", "Late again", "--content", str(mini)]) == 0
    out = capsys.readouterr().out
    command = re.search(r"then run `(?:\S*therapy-guide|\S+ -m generator) (check[^`]*)`", out).group(1)  # type: ignore[union-attr]
    assert main(command.split()) == 0  # the draft's problems are warnings: check passes
    assert main(["new", "scenario", "x", "--title", "T", "--content", str(mini)]) == 2
    assert "--skill is required" in capsys.readouterr().err
    assert main(["new", "topc", "x", "--section", "basics", "--title", "T", "--content", str(mini)]) == 2
    assert main(["new", "gamma", "--section", "basics", "--title", "Gamma", "--content", str(mini)]) == 0  # a topic, as before


def test_report_prints_the_scenario_cue_line(mini: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["report", "--content", str(mini)]) == 0
    assert "scenarios: 2 scenarios, 3 moments (not checked below 10 moments); best choice longest" in capsys.readouterr().out


def test_a_section_named_practice_collides_with_the_practice_page(mini: Path) -> None:
    shutil.copy(mini / "sections/basics.yml", mini / "sections/practice.yml")
    assert any("sections/practice.yml:1: its page would be published at /practice/" in d for d in checked(mini))


# -- rendering ----------------------------------------------------------------------------------


def test_renderers_get_the_scenarios_grouped_by_skill_with_their_references(mini: Path) -> None:
    site, _ = load_site(mini)
    renderer = Renderer(site)
    groups = renderer.scenarios.by_skill("study-guide.md")
    assert [(skill.id, [v.scenario.id for v in views]) for skill, views in groups] == [
        ("ruptures", ["quiet-client"]), ("boundaries", ["social-media-request"]),
    ]
    quiet = groups[0][1][0]
    assert quiet.moments[0].anchor == "quiet-client-moment-start"  # unique on a page with several
    assert quiet.moments[0].choices[1].next_number == 2 and quiet.moments[1].ends
    assert {r.key for r in quiet.references} == {"bordin1979", "fluckiger2018"}
    assert "[Alpha](basics/alpha.md)" in quiet.moments[1].choices[2].feedback  # links made for the study guide's path
    assert quiet.related[0].url == "basics/alpha.md"


@st.composite
def generated_scenario(draw) -> dict:  # type: ignore[no-untyped-def]
    words = st.text(alphabet="abcdefghij klmn", min_size=3, max_size=40).map(str.strip).filter(bool)
    data = base()
    n = draw(st.integers(3, 4))
    best = draw(st.integers(0, n - 1))
    data["moments"] = [{
        "id": "start", "situation": draw(words), "question": draw(words),
        "choices": [{"text": draw(words), "feedback": draw(words) + f" {j} [@bordin1979].", **({"best": True} if j == best else {})}
                    for j in range(n)],
    }]
    return data


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=generated_scenario())
def test_every_choice_gets_its_own_feedback_box_and_one_is_best(mini: Path, data: dict) -> None:
    (mini / "scenarios" / "quiet-client.yml").write_text(dump(data), encoding="utf-8")
    site, diags = load_site(mini)
    assert not diags.errors
    scenario = next(s for s in site.scenarios if s.id == "quiet-client")
    page = next(p for p in Renderer(site).pages() if p.path == scenario_path(scenario))
    boxes = re.findall(r'<details class="scenario-choice-feedback" data-letter="([A-D])" data-best="(true|false)"', page.markdown)
    n = len(data["moments"][0]["choices"])
    assert [b[0] for b in boxes] == list("ABCD"[:n])
    assert [b[1] for b in boxes].count("true") == 1
    assert page.markdown.count('<li data-letter="') == n
    for j in range(n):
        assert f" {j} " in page.markdown.split('data-letter="' + "ABCD"[j] + '" data-best')[1]


def test_a_scenario_citing_a_refused_site_is_refused_at_its_field(mini: Path) -> None:
    wiki = "\n@misc{wiki_x,\n  author = {{Wikipedia}},\n  title = {X},\n  url = {https://en.wikipedia.org/wiki/X},\n  urldate = {2026-12-01}\n}\n"
    (mini / "references.bib").write_text((mini / "references.bib").read_text(encoding="utf-8") + wiki, encoding="utf-8")
    data = base()
    data["moments"][0]["choices"][2]["feedback"] = "Cited [@wiki_x]."
    found = [line for line in with_scenario(mini, dump(data)) if "wiki_x" in line]
    assert len(found) == 1 and "moments[0].choices[2].feedback" in found[0] and "wikipedia.org" in found[0], found


def test_the_preview_marks_a_draft_scenario_with_what_is_missing(mini: Path) -> None:
    from generator.checks.drafts import mark_draft_pages
    from generator.pages.render import page_path

    edit(mini / "scenarios/quiet-client.yml", "title:", "draft: true\ntitle:")
    edit(mini / "scenarios/quiet-client.yml", "related: [alpha, beta]", "related: []")
    site, diags = load_site(mini)
    check_site(site, diags)
    pages = mark_draft_pages(Renderer(site).pages(), site, diags, page_path)
    page = next(p for p in pages if p.path == "practice/quiet-client.md")
    assert page.markdown.index("# The client who goes quiet") < page.markdown.index('!!! warning "Draft: not published"')
    assert "related: expected at least one related topic" in page.markdown
    other = next(p for p in pages if p.path == "practice/social-media-request.md")
    assert "Draft: not published" not in other.markdown
