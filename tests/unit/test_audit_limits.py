"""`make audit` finishes (issue 20): a gate past its time limit is a failed row with the reason, and
the audit says what it does not run and why."""

from __future__ import annotations

import subprocess

import pytest

from audit import gates
from audit.__main__ import SKIPPED


def test_linkchecker_past_its_limit_is_a_failed_gate_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def too_slow(command, **kwargs):  # type: ignore[no-untyped-def]
        raise subprocess.TimeoutExpired(command, kwargs.get("timeout"))

    monkeypatch.setattr(gates.shutil, "which", lambda *a, **k: "/usr/bin/linkchecker")
    monkeypatch.setattr(gates.subprocess, "run", too_slow)
    result = gates.link_check("http://127.0.0.1:1", anchors=True)
    assert not result.passed and f"stopped after {gates.LINKCHECKER_SECONDS} s" in result.summary


def test_the_audit_names_what_it_skips_and_why() -> None:
    assert any("anchor" in reason and "instead" in reason for reason in SKIPPED)
