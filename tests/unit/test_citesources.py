"""Pages cite research and official sources: an encyclopedia or a news site cited in a topic or on the
handout is an error naming the citation, the site and its kind (checks/citesources.py)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.checks.citesources import refused_kind
from generator.checks.run import check_site
from generator.content.load import load_site
from generator.content.model import CitationPolicy
from tests.conftest import edit

REFUSE = CitationPolicy().refuse
labels = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10).filter(lambda s: not s.startswith("-"))
refused_domains = st.sampled_from([(kind, d) for kind, domains in REFUSE.items() for d in domains])
paths = st.text("abcdefghijklmnopqrstuvwxyz0123456789/_-", max_size=30)


@given(refused_domains, st.lists(labels, max_size=3), st.sampled_from(["http", "https"]), paths, st.booleans())
def test_a_refused_site_and_every_subdomain_are_refused(kd: tuple[str, str], subs: list[str], scheme: str, path: str, upper: bool) -> None:
    kind, domain = kd
    host = ".".join([*subs, domain])
    url = f"{scheme}://{host.upper() if upper else host}/{path}"
    assert refused_kind(url, REFUSE) == (kind, domain)


@given(refused_domains, labels)
def test_a_lookalike_domain_is_not_refused(kd: tuple[str, str], prefix: str) -> None:
    """`notwikipedia.org` is not `wikipedia.org`; `wikipedia.org.example.net` is not either."""
    _, domain = kd
    for host in (prefix + domain, f"{domain}.{prefix}.net"):
        found = refused_kind(f"https://{host}/page", REFUSE)
        assert found is None or found[1] != domain


@given(st.text(max_size=60))
def test_any_text_as_an_address_never_raises(text: str) -> None:
    refused_kind(text, REFUSE)


def _problems(root: Path) -> list[str]:
    site, diags = load_site(root)
    check_site(site, diags)
    return [str(d) for d in diags.sorted()]


WIKI = """
@misc{wiki_nhs24,
  author  = {{Wikipedia}},
  title   = {{NHS} 24},
  url     = {https://en.wikipedia.org/wiki/NHS_24},
  urldate = {2026-12-01}
}
"""


def test_a_topic_citing_an_encyclopedia_is_refused_at_the_citations_line(content: Path) -> None:
    (content / "references.bib").write_text((content / "references.bib").read_text() + WIKI)
    edit(content / "topics/cost-of-therapy.md", "[@healthcare_medicaid_chip]", "[@healthcare_medicaid_chip; @wiki_nhs24]")
    found = [p for p in _problems(content) if "wiki_nhs24" in p]
    assert len(found) == 1, found
    assert '"@wiki_nhs24" is an encyclopedia (wikipedia.org)' in found[0] and "citations.refuse in site.yml" in found[0]
    line = int(found[0].split(":")[1])
    assert "@wiki_nhs24" in (content / "topics/cost-of-therapy.md").read_text().split("\n")[line - 1]


def test_a_helpline_may_keep_it_as_a_source_and_the_handout_may_not_cite_it(content: Path) -> None:
    (content / "references.bib").write_text((content / "references.bib").read_text() + WIKI)
    edit(content / "helplines.yml", "    - nhs24_guide\n", "    - nhs24_guide\n    - wiki_nhs24\n")
    assert not [p for p in _problems(content) if "wiki_nhs24" in p]
    edit(content / "handout.yml", "sources: [", "sources: [wiki_nhs24, ")
    found = [p for p in _problems(content) if "wiki_nhs24" in p]
    assert len(found) == 1 and found[0].startswith("content/handout.yml:") and "sources[0]" in found[0], found


def test_the_list_is_configurable(content: Path) -> None:
    edit(content / "site.yml", "    an encyclopedia: [", "    a marketing blog: [therapyhelpers.com]\n    an encyclopedia: [")
    bib = content / "references.bib"
    bib.write_text(bib.read_text() + "\n@misc{blog_x,\n  author = {{Therapy Helpers}},\n  title = {How to check},\n"
                   "  url = {https://therapyhelpers.com/blog/x/},\n  urldate = {2026-12-01}\n}\n")
    edit(content / "topics/checking-a-therapist.md", "[@bbs2021statutes]", "[@bbs2021statutes; @blog_x]")
    found = [p for p in _problems(content) if "blog_x" in p]
    assert len(found) == 1 and "is a marketing blog (therapyhelpers.com)" in found[0], found
