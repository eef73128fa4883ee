"""Time and weigh one picture upload through the back office, before and after a change.

    python bench/image_uploads.py [--before OLD/src] [--after SRC] [--json]

Each case runs in a fresh process (so its peak memory is its own) with ``PYTHONPATH``
set to a source tree: ``--after`` (default this checkout's ``src``) and, when given,
``--before`` (a checkout of older code, e.g. a ``git worktree`` of the commit before the
memory budget), run alike for comparison. The process migrates an
empty SQLite site, signs an administrator in, and posts the file to the back office's
"Add image" form through Django's test client. It reports the seconds the request took,
how much the process's peak resident memory (``VmHWM``, reset just before) grew above
its resident size at the start, and, when
the renditions are made after the answer, the seconds and growth until they exist.

The files: the outsiders' bomb (12,000 × 12,000 one-bit pixels, about 17 KB of PNG) and
a legitimate 6000 × 4000 photo (a noisy JPEG of a few MB, as a camera's would be).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = ("bomb", "photo")

CHILD = r"""
import json, os, sys, time
import django

def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

def peak_mb():
    # VmHWM: the peak resident size since the last reset_peak().
    with open("/proc/self/status") as fh:
        line = next(l for l in fh if l.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024

def reset_peak():
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")

case, path = sys.argv[1], sys.argv[2]
name, content = os.path.basename(path), open(path, "rb").read()
os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.config.settings"
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
call_command("migrate", verbosity=0)
try:
    from masthead.core import background
    background.use_thread()  # as config/wsgi.py does in the site's processes
except ImportError:
    background = None
user = get_user_model().objects.create_superuser("bench", "b@example.org", "x" * 16)
client = Client()
client.force_login(user)
client.get("/admin/articles/image/add/")
reset_peak()
base = rss_mb()
started = time.monotonic()
response = client.post("/admin/articles/image/add/", {
    "file": SimpleUploadedFile(name, content), "alt_text": "A picture"})
took = time.monotonic() - started
request_peak = peak_mb()
reset_peak()
after_base = rss_mb()
result = {"case": case, "file_kb": round(len(content) / 1024), "status": response.status_code,
          "rss_before_mb": round(base), "request_s": round(took, 2),
          "request_growth_mb": round(max(request_peak - base, 0))}
if background is not None:
    background.wait(600)
    result["after_answer_s"] = round(time.monotonic() - started - took, 2)
    result["after_answer_growth_mb"] = round(max(peak_mb() - after_base, 0))
from masthead.articles.models import Image as Stored
row = Stored.objects.first()
result["stored"] = bool(row)
result["renditions"] = sorted(row.renditions, key=int) if row else []
print(json.dumps(result))
"""


def make(case: str, folder: Path) -> Path:
    """Write the ``case`` file into ``folder`` (here, so its making weighs on no child)."""
    from PIL import Image, ImageFilter

    if case == "bomb":
        path = folder / "bomb.png"
        Image.new("1", (12_000, 12_000)).save(path, "PNG")
        return path
    path = folder / "photo.jpg"
    bands = [Image.effect_noise((1500, 1000), 30 + 10 * i).resize((6000, 4000)) for i in range(3)]
    Image.merge("RGB", bands).filter(ImageFilter.GaussianBlur(1)).save(path, "JPEG", quality=90)
    return path


def run(case: str, file: Path, src: Path) -> dict[str, object]:
    """One upload of ``file`` in a fresh process running the code in ``src``."""
    with tempfile.TemporaryDirectory(prefix="bench-images-") as data:
        env = {**os.environ, "PYTHONPATH": str(src), "MASTHEAD_DATA": data}
        env.pop("DATABASE_URL", None)
        done = subprocess.run(
            [sys.executable, "-c", CHILD, case, str(file)], env=env, capture_output=True,
            text=True, check=False, timeout=900,
        )  # fmt: skip
    if done.returncode != 0:
        return {"case": case, "error": done.stderr.strip().splitlines()[-1:]}
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="the src folder of older code to compare")
    parser.add_argument("--after", type=Path, default=HERE.parent / "src")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-files-") as folder:
        files = {case: make(case, Path(folder)) for case in CASES}
        rows = [
            {"code": label, **run(case, files[case], src)}
            for case in CASES
            for label, src in (("before", args.before), ("after", args.after))
            if src is not None
        ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for row in rows:
        print(" ".join(f"{key}={value}" for key, value in row.items()))


if __name__ == "__main__":
    main()
