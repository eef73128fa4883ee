"""The `masthead` command: the data folder option, demo and serve, run as a user would."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from masthead.cli import take_data_option

pytestmark = pytest.mark.slow


def masthead(*args: str, data: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """Run ``masthead`` in a child process on the data folder ``data``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    return subprocess.run(
        [sys.executable, "-m", "masthead.cli", *args, "--data", str(data)],
        capture_output=True, text=True, timeout=timeout, env=env, check=False,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_data_option_is_taken_from_anywhere_on_the_line(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("MASTHEAD_DATA", raising=False)
    assert take_data_option(["masthead", "migrate", "--data", "/srv/x"]) == ["masthead", "migrate"]
    assert os.environ["MASTHEAD_DATA"] == "/srv/x"
    assert take_data_option(["masthead", "--data=/srv/y", "check"]) == ["masthead", "check"]
    assert os.environ["MASTHEAD_DATA"] == "/srv/y"


def test_data_option_without_a_folder_says_what_is_missing(tmp_path: Path):
    run = subprocess.run(
        [sys.executable, "-m", "masthead.cli", "check", "--data"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode != 0
    assert "--data needs a folder" in run.stderr


def test_demo_fills_a_new_data_folder_once_and_prints_the_admin_password(tmp_path: Path):
    data = tmp_path / "newsroom"
    first = masthead("demo", "--no-serve", data=data)
    assert first.returncode == 0, first.stderr
    assert (data / "db.sqlite3").exists()
    assert (data / "secret_key").exists()
    assert "Admin account: admin / " in first.stdout
    second = masthead("demo", "--no-serve", data=data)
    assert second.returncode == 0, second.stderr
    assert "already there" in second.stdout
    assert "Admin account: admin / " not in second.stdout


def test_serve_refuses_an_unmigrated_database(tmp_path: Path):
    run = masthead("serve", "--port", str(free_port()), data=tmp_path / "empty")
    assert run.returncode != 0
    assert "masthead migrate" in run.stderr


def test_serve_answers_over_http_with_hashed_static_files(tmp_path: Path):
    data = tmp_path / "site"
    assert masthead("migrate", data=data).returncode == 0
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    server = subprocess.Popen(
        [sys.executable, "-m", "masthead.cli", "serve", "--port", str(port), "--workers", "2",
         "--data", str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    try:
        body = ""
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert "Nothing has been published yet" in body
        assert re.search(r"/static/masthead/site\.[0-9a-f]{12}\.css", body)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
