"""A large export streams through in bounded memory (peak RSS of a subprocess)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest import wxr

ROOT = Path(__file__).resolve().parents[2]
# The child reports its own high-water mark (VmHWM belongs to the program after exec,
# unlike ru_maxrss, which a forked child inherits from the big pytest process).
REPORT_PEAK = """
import atexit, re, sys
def report():
    status = open("/proc/self/status").read()
    sys.stderr.write("PEAK_KB " + re.search(r"VmHWM:\\s+(\\d+)", status)[1] + "\\n")
atexit.register(report)
"""
COUNT_RECORDS = """
from masthead.ingest.wordpress.parser import parse
with open(sys.argv[1], "rb") as f:
    print(sum(1 for _ in parse(f)))
"""
RUN_MASTHEAD = """
from masthead.cli import main
main(["masthead", *sys.argv[1:]])
"""

pytestmark = pytest.mark.slow


def peak_rss_mb(code: str, *args: str, **kwargs) -> tuple[int, str]:
    """Run Python ``code`` with ``args``; return its peak resident memory in MB and its output."""
    done = subprocess.run(
        [sys.executable, "-c", REPORT_PEAK + code, *args],
        capture_output=True, text=True, check=True, **kwargs,
    )  # fmt: skip
    return int(re.search(r"PEAK_KB (\d+)", done.stderr)[1]) // 1024, done.stdout


def test_the_parser_reads_a_file_bigger_than_its_memory(tmp_path: Path):
    """Without freeing each element, lxml would hold the whole 120 MB tree (>500 MB)."""
    path = tmp_path / "large.xml"
    posts = wxr.write_large(path, megabytes=120)
    peak, out = peak_rss_mb(COUNT_RECORDS, str(path), cwd=ROOT)
    assert int(out) == posts + 6  # the channel, an author, three categories and a tag
    assert peak < 80


def test_the_import_command_stays_under_300_mb(tmp_path: Path):
    path = tmp_path / "export.xml"
    posts = wxr.write_large(path, megabytes=2)
    data = str(tmp_path / "data")
    # Its own SQLite database in its own data folder, even when the tests run on PostgreSQL.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    peak_rss_mb(RUN_MASTHEAD, "migrate", "-v0", "--data", data, cwd=ROOT, env=env)
    peak, out = peak_rss_mb(
        RUN_MASTHEAD, "import", "wordpress", str(path), "--json", "--data", data, cwd=ROOT, env=env
    )
    assert f'"items": {posts}' in out
    assert peak < 300
