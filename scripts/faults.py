"""Break what Masthead stands on while it is under load, and report how it answers (`make faults`).

    python scripts/faults.py [--articles 2000] [--connections 20] [--server granian|gunicorn]
                             [--json FILE]

Builds a private stack (scripts/stack.py: its own PostgreSQL cluster, Redis and
``masthead serve`` with two workers (granian, its default, or gunicorn), on free ports
under a temporary folder), loads it from this process with ``--connections`` readers, and
runs each scenario:

1. ``postgres``: PostgreSQL stopped for a few seconds, then started again;
2. ``redis``: Redis stopped, then started again (empty), and then paused (SIGSTOP: it
   accepts connections but never answers), then resumed;
3. ``disk``: the media folder is an 8 MB tmpfs; pictures are uploaded through the API
   until it is full, then room is made and one more is uploaded;
4. ``worker``: the worker serving a request that publishes a story through the API is
   SIGKILLed in the middle of it, again and again; then every story is checked whole.

For each: requests, failures by status, before, during and after the fault, and how
long after the fault ended the last failure came. Needs root (to mount the tmpfs and to
run PostgreSQL as its own user), PostgreSQL's server binaries and redis-server. Figures
go to docs/reliability.md by hand; nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import random
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from stack import (
    SERVERS,
    Answer,
    Load,
    Postgres,
    Redis,
    Site,
    ask,
    free_port,
    machine,
    ok,
    reading_mix,
    tally,
    wait_for,
)


def windows(answers: list[Answer], start: float, end: float) -> dict[str, Any]:
    """Tallies before, during and after the fault (by when each answer came)."""
    before = [a for a in answers if a.ended < start]
    during = [a for a in answers if start <= a.ended < end]
    after = [a for a in answers if a.ended >= end]
    late = [a.ended - end for a in after if not ok(a)]
    return {"before": tally(before), "during": tally(during), "after": tally(after),
            "fault_seconds": round(end - start, 1),
            "last_failure_after_fault_s": round(max(late), 2) if late else 0.0}  # fmt: skip


def under_load(site: Site, paths: list[str], connections: int, fault: Any,
               settle: float = 10, recover: float = 15) -> dict[str, Any]:  # fmt: skip
    """Load the site, run ``fault()`` (which returns its start and end), keep loading."""
    load = Load(site.port, reading_mix(paths), connections).start()
    time.sleep(settle)
    start, end = fault()
    time.sleep(recover)
    load.stop()
    return windows(load.answers, start, end)


def postgres_restart(pg: Postgres, down: float) -> Any:
    def fault() -> tuple[float, float]:
        start = time.monotonic()
        pg.stop()
        time.sleep(down)
        pg.start()
        return start, time.monotonic()

    return fault


def redis_stop(redis: Redis, down: float) -> Any:
    def fault() -> tuple[float, float]:
        start = time.monotonic()
        redis.stop()
        time.sleep(down)
        redis.start()
        return start, time.monotonic()

    return fault


def redis_pause(redis: Redis, down: float) -> Any:
    def fault() -> tuple[float, float]:
        start = time.monotonic()
        redis.pause()
        time.sleep(down)
        redis.resume()
        return start, time.monotonic()

    return fault


def picture(megabytes: float) -> bytes:
    """A PNG of noise about ``megabytes`` large (noise does not compress)."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    noise = PILImage.frombytes("RGB", (side, side), random.randbytes(side * side * 3))
    out = io.BytesIO()
    noise.save(out, "PNG", compress_level=1)
    return out.getvalue()


def multipart(fields: dict[str, str], content: bytes) -> tuple[bytes, str]:
    boundary = f"faults{random.getrandbits(64):x}"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]  # fmt: skip
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="noise.png"\r\nContent-Type: image/png\r\n\r\n'.encode()
                 + content + b"\r\n")  # fmt: skip
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def disk_full(site: Site, paths: list[str], token: str, connections: int) -> dict[str, Any]:
    """Upload pictures into an 8 MB media disk under load until it is full; then make room."""
    media = site.data / "media"
    filler = media / "filler.bin"
    load = Load(site.port, reading_mix(paths), connections).start()
    time.sleep(5)
    uploads: list[dict[str, Any]] = []
    start = time.monotonic()
    for n in range(12):
        body, boundary = multipart({"alt_text": f"Noise {n}"}, picture(0.9))
        headers = {"Authorization": f"Bearer {token}",
                   "Content-Type": f"multipart/form-data; boundary={boundary}"}  # fmt: skip
        answer = ask(site.port, "upload", "POST", "/api/v1/images/", body, headers)
        uploads.append({"n": n, "status": answer.status})
        if answer.status == 507:
            break
    end = time.monotonic()
    time.sleep(5)
    leftovers = sorted(str(p.relative_to(media)) for p in media.rglob(".partial-*"))
    check = site.python(CHECK_PICTURES)
    if filler.exists():
        filler.unlink()  # room made: the filler goes, the pictures stay
    body, boundary = multipart({"alt_text": "After room was made"}, picture(0.5))
    headers = {"Authorization": f"Bearer {token}",
               "Content-Type": f"multipart/form-data; boundary={boundary}"}  # fmt: skip
    again = ask(site.port, "upload", "POST", "/api/v1/images/", body, headers).status
    load.stop()
    return {**windows(load.answers, start, end), "uploads": uploads,
            "partial_files_left": leftovers, "pictures": check,
            "upload_after_room_made": again}  # fmt: skip


CHECK_PICTURES = """
from pathlib import Path
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image as P
from masthead.articles.models import Image
named, broken = set(), []
# The generated site's pictures are under the tmpfs, out of sight: only the uploads count.
for image in Image.objects.filter(alt_text__startswith="Noise"):
    for name in [image.file.name, *image.renditions.values()]:
        named.add(name)
        try:
            with default_storage.open(name) as fh, P.open(fh) as picture:
                picture.load()
        except Exception as exc:
            broken.append(f"{name}: {exc}")
root = Path(settings.MEDIA_ROOT)
on_disk = {str(p.relative_to(root)) for p in (root / "images").rglob("*") if p.is_file()}
print(json.dumps({"rows": Image.objects.filter(alt_text__startswith="Noise").count(),
                  "broken": broken,
                  "files_no_row_names": sorted(on_disk - named)}))
"""


def server_pid_for(port: int, client_port: int) -> int | None:
    """The server's worker holding the connection from ``client_port`` (via ss)."""
    out = subprocess.run(["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
                         capture_output=True, text=True).stdout  # fmt: skip
    for line in out.splitlines():
        if f":{client_port} " in line + " " and "pid=" in line:
            return int(line.split("pid=")[1].split(",")[0])
    return None


def worker_kills(site: Site, ready: dict[str, Any], connections: int,
                 attempts: int) -> dict[str, Any]:  # fmt: skip
    """SIGKILL the worker that is publishing a story, at a random moment of the request."""
    load = Load(site.port, reading_mix(ready["paths"]), connections // 2).start()
    marker = f"faults-{int(time.time())}"
    outcomes, restarts = [], []
    auth = {"Authorization": f"Bearer {ready['token']}", "Content-Type": "application/json"}
    time.sleep(5)
    start = time.monotonic()
    for n in range(attempts):
        story = {"title": f"{marker} story {n}", "body": STORY_BODY, "dek": "Kill test.",
                 "category": ready["category"], "tags": ready["tags"][:3]}  # fmt: skip
        status, made = api(site.port, "POST", "/api/v1/articles/", story, auth)
        if status != 201:
            outcomes.append({"n": n, "create": status})
            continue
        path = f"/api/v1/articles/{made['id']}/publish/"
        killed, answer, back = publish_and_kill(site, path, auth)
        if back is not None:
            restarts.append(back)
        outcomes.append({"n": n, "id": made["id"], "killed": killed, "publish": answer})
    end = time.monotonic()
    time.sleep(5)
    load.stop()
    states = site.python(CHECK_STORIES.replace("MARKER", marker))
    return {**windows(load.answers, start, end), "attempts": outcomes,
            "worker_back_s": restarts, "stories": states}  # fmt: skip


def publish_and_kill(site: Site, path: str, auth: dict[str, str]) -> tuple[bool, Any, Any]:
    """POST ``path``; SIGKILL the worker serving it after a random wait, if still busy.

    Returns whether it was killed, what the client heard, and the seconds until the
    server had two workers again (None when nothing was killed). Then waits
    ``site.respawn_pause``, so granian does not take the next kill for a crash loop.
    """
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    conn.connect()
    client_port = conn.sock.getsockname()[1]
    heard: list[Any] = []

    def send() -> None:
        try:
            conn.request("POST", path, b"{}", auth)
            heard.append(conn.getresponse().status)
        except (OSError, http.client.HTTPException) as exc:
            heard.append(type(exc).__name__)

    thread = threading.Thread(target=send)
    thread.start()
    pid, deadline = None, time.monotonic() + 5
    while pid is None and time.monotonic() < deadline and thread.is_alive():
        pid = server_pid_for(site.port, client_port)
    time.sleep(random.uniform(0.0, 0.5))  # some land before the commit, some after
    killed_at, killed = time.monotonic(), bool(pid and thread.is_alive())
    if killed:
        subprocess.run(["kill", "-KILL", str(pid)], check=False)
    thread.join(30)
    conn.close()
    if not killed:
        return False, heard[0] if heard else None, None
    wait_for(lambda: len(site.workers()) == 2 and pid not in site.workers(), 30,
             f"{site.server_name} replacing the worker")  # fmt: skip
    back = round(time.monotonic() - killed_at, 2)
    time.sleep(site.respawn_pause)
    return True, heard[0] if heard else None, back


STORY_BODY = "\n\n".join(
    f"The harbour council met on day {i} to weigh the budget, the river and the school."
    for i in range(60)
)


def api(port: int, method: str, path: str, payload: Any, headers: dict[str, str]) -> Any:
    """One JSON request: its status and its body read as JSON."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, json.dumps(payload).encode(), headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


CHECK_STORIES = """
from masthead.articles.models import Article, Revision
from masthead.discovery.models import IndexedArticle, SearchEntry
rows = {}
for a in Article.objects.filter(title__startswith="MARKER"):
    published = a.status == Article.Status.PUBLISHED
    indexed = SearchEntry.objects.filter(article=a).exists()
    listed = IndexedArticle.objects.filter(article=a, listed_at__isnull=False).exists()
    revisions = Revision.objects.filter(article=a).count()
    complete = indexed and listed and a.published_at is not None
    whole = revisions > 0 and (complete if published else not indexed)
    rows[a.pk] = {"published": published, "search_row": indexed, "related_listed": listed,
                  "revisions": revisions, "whole": whole}
print(json.dumps(rows))
"""


def judge_kills(result: dict[str, Any]) -> dict[str, int]:
    """Count what the clients heard against what the database holds."""
    counts = {"answered_published": 0, "cut_off_but_published": 0, "cut_off_not_published": 0,
              "answered_but_not_published": 0, "half_saved": 0}  # fmt: skip
    for attempt in result["attempts"]:
        story = result["stories"].get(str(attempt.get("id")))
        if story is None:
            continue
        if not story["whole"]:
            counts["half_saved"] += 1
        answered = attempt.get("publish") == 200
        if answered:
            counts[
                "answered_published" if story["published"] else "answered_but_not_published"
            ] += 1
        else:
            counts["cut_off_but_published" if story["published"] else "cut_off_not_published"] += 1
    return counts


def mount_media(site: Site, megabytes: int) -> str:
    media = site.data / "media"
    media.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(media)],
                         capture_output=True, text=True)  # fmt: skip
    if run.returncode:
        return f"not mounted: {run.stderr.strip()}"
    return f"tmpfs of {megabytes} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--server", choices=SERVERS, default="granian")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="masthead-faults-"))
    pg, redis = Postgres(work / "pg", free_port()), Redis(free_port())
    site = Site(work, pg, redis, args.server)
    results: dict[str, Any] = {"machine": machine(), "articles": args.articles,
                               "connections": args.connections, "server": args.server}  # fmt: skip
    disk = ""
    try:
        pg.create()
        redis.start()
        print(f"Private stack in {work}: PostgreSQL :{pg.port}, Redis :{redis.port}", flush=True)
        ready = site.prepare(args.articles)
        disk = mount_media(site, 8)  # after generating: its pictures would fill it
        subprocess.run(["dd", "if=/dev/zero", f"of={site.data / 'media' / 'filler.bin'}",
                        "bs=1M", "count=3"], capture_output=True)  # fmt: skip
        site.serve()
        paths, token = ready["paths"], ready["token"]
        n = args.connections
        warm = Load(site.port, reading_mix(paths), n).start()
        time.sleep(30)  # compiled templates, connections, some pages in the page cache
        warm.stop()
        results["postgres"] = under_load(site, paths, n, postgres_restart(pg, 5))
        report("1. PostgreSQL stopped 5 s, then started", results["postgres"])
        results["redis_stop"] = under_load(site, paths, n, redis_stop(redis, 10))
        report("2a. Redis stopped 10 s, then started empty", results["redis_stop"])
        results["redis_pause"] = under_load(site, paths, n, redis_pause(redis, 10))
        report("2b. Redis paused (SIGSTOP) 10 s, then resumed", results["redis_pause"])
        if disk.startswith("tmpfs"):
            results["disk"] = {"media": disk, **disk_full(site, paths, token, n)}
            report("3. Media disk filled by uploads", results["disk"])
        else:  # without a size-limited disk, filling it would fill the machine's
            results["disk"] = {"skipped": disk}
            print(f"\n3. Media disk: skipped, {disk}")
        results["worker"] = worker_kills(site, ready, n, args.kills)
        results["worker"]["verdict"] = judge_kills(results["worker"])
        report("4. Worker SIGKILLed while publishing", results["worker"])
        results["serve_log"] = log_summary(site.log)
    finally:
        site.stop()
        redis.stop()
        if disk.startswith("tmpfs"):
            subprocess.run(["umount", str(site.data / "media")], check=False)
        try:
            pg.stop()
        except RuntimeError as exc:
            print(exc)
        subprocess.run(["rm", "-rf", str(work)], check=False)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        print(f"Results written to {args.json}")


def log_summary(log: Path) -> dict[str, int]:
    text = log.read_text(errors="replace")
    return {"cache_unreachable_warnings": text.count("is unreachable"),
            "cache_back_lines": text.count("reachable again"),
            "internal_server_error_lines": text.count("Internal Server Error:"),
            "service_unavailable_lines": text.count("Service Unavailable:"),
            "insufficient_storage_lines": text.count("Insufficient Storage:"),
            "worker_timeouts": text.count("WORKER TIMEOUT"),  # gunicorn
            "worker_exits": text.count("Unexpected exit from worker"),  # granian
            "crash_loop_exits": text.count("crash loop detected")}  # fmt: skip


def report(title: str, result: dict[str, Any]) -> None:
    print(f"\n{title}")
    for window in ("before", "during", "after"):
        t = result[window]
        print(f"  {window:<7} {t['requests']:>6} requests, {t['failed']:>5} failed "
              f"{t['by_status'] or ''}, {t['page_cache_hits']} from the page cache")  # fmt: skip
    print(f"  fault lasted {result['fault_seconds']} s; last failure "
          f"{result['last_failure_after_fault_s']} s after it ended")  # fmt: skip
    for key in ("uploads", "partial_files_left", "pictures", "upload_after_room_made",
                "worker_back_s", "verdict"):  # fmt: skip
        if key in result:
            print(f"  {key}: {result[key]}")


if __name__ == "__main__":
    main()
