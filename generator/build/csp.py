"""The Content-Security-Policy every page carries, as a <meta http-equiv> (a static site sends no headers).

The third wall behind the content checks and the sanitizer: even if markup got into a page,
the browser would run no inline script or handler, load nothing from another host and send
no form anywhere else. The theme's own inline scripts are allowed by their SHA-256 hashes,
computed from each page as built (Material's first script names the page's depth, so the
hashes differ between pages); the page's content is cut out first, so nothing that came from
content/ can ever be hashed into the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re

# <script> elements with inline code: no src attribute, and a type a browser runs (the theme's
# JSON configuration block is data, which CSP does not govern).
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SRC = re.compile(r"""\bsrc\s*=""", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)

# What Material needs, measured in Chromium (tests/browser/test_csp.py): without data: in img-src
# every page reports a violation from Material's bundle, which loads its SVG icons as data: URLs;
# it writes no inline style that style-src 'self' blocks (it sets styles through the DOM, which a
# policy allows); the search worker is a file of the site.
BASE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


# A reader who follows a link to an outside service (or whose browser fetches anything) does not
# tell it which page of a mental-health guide they were reading.
REFERRER = '<meta name="referrer" content="no-referrer">'


def inline_script_hashes(html_text: str) -> list[str]:
    """The 'sha256-…' source of every inline script in some HTML, in order, without repeats."""
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html_text):
        attributes, code = match.group(1), match.group(2)
        if _SRC.search(attributes) or _DATA_TYPE.search(attributes):
            continue
        token = "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def policy(script_hashes: list[str]) -> str:
    """The policy text: the base policy with the given script hashes allowed."""
    parts = dict(BASE_POLICY)
    if script_hashes:
        parts["script-src"] += " " + " ".join(script_hashes)
    return "; ".join(f"{name} {value}" for name, value in parts.items())


def add_policy(output: str, content: str) -> str:
    """The page with its policy (and the referrer policy) first in <head> after the charset, before any script.

    `content` is the page's content HTML (what came from content/ and docs/), whose scripts,
    if any survived, must never be allowed."""
    theme_part = output.replace(content, "") if content else output
    return _with_policy(output, theme_part)


def add_policy_hashing(before: str, content: str, after: str) -> str:
    """The page `before + content + after` with its policy, allowing only the scripts of `before`
    and `after` (the theme's) and never one in `content`."""
    return _with_policy(before, before + after) + content + after


def _with_policy(output: str, theme_part: str) -> str:
    """`output` with the policy for the theme's scripts in `theme_part` put in its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(theme_part))}">' + REFERRER
    found = _CHARSET.search(output)
    if found:
        return output[: found.end()] + meta + output[found.end() :]
    head = output.lower().find("<head>")
    if head == -1:
        return meta + output
    return output[: head + 6] + meta + output[head + 6 :]
