"""Time ``masthead publish-static`` and load nginx serving the tree, beside nginx serving one file.

    python bench/static_publish.py [--articles 10000] [--seconds 10] [--rounds 2] [--json]

Uses (or generates) the site of ``render.py`` in ``bench/.data/site-N``, publishes it into
an empty ``bench/.data/static-N`` (a full run), publishes again with nothing changed (the
re-run every cron minute costs), then starts two nginx servers on free loopback ports:
one with docs/deploy.md's configuration serving the tree, one serving a single article
file with a bare ``location``. wrk (2 threads, 32 connections, a 3 s warm-up, then
``--seconds``) loads the same article from each, and the home page from the tree, the
two servers alternating for ``--rounds`` rounds. Needs Debian's nginx and wrk.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import free_port
from render import HERE, about_run, ensure_site, setup_django

DEPLOY = HERE.parent / "docs" / "deploy.md"
NGINX_BASE = """
worker_processes 2;
user root;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
{server}
}}
"""
ONE_FILE = """
server {{
    listen 127.0.0.1:{port};
    root {root};
    location / {{ }}
}}
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="site size (default 10000)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk seconds per run")
    parser.add_argument("--rounds", type=int, default=2, help="alternating wrk rounds")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def publish(data: Path, folder: Path) -> dict[str, Any]:
    """Run the command as an operator would; its JSON summary and the wall time."""
    env = {**os.environ, "MASTHEAD_DATA": str(data), "LOG_LEVEL": "ERROR"}
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "masthead.cli", "publish-static", str(folder), "--json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout.splitlines()[-1])
    result["wall_s"] = round(time.perf_counter() - started, 1)
    # CPU seconds of the command: on a shared machine, steadier than the wall time.
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = cpu.ru_utime + cpu.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime
    result["cpu_s"] = round(spent, 1)
    return result


def documented_server(public: Path, port: int) -> str:
    section = DEPLOY.read_text(encoding="utf-8").split("## Publishing the site as files", 1)[1]
    block = re.search(r"```nginx\n(.*?)```", section, re.S)[1]  # type: ignore[index]
    # Nothing listens on the app's port: every request here must be answered from files.
    return (
        block.replace("/srv/masthead/public", str(public))
        .replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{free_port()};")
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
    )


def start_nginx(server: str, port: int) -> tuple[subprocess.Popen[bytes], Path]:
    tmp = Path(tempfile.mkdtemp(prefix="masthead-nginx-"))
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_BASE.format(tmp=tmp, server=server))
    argv = ["nginx", "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(conf)]
    process = subprocess.Popen([*argv, "-g", "daemon off;"], start_new_session=True)
    for _ in range(100):
        if subprocess.run(["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{port}/"],
                          check=False).returncode in (0, 22):  # fmt: skip
            return process, tmp
        time.sleep(0.1)
    raise SystemExit(f"nginx did not start: {(tmp / 'error.log').read_text()}")


def wrk(url: str, seconds: int) -> int:
    base = ["wrk", "-t2", "-c32", "--timeout", "10s"]
    subprocess.run([*base, "-d3s", url], capture_output=True, check=False)
    run = subprocess.run([*base, f"-d{seconds}s", url], capture_output=True, text=True, check=True)
    if re.search(r"Non-2xx|Socket errors", run.stdout):
        raise SystemExit(f"errors under load at {url}:\n{run.stdout}")
    return round(float(re.search(r"Requests/sec:\s+([\d.]+)", run.stdout)[1]))  # type: ignore[index]


def other_load() -> float:
    """The one-minute load average, for the report (2 cores: above 2 means others ran)."""
    return round(os.getloadavg()[0], 2)


def load_nginx(public: Path, article: str, seconds: int, rounds: int) -> dict[str, Any]:
    one = Path(tempfile.mkdtemp(prefix="masthead-one-"))
    shutil.copy(public / article.strip("/") / "index.html", one / "one.html")
    tree_port, file_port = free_port(), free_port()
    tree, tree_tmp = start_nginx(documented_server(public, tree_port), tree_port)
    single, file_tmp = start_nginx(ONE_FILE.format(port=file_port, root=one), file_port)
    runs: dict[str, list[int]] = {"tree_article": [], "one_file": [], "tree_home": []}
    loads = []
    try:
        for _ in range(rounds):
            loads.append(other_load())
            runs["tree_article"].append(wrk(f"http://127.0.0.1:{tree_port}{article}", seconds))
            runs["one_file"].append(wrk(f"http://127.0.0.1:{file_port}/one.html", seconds))
            runs["tree_home"].append(wrk(f"http://127.0.0.1:{tree_port}/", seconds))
    finally:
        for process in (tree, single):
            process.terminate()
            process.wait(10)
        for folder in (one, tree_tmp, file_tmp):
            shutil.rmtree(folder, ignore_errors=True)
    medians = {name: round(statistics.median(values)) for name, values in runs.items()}
    return {"runs": runs, "median": medians, "load_avg_1m": loads,
            "tree_over_file": round(medians["tree_article"] / medians["one_file"], 3)}  # fmt: skip


def main() -> None:
    args = parse_args()
    setup_django(args.articles)
    ensure_site(args.articles)
    from masthead.articles.models import Article

    article = Article.objects.published().order_by("pk").first().get_absolute_url()  # type: ignore[union-attr]
    data = HERE / ".data" / f"site-{args.articles}"
    folder = HERE / ".data" / f"static-{args.articles}"
    shutil.rmtree(folder, ignore_errors=True)
    figures: dict[str, Any] = {**about_run(), "articles": args.articles}
    figures["load_before_full"] = other_load()
    figures["full"] = publish(data, folder)
    figures["load_before_rerun"] = other_load()
    figures["rerun"] = publish(data, folder)
    figures["nginx"] = load_nginx(folder, article, args.seconds, args.rounds)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    full, rerun, served = figures["full"], figures["rerun"], figures["nginx"]["median"]
    print(f"full publish: {full['written']:,} files in {full['wall_s']} s "
          f"({full['cpu_s']} s CPU); no-change re-run: {rerun['written']:,} written, "
          f"{rerun['unchanged']:,} unchanged in {rerun['wall_s']} s "
          f"({rerun['cpu_s']} s CPU)")  # fmt: skip
    print(f"nginx, tree: article {served['tree_article']:,} req/s, home "
          f"{served['tree_home']:,}; one file: {served['one_file']:,} req/s "
          f"(tree/file {figures['nginx']['tree_over_file']})")  # fmt: skip


if __name__ == "__main__":
    main()
