"""Rules for outside links: `content/services.yml`, topics' next steps and helplines' sources.

Every outside address the guide shows is kept in one place with where and when it
was checked, so that a maintainer can re-check them all and `check` can hold the
content to that list:

- every http(s) address written in a topic must be a service's url, a helpline's
  web contact or the url of a reference in references.bib;
- every service has an https url without tracking parameters, a source (a reference
  key or the address of the page checked) and a checked date that is neither
  in the future nor older than the review interval;
- every topic lists at least one next step, and each names a service that exists;
- every helpline lists at least two sources, each a reference key or an https address.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..content.diagnostics import Diagnostics, did_you_mean, quote
from ..content.model import Site
from .texts import line_in_text, prose

# Query parameters that identify a campaign, a click or a person: never in an outside link.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
    "ttclid", "li_fat_id", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_enc_id",
    "oly_anon_id", "vero_id", "s_cid", "icid", "cmpid", "wt.mc_id",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
# An address written anywhere in a text: stop at white space and at the characters that end
# a Markdown link or a sentence around it.
URL_RE = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?*_"
MIN_HELPLINE_SOURCES = 2


def tracking_params(url: str) -> list[str]:
    """The names of tracking parameters in a URL's query (and fragment), in order."""
    parts = urlsplit(url)
    found = []
    for piece in (parts.query, parts.fragment):
        for name, _ in parse_qsl(piece, keep_blank_values=True):
            low = name.lower()
            if low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES):
                found.append(name)
    return found


def without_tracking(url: str) -> str:
    """The URL with its tracking parameters removed (other parameters kept in order)."""
    parts = urlsplit(url)
    kept = [
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not (name.lower() in TRACKING_PARAMS or name.lower().startswith(TRACKING_PREFIXES))
    ]
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=""))


def normalise(url: str) -> str:
    """A URL as compared against the list: scheme and host in lower case, no fragment, no trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def outside_urls(text: str) -> Iterator[tuple[str, int]]:
    """(address, offset) for every http(s) address in a text, without trailing punctuation."""
    for match in URL_RE.finditer(text):
        yield match.group(0).rstrip(TRAILING), match.start()


def reference_urls(site: Site) -> set[str]:
    """The url of every entry in references.bib, normalised."""
    if site.bibliography is None:
        return set()
    urls = set()
    for key in site.bibliography.keys():
        value = site.bibliography.source[key].get("URL")
        for url in value if isinstance(value, list) else [value] if value else []:
            urls.add(normalise(str(url)))
    return urls


def allowed_urls(site: Site) -> set[str]:
    """Every outside address content may link to: services, helplines' web contacts, references."""
    urls = {normalise(s.url) for s in site.services}
    urls |= {normalise(c.value) for h in site.helplines for c in h.contacts if c.kind == "web"}
    return urls | reference_urls(site)


# Scripts a host name may mix (Unicode TS 39, "highly restrictive"): one script, or Latin with the
# scripts written together with Han. Any other mix (Latin with Cyrillic: `pаypal`) is a look-alike.
_SCRIPT_MIXES = ({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}, {"LATIN", "HAN", "BOPOMOFO"}, {"LATIN", "HAN", "HANGUL"})


def host_problem(url: str) -> str | None:
    """Why an address could mislead a reader about where it goes, or None.

    - `https://real.org@evil.example` goes to evil.example: no user name or password before the host;
    - an internationalised host (`xn--…` or written in Unicode) that mixes scripts, or whose letters
      can be taken for Latin ones (`аррӏе.com` in Cyrillic), is a look-alike of another host. Unicode's
      scripts and confusables decide (confusable-homoglyphs), the host as a reader sees it (idna)."""
    import idna
    from confusable_homoglyphs import categories, confusables

    parts = urlsplit(url.strip())
    if "@" in parts.netloc:
        return (
            f"the address has a user name before the host ({quote(parts.netloc, 60)}), so it goes to "
            f"{quote(parts.hostname or '', 60)}; write the address of the page itself"
        )
    host = parts.hostname or ""
    try:
        shown = idna.decode(host) if host.isascii() else idna.decode(idna.encode(host))
    except idna.IDNAError:
        return f"the host {quote(host, 60)} is not a valid domain name"
    if shown.isascii():
        return None
    for label in shown.split("."):
        scripts = {categories.alias(ch) for ch in label} - {"COMMON", "INHERITED"}
        mixed = len(scripts) > 1 and not any(scripts <= allowed for allowed in _SCRIPT_MIXES)
        if mixed or (not label.isascii() and confusables.is_confusable(label, greedy=False, preferred_aliases=["latin"])):
            return (
                f"the host {quote(shown, 60)} looks like another address (its letters {'mix scripts' if mixed else 'can be taken for Latin ones'}); "
                "check it, and write the host the service itself uses"
            )
    return None


def _is_https_address(value: str) -> bool:
    parts = urlsplit(value)
    # No white space, brackets or quotes: the address goes into a Markdown link as it is.
    return parts.scheme == "https" and bool(parts.netloc) and not re.search(r"[\s()<>\[\]\"'`]", value)


def check_topic_links(site: Site, diags: Diagnostics) -> None:
    """Every http(s) address in a topic or scenario is on the list (services, helplines, references)."""
    allowed = allowed_urls(site)
    spath = f"{site.root}/services.yml"
    listed_known = spath not in site.unread_files  # an unreadable list is one error, not one per link
    for source, field, text, start in prose(site):
        for url, offset in outside_urls(text):
            line = line_in_text(site, source, field, text, start, offset)
            problems = tracking_params(url)
            if problems:
                clean = without_tracking(url)
                listed = f" (the address without them, {quote(clean, 80)}, is listed)" if normalise(clean) in allowed else ""
                diags.add(
                    source, line, field,
                    f"outside link {quote(url, 80)} carries tracking parameters ({', '.join(problems)}); remove them{listed}",
                )
                if listed:
                    continue
            if listed_known and normalise(url) not in allowed:
                diags.add(
                    source, line, field,
                    f"outside link {quote(url, 80)} is not in {spath}; add the service there with its source "
                    "and checked date (or cite the page as a reference)",
                )


def check_services(site: Site, diags: Diagnostics, now: dt.date | None = None) -> None:
    """Each service: unique id and url, an https url without tracking, a known source, a current checked date."""
    now = now or dt.date.today()
    interval = dt.timedelta(days=site.settings.review.interval_days)
    path = f"{site.root}/services.yml"
    keys = site.bibliography.keys() if site.bibliography is not None else []
    ids = Counter(s.id for s in site.services)
    urls = Counter(normalise(s.url) for s in site.services)
    for i, service in enumerate(site.services):
        def add(name: str, message: str) -> None:
            diags.add(path, site.line(path, f"[{i}].{name}"), f"[{i}].{name}", message)

        if ids[service.id] > 1:
            add("id", f'"{service.id}" is used by more than one service')
        if not _is_https_address(service.url):
            add("url", f"expected an https address like https://www.example.org/page, got {quote(service.url, 80)}")
        elif urls[normalise(service.url)] > 1:
            add("url", f"{quote(service.url, 80)} is listed by more than one service; keep one")
        problems = tracking_params(service.url)
        if problems:
            add("url", f"remove the tracking parameters ({', '.join(problems)}) from {quote(service.url, 80)}")
        misleading = host_problem(service.url)
        if misleading:
            add("url", misleading)
        for name in ("name", "region", "what"):
            if re.search(r"[\[\]<>]", getattr(service, name)):
                add(name, "must be plain text: no [ ] < > (the list adds the link itself)")
        problem = source_problem(service.source, keys, site)
        if problem:
            add("source", problem)
        if service.checked > now:
            add("checked", f"{service.checked} is in the future; expected the day you checked the page")
        elif now - service.checked > interval:
            add("checked", f"checked {service.checked}, more than {interval.days} days ago; check the page again and update the date")


def source_problem(value: str, keys: Iterable[str], site: Site) -> str | None:
    """What is wrong with a source (a key of references.bib or the address of the page checked), or None."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
        # A record of the page that was read, not a link readers follow: http is accepted.
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.netloc or re.search(r"\s", value):
            return f"expected a reference key or the address (http or https) of the page you checked, got {quote(value, 80)}"
        if tracking_params(value):
            return f"remove the tracking parameters ({', '.join(tracking_params(value))}) from {quote(value, 80)}"
        return None
    if site.bibliography is not None and value.lower() not in site.bibliography:
        return f'unknown reference key "{value}"{did_you_mean(value, keys)}; add it to references.bib or give the address of the page you checked'
    return None


def check_next_steps(site: Site, diags: Diagnostics) -> None:
    """Every topic lists at least one next step; each is a service that exists, listed once."""
    # Ids of entries that failed to load count as known: their own errors are reported once.
    ids = {s.id for s in site.services} | set(site.service_ids)
    spath = f"{site.root}/services.yml"
    for topic in site.topics:
        if not topic.next_steps:
            diags.add(
                topic.source, site.line(topic.source, "reviewed"), "next_steps",
                f"required: list at least one service from {spath} as a next step "
                "(for example `next_steps: [a-service-id]`, after `reviewed:`)",
            )
        for i, sid in enumerate(topic.next_steps):
            field = f"next_steps[{i}]"
            if sid not in ids and spath not in site.unread_files:
                diags.add(
                    topic.source, site.line(topic.source, field), field,
                    f'unknown service "{sid}"{did_you_mean(sid, ids)}; expected an id from {spath}',
                )
        for sid, n in Counter(topic.next_steps).items():
            if n > 1:
                diags.add(topic.source, site.line(topic.source, "next_steps"), "next_steps", f'"{sid}" is listed more than once')


def check_helpline_sources(site: Site, diags: Diagnostics) -> None:
    """Every helpline names at least two sources where its numbers were checked."""
    path = f"{site.root}/helplines.yml"
    keys = site.bibliography.keys() if site.bibliography is not None else []
    for i, helpline in enumerate(site.helplines):
        if len(set(helpline.sources)) < MIN_HELPLINE_SOURCES:
            diags.add(
                path, site.line(path, f"[{i}].sources") or site.line(path, f"[{i}].verified_on"), f"[{i}].sources",
                f"expected at least {MIN_HELPLINE_SOURCES} different sources (reference keys or page addresses) "
                f"where the numbers were checked, got {len(set(helpline.sources))}",
            )
        for j, value in enumerate(helpline.sources):
            problem = source_problem(value, keys, site)
            if problem:
                field = f"[{i}].sources[{j}]"
                diags.add(path, site.line(path, field), field, problem)
        for j, contact in enumerate(helpline.contacts):
            if contact.kind == "web":
                field = f"[{i}].contacts[{j}].value"
                if not _is_https_address(contact.value):
                    diags.add(path, site.line(path, field), field, f"expected an https address, got {quote(contact.value, 80)}")
                misleading = host_problem(contact.value)
                if misleading:
                    diags.add(path, site.line(path, field), field, misleading)
                problems = tracking_params(contact.value)
                if problems:
                    diags.add(path, site.line(path, field), field, f"remove the tracking parameters ({', '.join(problems)})")


def check_outside_links(site: Site, diags: Diagnostics, now: dt.date | None = None) -> None:
    """Run every rule about outside links.

    The services rule applies site.yml's review interval, so it is skipped when site.yml
    could not be loaded (that problem is reported once, by the loader)."""
    check_topic_links(site, diags)
    if site.settings_loaded:
        check_services(site, diags, now)
    check_next_steps(site, diags)
    check_helpline_sources(site, diags)


def check_help_page(site: Site, diags: Diagnostics) -> None:
    """Get help now, linked from every page, must list at least one service: a guide whose helplines.yml
    is missing or empty is refused (when entries are there but broken, their own errors say so)."""
    path = f"{site.root}/helplines.yml"
    if site.helplines or any(d.path == path and d.severity == "error" for d in diags.items):
        return
    diags.add(
        path, 0, "",
        "Get help now would be empty: every page links to it, so list at least one crisis line or "
        "emergency number here, with its sources and the date you checked it (see manual/content.md)",
    )
