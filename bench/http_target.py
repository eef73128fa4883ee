"""A Masthead row as a target of the team's anchor harness (its ``custom`` hook).

    python bench/http_target.py setup | load CORPUS PORT | start PORT | stop | pids | info

``bench/load.py`` writes the row (a JSON file named by ``MASTHEAD_ROW_FILE``) and points
the harness's ``CUSTOM_*_CMD`` at this script, so ``run-one.sh custom PORT LABEL`` loads,
starts, measures and stops the row exactly as it does the anchors. A row is either

- ``serve``: ``masthead serve`` with the row's environment and flags (page cache on or off,
  another ``--server``), on the site in ``data`` (loaded once from the harness corpus through
  ``masthead import wordpress --bulk``, then reused while the corpus is the same), or
- ``static``: ``masthead publish-static`` of that site, served by nginx from the files.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from http_memory import pid_tree, processes  # noqa: E402

NGINX_CONF = """worker_processes auto;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  default_type text/html;
  access_log off;
  sendfile on; tcp_nopush on; keepalive_timeout 65; keepalive_requests 100000;
  client_body_temp_path {run}/body; proxy_temp_path {run}/proxy;
  fastcgi_temp_path {run}/fcgi; uwsgi_temp_path {run}/uwsgi; scgi_temp_path {run}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    location / {{ try_files $uri $uri/index.html $uri.html =404; }}
  }}
}}
"""


def row() -> dict[str, Any]:
    return dict(json.loads(Path(os.environ["MASTHEAD_ROW_FILE"]).read_text()))


def masthead(
    spec: dict[str, Any], *args: str, env: dict[str, str] | None = None, **kw: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [spec["python"], "-m", "masthead.cli", *args], env=env or site_env(spec), text=True, **kw
    )


def site_env(spec: dict[str, Any]) -> dict[str, str]:
    """The environment of every masthead command of this row: its site, its settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    data = Path(spec["data"])
    env.update(
        {
            "MASTHEAD_DATA": str(data),
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
            "DATABASE_URL": spec.get("database_url") or f"sqlite:///{data}/db.sqlite3",
            "PYTHONPATH": spec["pythonpath"],
        }
    )
    env.update(spec.get("env", {}))
    return env


def corpus_sha(corpus: Path) -> str:
    return str(json.loads((corpus / "manifest.json").read_text())["articles_sha256"])


def loaded_with(data: Path, sha: str) -> bool:
    marker = data / "loaded-corpus-sha"
    return marker.exists() and marker.read_text().strip() == sha


def load(corpus_dir: str, _port: str = "") -> None:
    """Load the corpus into the row's site once; later rows and runs reuse it."""
    spec, corpus = row(), Path(corpus_dir)
    if spec["kind"] == "static":
        return publish(spec)
    data, sha = Path(spec["data"]), corpus_sha(corpus)
    if loaded_with(data, sha):
        masthead(spec, "migrate", "--noinput", "-v0", check=True)
        print(f"LOAD_NOTE: site already loaded ({data})")
        return None
    shutil.rmtree(data, ignore_errors=True)
    harness_site = Path(spec["anchor"]) / ".data" / "masthead"
    if not spec.get("database_url") and loaded_with(harness_site, sha):
        shutil.copytree(
            harness_site, data, ignore=shutil.ignore_patterns("*.ctl", "*.pid", "*.log")
        )
        masthead(spec, "migrate", "--noinput", "-v0", check=True)
        print(f"LOAD_NOTE: copied the site the harness loaded ({harness_site})")
        return None
    data.mkdir(parents=True)
    wxr = data / "corpus.xml"
    subprocess.run(
        [sys.executable, str(Path(spec["anchor"]) / "corpus_to_wxr.py"), str(corpus), str(wxr)],
        check=True,
    )
    masthead(spec, "migrate", "--noinput", "-v0", check=True)
    masthead(
        spec, "import", "wordpress", *spec.get("import_flags", ["--bulk"]), str(wxr), check=True
    )
    wxr.unlink()
    (data / "loaded-corpus-sha").write_text(sha + "\n")
    return None


def publish(spec: dict[str, Any]) -> None:
    """Write the site as files (every later run rewrites only what changed)."""
    out = Path(spec["static_dir"])
    site = Path(spec["data"]) / "loaded-corpus-sha"
    sha = site.read_text() if site.exists() else "?"
    marker = out.parent / f"{out.name}.from"  # outside DIR: publish-static owns what is inside
    if marker.exists() and marker.read_text() == sha and not spec.get("republish"):
        print(f"LOAD_NOTE: files of an earlier publish-static of this site reused ({out})")
        return
    out.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    masthead(spec, "publish-static", str(out), check=True)
    for path in [out, *out.rglob("*")]:  # nginx's workers run as nobody
        if not path.is_symlink():  # such as media/, which may point at a missing folder
            path.chmod(0o755 if path.is_dir() else 0o644)
    marker.write_text(sha)
    print(f"LOAD_NOTE: publish-static {time.monotonic() - began:.0f} s into {out}")


def start(port: str) -> None:
    spec = row()
    run = Path(spec["run"])
    run.mkdir(parents=True, exist_ok=True)
    if spec["kind"] == "static":
        conf = run / "nginx.conf"
        conf.write_text(NGINX_CONF.format(run=run, port=port, root=spec["static_dir"]))
        subprocess.run(["nginx", "-c", str(conf)], check=True)
        pid = int((run / "nginx.pid").read_text())
    else:
        argv = [
            spec["python"],
            "-m",
            "masthead.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            port,
            "--workers",
            str(spec.get("workers", 2)),
            *spec.get("flags", []),
        ]
        log = (run / "serve.log").open("ab")
        server = subprocess.Popen(
            argv,
            env=site_env(spec),
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        pid = server.pid
    (run / "server.pid").write_text(f"{pid}\n")
    wait_http(f"http://127.0.0.1:{port}/", 180)
    time.sleep(1)  # let the last worker finish booting before the "after start" sample
    (run / "mem-start.json").write_text(json.dumps(processes(pid_tree(pid))))


def wait_http(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"timeout waiting for {url}")


def server_pid() -> int | None:
    pidfile = Path(row()["run"]) / "server.pid"
    return int(pidfile.read_text()) if pidfile.exists() else None


def stop() -> None:
    pid = server_pid()
    if pid is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM if row()["kind"] == "serve" else signal.SIGQUIT)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    (Path(row()["run"]) / "server.pid").unlink(missing_ok=True)


def pids() -> None:
    pid = server_pid()
    if pid is not None:
        print("\n".join(str(p) for p in pid_tree(pid)))


def info() -> None:
    spec = row()
    head = subprocess.run(
        ["git", "-C", spec["project"], "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if spec["kind"] == "static":
        nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
        print(f"files from `masthead publish-static` of Masthead {head or 'unknown'}, {nginx}")
        return
    db = "PostgreSQL" if spec.get("database_url") else "SQLite"
    extra = " ".join(
        [*(f"{k}={v}" for k, v in spec.get("env", {}).items()), *spec.get("flags", [])]
    )
    print(
        f"Masthead: {head or 'unknown'}; masthead serve --workers {spec.get('workers', 2)}; "
        f"{db}; {extra or 'defaults'}"
    )


if __name__ == "__main__":
    action, rest = sys.argv[1], sys.argv[2:]
    actions = {
        "setup": lambda: None,
        "load": load,
        "start": start,
        "stop": stop,
        "pids": pids,
        "info": info,
    }
    actions[action](*rest)  # type: ignore[operator]
