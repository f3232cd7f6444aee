"""Synthetic guides with the real content's shape: the real topics, copied and renamed.

Copy k of the guide gets its own five sections (basics-k, …) holding copy k of each topic, with
`related` links and reading paths kept inside the copy, the real glossary (terms appear on every
copy's pages) and the real bibliography. So a 1,000-topic guide has about 180 sections of five or
six topics, like the real one, and every page has the real words, citations, quizzes and links.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def _front(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.S)
    assert match, "topic without front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


def make_guide(target: Path, topics: int, source: Path = CONTENT) -> Path:
    """Write a content folder with `topics` topics into `target` (replaced if it exists)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("glossary.yml", "helplines.yml", "services.yml", "references.bib", "handout.yml"):
        if (source / name).exists():
            shutil.copy(source / name, target / name)
    real = sorted((source / "topics").glob("*.md"))
    per_copy = len(real)
    copies = math.ceil(topics / per_copy)
    sections = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (source / "sections").glob("*.yml")}
    (target / "sections").mkdir()
    (target / "topics").mkdir()

    def name(base: str, k: int) -> str:
        return base if k == 0 else f"{base}-{k + 1}"

    written = 0
    topic_ids: set[str] = set()
    for k in range(copies):
        for sid, data in sections.items():
            copy = dict(data)
            copy["title"] = data["title"] if k == 0 else f"{data['title']} ({k + 1})"
            copy["order"] = k * 10 + data["order"]
            (target / "sections" / f"{name(sid, k)}.yml").write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for path in real:
            if written == topics:
                break
            front, body = _front(path.read_text(encoding="utf-8"))
            front["title"] = front["title"] if k == 0 else f"{front['title']} ({k + 1})"
            front["section"] = name(front["section"], k)
            front["related"] = [name(r, k) for r in front.get("related", [])]
            topic_id = name(path.stem, k)
            topic_ids.add(topic_id)
            body = re.sub(r"\]\(([a-z0-9-]+)\.md", lambda m: f"]({name(m.group(1), k)}.md", body)
            text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body
            (target / "topics" / f"{topic_id}.md").write_text(text, encoding="utf-8")
            written += 1
    # Keep only links to topics that exist (the last copy may be partial).
    for path in (target / "topics").glob("*.md"):
        front, body = _front(path.read_text(encoding="utf-8"))
        front["related"] = [r for r in front["related"] if r in topic_ids] or [next(iter(sorted(topic_ids - {path.stem})))]
        while len(front["related"]) < 2 and len(topic_ids) > 2:
            front["related"].append(sorted(topic_ids - {path.stem, *front["related"]})[0])
        body = re.sub(r"\[([^\]]*)\]\(([a-z0-9-]+)\.md\)", lambda m: m.group(0) if m.group(2) in topic_ids else m.group(1), body)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body
        path.write_text(text, encoding="utf-8")
    # Empty sections (a partial last copy) are dropped.
    used = set()
    for path in (target / "topics").glob("*.md"):
        used.add(_front(path.read_text(encoding="utf-8"))[0]["section"])
    for path in (target / "sections").glob("*.yml"):
        if path.stem not in used:
            path.unlink()
    # A partial guide may not use every glossary term; keep the ones its pages use (as `check` requires).
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in (target / "topics").glob("*.md")).casefold()
    glossary = yaml.safe_load((target / "glossary.yml").read_text(encoding="utf-8"))
    glossary = [
        e for e in glossary
        if any(re.search(rf"(?<!\w){re.escape(w.casefold())}(?!\w)", corpus) for w in [e["term"], *e.get("synonyms", [])])
    ]
    (target / "glossary.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    settings = yaml.safe_load((source / "site.yml").read_text(encoding="utf-8"))
    for audience in settings.get("audiences", []):
        audience["path"] = [t for t in audience.get("path", []) if t in topic_ids]
    (target / "site.yml").write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
