"""The pure parts of `make faults` and `make soak` (scripts/): what counts as a failure, a slope."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load(name: str) -> ModuleType:
    """Import ``scripts/<name>.py``; the scripts import each other by bare name."""
    sys.path.insert(0, str(SCRIPTS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(SCRIPTS))


stack, faults, soak = load("stack"), load("faults"), load("soak")


def test_memory_slope_is_the_least_squares_line_in_mb_per_minute():
    rising = [(t, 90 + 0.5 * t / 60) for t in range(60, 600, 5)]
    assert soak.slope(rising) == pytest.approx(0.5)
    assert soak.slope([(t, 95.0) for t in range(0, 300, 5)]) == 0
    assert soak.slope([(0, 95.0)]) == 0


def test_answers_fall_into_the_window_they_ended_in_and_late_failures_are_timed():
    answer = stack.Answer
    answers = [answer("a", 0, 1, 200), answer("a", 1, 5, 503), answer("a", 4, 6, 200),
               answer("a", 9, 11.5, "RemoteDisconnected"), answer("a", 12, 13, 200)]  # fmt: skip
    result = faults.windows(answers, start=2, end=10)
    assert (result["before"]["requests"], result["during"]["requests"]) == (1, 2)
    assert result["during"]["by_status"] == {"503": 1}
    assert result["after"]["by_status"] == {"RemoteDisconnected": 1}
    assert result["last_failure_after_fault_s"] == 1.5


def test_a_redirect_is_a_success_and_a_4xx_or_no_answer_is_not():
    assert stack.ok(stack.Answer("a", 0, 1, 302))
    assert not stack.ok(stack.Answer("a", 0, 1, 429))
    assert not stack.ok(stack.Answer("a", 0, 1, "ConnectionResetError"))


def test_the_stack_serves_with_granian_unless_gunicorn_is_asked_for(tmp_path):
    """Both servers stay selectable; granian, ``masthead serve``'s default, is the scripts' too."""
    where = SimpleNamespace(url="postgres://127.0.0.1/x")
    default = stack.Site(tmp_path, where, where)
    assert default.serve_argv()[-2:] == ["--server", "granian"]
    assert default.respawn_pause > 5.5  # granian exits on a second death within 5.5 s
    chosen = stack.Site(tmp_path, where, where, "gunicorn")
    assert chosen.serve_argv()[-2:] == ["--server", "gunicorn"]
    assert chosen.respawn_pause == 0


def test_the_server_log_counts_worker_deaths_of_either_server(tmp_path):
    log = tmp_path / "serve.log"
    log.write_text(
        "[ERROR] Unexpected exit from worker-1\n[ERROR] Worker crash loop detected, exiting\n"
        "[CRITICAL] WORKER TIMEOUT (pid:12)\n"
    )
    summary = faults.log_summary(log)
    assert (summary["worker_exits"], summary["crash_loop_exits"]) == (1, 1)
    assert summary["worker_timeouts"] == 1
