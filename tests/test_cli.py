"""The `masthead` command: the data folder, options on either side of an action, demo, serve."""

from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError, CommandParser

from masthead.cli import take_data_option
from masthead.core import serving

# A value for each required argument of an action that needs one, so the parse gets as far
# as the options under test; anything else gets "1" (or its first choice).
SAMPLES = {"older_than": "90d"}


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


def actions() -> list[tuple[str, str]]:
    """Every (command, action word) of Masthead's own commands that take an action word."""
    found = []
    for name, app in sorted(get_commands().items()):
        if app.startswith("masthead."):
            parser = top_parser(name)
            found += [(name, action) for action in action_parsers_of(parser)]
    return found


def top_parser(name: str) -> CommandParser:
    return load_command_class(get_commands()[name], name).create_parser("masthead", name)


def action_parsers_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {word: sub for group in subparsers for word, sub in group.choices.items()}


def required_arguments(parser: argparse.ArgumentParser) -> list[str]:
    """Sample values for the required arguments of ``parser``."""
    args: list[str] = []
    for action in parser._actions:
        value = SAMPLES.get(action.dest, str(next(iter(action.choices or ["1"]))))
        if not action.option_strings and action.nargs != argparse.SUPPRESS:
            args.append(value)
        elif action.required:
            args += [action.option_strings[0], value]
    return args


def test_every_command_with_action_words_is_found():
    """The discovery below is no empty loop: it sees the commands with actions we know."""
    assert {"comments", "import", "related", "search", "webhooks"} <= {c for c, _ in actions()}


@pytest.mark.parametrize(("command", "action"), actions())
def test_common_options_work_after_the_action_word(command: str, action: str):
    """``masthead related rebuild --settings … --verbosity 0`` parses as it does before."""
    sub = action_parsers_of(top_parser(command))[action]
    options = top_parser(command).parse_args(
        [action, *required_arguments(sub), "--settings", "masthead.config.settings",
         "--verbosity", "0", "--traceback"]
    )  # fmt: skip
    assert (options.settings, options.verbosity, options.traceback) == (
        "masthead.config.settings", 0, True,
    )  # fmt: skip


@pytest.mark.parametrize(("command", "action"), actions())
def test_every_option_before_the_action_word_is_taken_after_it(command: str, action: str):
    """Django's common options and the command's own (``--json``) alike."""
    top = top_parser(command)
    before = set(top._option_string_actions) - {"-h", "--help", "--version"}
    assert before <= set(action_parsers_of(top)[action]._option_string_actions)


@pytest.mark.django_db
def test_related_rebuild_takes_options_after_its_flags():
    """The reported line: ``masthead related rebuild --restart --settings mysettings``."""
    out = io.StringIO()
    call_command(
        "related", "rebuild", "--restart", "--settings", "masthead.config.settings",
        "--verbosity", "0", "--json", stdout=out,
    )  # fmt: skip
    assert '"finished": true' in out.getvalue()


def test_an_option_given_before_the_action_word_is_kept_when_absent_after_it():
    options = top_parser("search").parse_args(["--verbosity", "2", "rebuild"])
    assert options.verbosity == 2


def test_data_option_is_taken_from_anywhere_on_the_line(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("MASTHEAD_DATA", raising=False)
    assert take_data_option(["masthead", "migrate", "--data", "/srv/x"]) == ["masthead", "migrate"]
    assert os.environ["MASTHEAD_DATA"] == "/srv/x"
    assert take_data_option(["masthead", "--data=/srv/y", "check"]) == ["masthead", "check"]
    assert os.environ["MASTHEAD_DATA"] == "/srv/y"


@pytest.mark.slow
def test_data_option_without_a_folder_says_what_is_missing(tmp_path: Path):
    run = subprocess.run(
        [sys.executable, "-m", "masthead.cli", "check", "--data"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert run.returncode != 0
    assert "--data needs a folder" in run.stderr


@pytest.mark.slow
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


@pytest.mark.slow
def test_serve_refuses_an_unmigrated_database(tmp_path: Path):
    run = masthead("serve", "--port", str(free_port()), data=tmp_path / "empty")
    assert run.returncode != 0
    assert "masthead migrate" in run.stderr


def serve(data: Path, port: int, *options: str) -> subprocess.Popen[bytes]:
    """Start ``masthead serve`` on ``port`` with the (migrated) data folder ``data``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    return subprocess.Popen(
        [sys.executable, "-m", "masthead.cli", "serve", "--port", str(port), "--workers", "2",
         "--data", str(data), *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip


def front_page(port: int, tries: int = 60) -> str:
    """The front page once the server on ``port`` answers (empty if it never does)."""
    for _ in range(tries):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                return str(r.read().decode())
        except OSError:
            time.sleep(0.5)
    return ""


def test_serve_gives_gunicorn_a_control_socket_in_the_data_folder(settings: Any):
    """Two sites on one machine must not share gunicorn's default ~/.gunicorn/gunicorn.ctl."""
    argv = serving.gunicorn_argv(host="127.0.0.1", port=8000, workers=2)
    assert argv[argv.index("--control-socket") + 1] == str(
        settings.DATA_DIR.resolve() / "gunicorn.ctl"
    )


def test_a_data_folder_too_deep_for_a_socket_turns_the_control_socket_off(settings: Any):
    """The system refuses socket paths over about 100 bytes; gunicorn would fall back to none."""
    settings.DATA_DIR = settings.DATA_DIR / ("deep" * 30)
    argv = serving.gunicorn_argv(host="127.0.0.1", port=8000, workers=2)
    assert "--no-control-socket" in argv
    assert "--control-socket" not in argv


@pytest.mark.slow
def test_two_sites_serve_side_by_side_each_with_its_own_control_socket(tmp_path: Path):
    folders = [tmp_path / "a", tmp_path / "b"]
    for data in folders:
        assert masthead("migrate", data=data).returncode == 0
    ports = [free_port(), free_port()]
    servers = [
        serve(data, port, "--server", "gunicorn") for data, port in zip(folders, ports, strict=True)
    ]
    try:
        for data, port in zip(folders, ports, strict=True):
            assert "Nothing has been published yet" in front_page(port)
            assert stat.S_ISSOCK((data / "gunicorn.ctl").stat().st_mode)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("server", serving.SERVERS)
def test_serve_answers_cached_pages_in_front_of_django(tmp_path: Path, server: str):
    data = tmp_path / "site"
    assert masthead("migrate", data=data).returncode == 0
    port = free_port()
    process = serve(data, port, "--server", server)
    try:
        assert "Nothing has been published yet" in front_page(port)
        ask = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Accept-Encoding": "gzip"}
        )
        answers = []
        # Each of the two workers keeps its own pages: its first answer is a miss.
        for _ in range(8):
            with urllib.request.urlopen(ask, timeout=5) as r:  # noqa: S310  (http, built here)
                answers.append((r.headers["X-Page-Cache"], r.headers["Content-Encoding"], r.read()))
        hits = [body for cache, encoding, body in answers if (cache, encoding) == ("hit", "gzip")]
        assert hits
        assert b"Nothing has been published yet" in gzip.decompress(hits[0])
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_starts_granian_unless_told_otherwise(monkeypatch: Any):
    monkeypatch.delenv("MASTHEAD_SERVER", raising=False)
    assert serving.default_server() == "granian"
    monkeypatch.setenv("MASTHEAD_SERVER", "gunicorn")
    assert serving.default_server() == "gunicorn"
    monkeypatch.setenv("MASTHEAD_SERVER", "apache")
    with pytest.raises(CommandError, match="granian, gunicorn"):
        serving.default_server()


def test_granian_serves_the_fast_path_application():
    argv = serving.granian_argv(host="::1", port=8000, workers=3)
    assert argv[-1] == "masthead.config.wsgi:application"
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--interface") + 1] == "wsgi"


def test_granian_runs_in_a_master_that_loads_the_site_before_forking():
    """Workers forked from a loaded master share the app instead of each importing it."""
    argv = serving.granian_argv(host="127.0.0.1", port=8000, workers=2)
    assert argv[1:3] == ["-m", "masthead.config.preload"]


def own_share(pid: int) -> float:
    """The part of a process's resident memory that no other process maps (USS / RSS)."""
    kib = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            kib[key] = int(rest.split()[0])
    return (kib["Private_Clean"] + kib["Private_Dirty"]) / kib["Rss"]


@pytest.mark.slow
@pytest.mark.parametrize("server", serving.SERVERS)
def test_workers_share_the_site_loaded_in_the_master(tmp_path: Path, server: str):
    """Most of what a worker holds after its first answers is the master's, copy-on-write.

    A worker that imported the site itself holds about three quarters of its memory alone.
    """
    data = tmp_path / "site"
    assert masthead("migrate", data=data).returncode == 0
    port = free_port()
    process = serve(data, port, "--server", server)
    try:
        # Up to three minutes for the first answer: the machine running the tests may be busy.
        for _ in range(4):
            assert "Nothing has been published yet" in front_page(port, tries=360)
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text()
        workers = [int(pid) for pid in children.split()]
        assert len(workers) == 2
        assert all(own_share(pid) < 0.5 for pid in workers)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.slow
def test_serve_answers_over_http_with_hashed_static_files(tmp_path: Path):
    data = tmp_path / "site"
    assert masthead("migrate", data=data).returncode == 0
    port = free_port()
    server = serve(data, port)
    try:
        body = front_page(port)
        assert "Nothing has been published yet" in body
        assert re.search(r"/static/masthead/site\.[0-9a-f]{12}\.css", body)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
