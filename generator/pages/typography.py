"""Small typographic rules for generated text: a statistic stays on one line.

"r = .28" broken after "r" or "=" reads as two fragments on a phone and in print, so the spaces
inside a statistic (a symbol, a relation sign and a number) become non-breaking spaces.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

# A statistic: a short symbol (r, d, g, k, N, p, OR, SMD, "95% CI", Greek letters) not glued to a
# word before it, a relation sign, and a number (which may start with a minus sign or a point).
# Spaces only (not line breaks): a statistic split over two source lines is left as written.
FIGURE_RE = re.compile(
    r"(?<![\w.])((?:95% CI|[A-Za-z\u0370-\u03ff]{1,3}))[ \u00a0]++([=<>≈≤≥])[ \u00a0]++(?=[−–-]?[\d.]\d?)"
)
RELATIONS = "=<>≈≤≥"


def keep_figures_together(text: str) -> str:
    """Join the parts of every statistic ("r = .278", "p < .001", "SMD = −0.09") with non-breaking spaces."""
    if not any(sign in text for sign in RELATIONS):  # most texts have no statistic: skip the scan
        return text
    return FIGURE_RE.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}{NBSP}", text)
