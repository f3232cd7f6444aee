"""The placeholder texts of the new-topic and new-scenario scaffolds, in one place.

`new.py` writes them into a new topic, and `drafts.check_placeholders` reports
each one still there, so a scaffold cannot be published by accident. To change
a placeholder, change it here: the scaffold and the check follow.
"""

from __future__ import annotations

# name -> the exact text the scaffold writes (names are used by new.py's template).
PLACEHOLDERS: dict[str, str] = {
    "summary": "One plain sentence that says what this page is about.",
    "key_point_1": "A first key point, in plain words.",
    "key_point_2": "A second key point.",
    "key_point_3": "A third key point.",
    "question": "A question as a person would type it into a search box?",
    "answer": "A short, warm answer in plain words.",
    "reflect": "A question for the reader to think about.",
    "quiz_question": "A question that checks understanding?",
    "quiz_right": "The right answer",
    "quiz_wrong_1": "A plausible wrong answer",
    "quiz_wrong_2": "Another plausible wrong answer",
    "quiz_why": "Why the right answer is right.",
    "plain": "Write for someone new to the subject: short sentences, everyday words.",
    "deeper": "Write for students: precise terms, and cite research like this [@bordin1979].",
}

# The same for the scenario scaffold (`new scenario`).
SCENARIO_PLACEHOLDERS: dict[str, str] = {
    "scenario_summary": "One plain line that says what happens in this scenario.",
    "situation": "A few lines on the client and the session, in our own words, then what the client says.",
    "scenario_question": "The question the learner answers at this moment, such as: what do you say next?",
    "choice_best": "What the learner would say or do: the best choice here.",
    "choice_other_1": "Another thing the learner might say or do.",
    "choice_other_2": "A third thing the learner might say or do.",
    "choice_feedback": "What this choice leads to, and why, with a citation like this [@bordin1979].",
    "supervision_item": "What to bring to supervision from this scenario.",
}

_TEXTS = frozenset(PLACEHOLDERS.values()) | frozenset(SCENARIO_PLACEHOLDERS.values())


def is_placeholder(text: str) -> bool:
    """True when a field holds nothing but a scaffold placeholder."""
    return text.strip() in _TEXTS


def placeholders_in(text: str) -> list[tuple[int, str]]:
    """(offset, placeholder) for each scaffold sentence inside a longer text, such as a layer."""
    found = []
    for placeholder in PLACEHOLDERS.values():
        start = text.find(placeholder)
        while start != -1:
            found.append((start, placeholder))
            start = text.find(placeholder, start + 1)
    return sorted(found)
