"""Take the back office's screenshots for docs/newsroom.md, from a newsroom made afresh.

Run from the checkout after changing a screen; the PNGs are committed::

    make screenshots                  # or: .venv/bin/python scripts/screenshots.py
    .venv/bin/python scripts/screenshots.py --only dashboard compare

It fills a temporary data folder with the demo newsroom, adds four people (an
Administrator, an Editor, an Author and a Contributor, through the back office's own
services) and puts stories in review, scheduled and in drafts, with revisions, preview
links and a comment waiting. Then it serves the folder with ``masthead serve`` on a free
port, and Debian's Chromium, driven by Playwright, signs in as each person and takes one
PNG per screen into docs/images/newsroom/. The folder and the server go when it ends,
on Ctrl-C too. Names and words are fixed; dates and times are those of the run.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "newsroom"
CHROMIUM = "/usr/bin/chromium"
# As tests/site/conftest.py starts it: headless, and quiet on a closed network.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 800}
# A PNG over this is re-saved with a 256-colour palette (flat admin screens lose nothing).
MOST_BYTES = 150_000
# An element's box on the page, from its children's contents: a block beside a float
# starts (unseen) at the float's top. Playwright's bounding_box is on the scrolled viewport.
BOX = """e => {
  const inside = c => { const r = document.createRange(); r.selectNodeContents(c);
                        return r.getBoundingClientRect(); };
  const rects = [...e.children].map(inside).filter(r => r.height);
  const r = rects.length ? rects : [e.getBoundingClientRect()];
  const top = Math.min(...r.map(b => b.top)), bottom = Math.max(...r.map(b => b.bottom));
  const box = e.getBoundingClientRect();
  // A margin for the padding of headers and boxes around the text.
  return {x: box.x + scrollX, y: Math.max(0, top + scrollY - 10), width: box.width,
          height: bottom - top + 20};
}"""
FOLD_SIDEBAR = "localStorage.setItem('django.admin.navSidebarIsOpen', 'false');"
# What the environment could point elsewhere: the screenshots use the folder's own SQLite.
FOREIGN = ("DATABASE_URL", "CACHE_URL", "SITE_URL", "SECURE_COOKIES", "BEHIND_HTTPS_PROXY", "DEBUG")


# --- the newsroom ------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    role: str
    byline: str  # a demo byline's slug, "new", or "" for none


PEOPLE = {
    "admin": Person("rosa", "Rosa Grant", "Administrator", ""),
    "editor": Person("priya", "Priya Raman", "Editor", "priya-raman"),
    "author": Person("maya", "Maya Okafor", "Author", "maya-okafor"),
    "contributor": Person("leo", "Leo Martins", "Contributor", "new"),
}

REPAIR = {
    "title": "Repair cafés take on cracked phone screens",
    "dek": "Volunteers who once fixed toasters and bicycles now spend most evenings on "
    "smartphones, and new repair rules are sending them more.",
    "body": "On a Tuesday night in a church hall, six volunteers work through a queue of "
    "phones with shattered glass and tired batteries.\n\n"
    "Three years ago most of what came through the door was kitchen appliances, said "
    "Inès Duval, who runs the café. Now it is phones, and the queue starts before the doors "
    "open.\n\n"
    "The volunteers buy parts from the same suppliers as repair shops, and say prices "
    "have fallen since manufacturers began selling them directly.",
}
# The editor's pass over the contributor's story: the compare screen shows these words.
REPAIR_EDITED = {
    "title": "Repair cafés take on cracked phone screens as EU rules arrive",
    "dek": "Volunteers who once fixed toasters now spend most evenings on smartphones, "
    "and the EU's new repair rules are sending them more.",
    "body": REPAIR["body"]
    .replace("six volunteers", "eight volunteers")
    .replace("say prices have fallen", "say prices have fallen by a third"),
}
LAPTOPS = {
    "title": "Small language models move onto office laptops",
    "dek": "Models small enough to run without the cloud are arriving in the software "
    "companies already buy.",
    "body": "Summaries of meetings and drafts of routine letters no longer need a data "
    "centre: the newest small models run on the laptop itself.\n\n"
    "IT departments like that the text never leaves the machine.",
}
SCRIBES = {
    "title": "Hospitals try AI scribes in the emergency room",
    "dek": "Doctors say the notes are good enough to sign after a quick read; nurses want "
    "to know who checks them.",
    "body": "The software listens to the conversation between doctor and patient and "
    "writes the clinical note before the next patient is seen.\n\n"
    "Two hospitals have used it in their emergency departments since the spring.",
}
SCHOOLS = {
    "title": "Refurbished laptops find a second life in schools",
    "dek": "A charity that wipes and repairs companies' old machines has sent 4,000 to "
    "classrooms this year.",
    "body": "The laptops arrive in pallets, are wiped, fitted with new batteries and "
    "tested for a week before they go out.",
}
COMMENT = (
    "Does the bill say who checks the costs the labs report? The story mentions audits "
    "but not who pays for them."
)
REPLY = (
    "Thanks, Marta: the bill leaves the audits to the national regulators and has the "
    "companies pay for them. We have added a line to the story."
)


def build_newsroom(password: str) -> dict[str, Any]:
    """Migrate, load the demo, add the people and the stories; return what the shots need."""
    from django.core.management import call_command

    from masthead.demo import loader
    from masthead.demo.content import load_newsroom

    call_command("migrate", interactive=False, verbosity=0)
    # The English stories only: without a CJK font (Debian's fonts-noto-cjk), Chromium
    # draws the Chinese headlines as empty boxes.
    demo = load_newsroom()
    loader.load_demo(replace(demo, articles=[a for a in demo.articles if a.language == "en"]))
    users = add_people(password)
    stories = write_stories(users)
    give_preview_links(stories["repair"], users["editor"])
    stories["comment"] = leave_comment()
    return {"users": users, **stories}


def add_people(password: str) -> dict[str, Any]:
    """The four people, each in their role, with their byline."""
    from masthead.articles.models import Author
    from masthead.backoffice import services

    made: dict[str, Any] = {}
    for key, person in PEOPLE.items():
        byline: Any = None
        if person.byline == "new":
            byline = services.NEW_BYLINE
        elif person.byline:
            byline = Author.objects.get(slug=person.byline)
        made[key] = services.add_member(
            username=person.username, email=f"{person.username}@parallelpost.example",
            role=person.role, name=person.name, byline=byline, password=password,
            by=made.get("admin"),
        )  # fmt: skip
    return made


def write_stories(users: dict[str, Any]) -> dict[str, Any]:
    """Stories in review, scheduled and in drafts, saved by the people who would save them."""
    from django.utils import timezone

    from masthead.articles import services
    from masthead.articles.models import Article, Author, Category, Tag

    def story(words: dict[str, str], section: str, by: Any, tags: list[str]) -> Article:
        article = Article(**words, category=Category.objects.get(slug=section), language="en")
        byline = Author.objects.filter(user=by)
        tagged = Tag.objects.filter(slug__in=tags)
        return services.save_article(article=article, by=by, authors=byline, tags=tagged)

    editor, author, contributor = users["editor"], users["author"], users["contributor"]
    repair = story(REPAIR, "phones", contributor, ["smartphones"])
    services.submit_for_review(article=repair, by=contributor)
    _edit(repair, REPAIR_EDITED, by=editor, section="policy", tags=["smartphones", "europe"])
    scribes = story(SCRIBES, "ai-enterprise", author, ["healthcare", "llm"])
    services.submit_for_review(article=scribes, by=author)
    laptops = story(LAPTOPS, "ai-models", author, ["llm"])
    story(SCHOOLS, "gadgets", contributor, [])
    watch = Article.objects.get(slug__startswith="smartwatches-edge-closer")
    tomorrow = timezone.localdate() + timedelta(days=1)
    at = timezone.make_aware(datetime(tomorrow.year, tomorrow.month, tomorrow.day, 7))
    services.publish_article(article=watch, by=editor, at=at)
    return {"repair": repair, "scribes": scribes, "laptops": laptops}


def _edit(article: Any, words: dict[str, str], *, by: Any, section: str, tags: list[str]) -> None:
    from masthead.articles import services
    from masthead.articles.models import Category, Tag

    for field, value in words.items():
        setattr(article, field, value)
    article.category = Category.objects.get(slug=section)
    services.save_article(article=article, by=by, tags=Tag.objects.filter(slug__in=tags))


def give_preview_links(article: Any, editor: Any) -> None:
    """Two links given out earlier: one still working, one revoked."""
    from masthead.articles.services import previews

    previews.create_preview_link(article=article, by=editor, note="Legal: Dana Whitfield")
    old, _ = previews.create_preview_link(article=article, by=editor, note="Fact check: Tom Ellis")
    previews.revoke_preview_link(link=old, by=editor)


def leave_comment() -> Any:
    """A reader's question on a story of two days ago, waiting for moderation."""
    from masthead.articles.models import Article
    from masthead.comments.models import Comment
    from masthead.core import clock

    article = Article.objects.get(slug__startswith="open-weight")
    now = clock.now()
    return Comment.objects.create(
        article=article, author_name="Marta Silva", author_email="marta@example.org",
        body=COMMENT, status=Comment.Status.PENDING, status_changed_at=now, created_at=now,
    )  # fmt: skip


def keep_typed_text(*, user: Any, article: Any) -> None:
    """What ``user`` typed into ``article`` before their browser crashed: offered back."""
    from masthead.articles.services import editing

    typed = {"title": article.title + ": what doctors found", "dek": article.dek}
    editing.autosave(user=user, article=article, typed=typed, base_version=article.version)


# --- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(data: Path, log: Path) -> Iterator[str]:
    """``masthead serve`` on ``data`` at a free port, stopped (with its workers) on leaving."""
    port = free_port()
    command = [sys.executable, "-m", "masthead.cli", "serve", "--port", str(port), "--workers", "1"]
    with log.open("wb") as out:
        # A session of its own: Ctrl-C reaches this script, which then stops the server.
        server = subprocess.Popen(  # noqa: S603 (our own command)
            command, env={**os.environ, "MASTHEAD_DATA": str(data)}, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/admin/login/", server, log)
        yield url
    finally:
        stop(server)


def wait_for(url: str, server: subprocess.Popen[bytes], log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"masthead serve stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"masthead serve did not answer at {url} within {seconds:.0f} s")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# --- the pictures ------------------------------------------------------------------------


class Camera:
    """Signed-in tabs on the served newsroom, and the PNGs they take."""

    def __init__(self, browser: Any, url: str, password: str, out: Path) -> None:
        self.browser, self.url, self.password, self.out = browser, url, password, out
        self.tabs: dict[str, Any] = {}

    def tab(self, who: str) -> Any:
        """A tab signed in (through the sign-in form) as ``who``, one per person."""
        if who not in self.tabs:
            context = self.browser.new_context(
                base_url=self.url, viewport=VIEWPORT, color_scheme="light", locale="en-GB",
                reduced_motion="reduce",
            )  # fmt: skip
            context.set_default_timeout(15_000)
            # The list of screens down the side folded away, as one click leaves it.
            context.add_init_script(FOLD_SIDEBAR)
            page = context.new_page()
            page.goto("/admin/login/")
            page.fill("#id_username", PEOPLE[who].username)
            page.fill("#id_password", self.password)
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/")
            self.tabs[who] = page
        return self.tabs[who]

    def take(self, name: str, target: Any, *, height: int | None = None) -> None:
        """Save ``target`` (a page's viewport, or a locator's box), at most ``height`` px high."""
        if hasattr(target, "bounding_box"):  # a locator, not a page
            box = target.evaluate(BOX)
            page = target.page
        else:
            box = {"x": 0, "y": 0, **VIEWPORT}
            page = target
        clip = {**box, "height": min(box["height"], height or box["height"])}
        png = page.screenshot(clip=clip, full_page=True)
        path = self.out / f"{name}.png"
        size = save_png(png, path)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"  {shown}  {size // 1024} KB", flush=True)


def save_png(png: bytes, path: Path) -> int:
    """Write ``png`` to ``path``, in 256 colours if it is too heavy; return its size."""
    from PIL import Image

    if len(png) > MOST_BYTES:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        buffer = io.BytesIO()
        image.quantize(256, method=Image.Quantize.MEDIANCUT).save(buffer, "PNG", optimize=True)
        png = min(png, buffer.getvalue(), key=len)
    path.write_bytes(png)
    return len(png)


def admin(path: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(f"admin:{path}", args=args)


def shoot_dashboard(cam: Camera, room: dict[str, Any]) -> None:
    page = cam.tab("editor")
    page.goto(admin("index"))
    cam.take("dashboard", page, height=1150)


def shoot_story_list(cam: Camera, room: dict[str, Any]) -> None:
    page = cam.tab("editor")
    page.goto(admin("articles_article_changelist") + "?state=review")
    cam.take("story-list", page, height=560)


def shoot_editing(cam: Camera, room: dict[str, Any]) -> None:
    """The author has the story open; the editor, back after a crash, opens it too."""
    scribes = room["scribes"]
    keep_typed_text(user=room["users"]["editor"], article=scribes)
    cam.tab("author").goto(admin("articles_article_change", scribes.pk))
    page = cam.tab("editor")
    page.goto(admin("articles_article_change", scribes.pk))
    page.wait_for_selector("#editing-restore:not([hidden])")
    cam.take("story-editing", page, height=480)


def shoot_compare(cam: Camera, room: dict[str, Any]) -> None:
    page = cam.tab("editor")
    page.goto(admin("articles_article_revision_compare", room["repair"].pk))
    cam.take("compare", page)


def shoot_conflict(cam: Camera, room: dict[str, Any]) -> None:
    """Editor and author open the same draft; the author saves first, then the editor."""
    laptops = admin("articles_article_change", room["laptops"].pk)
    editor, author = cam.tab("editor"), cam.tab("author")
    editor.goto(laptops)
    author.goto(laptops)
    author.fill("#id_dek", LAPTOPS["dek"].replace("arriving in", "built into"))
    author.click("input[name=_continue]")
    author.wait_for_selector(".messagelist")
    editor.fill("#id_title", "Small AI models move onto office laptops, and stay there")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".editing-conflict")
    cam.take("conflict", editor.locator(".editing-conflict"))


def shoot_preview_links(cam: Camera, room: dict[str, Any]) -> None:
    page = cam.tab("editor")
    page.goto(admin("articles_article_preview_links", room["repair"].pk))
    page.fill("input[name=note]", "Copy desk: Sam Ortiz")
    page.fill("input[name=hours]", "24")
    page.click("input[value='Make the link']")
    page.wait_for_selector("#made-link")
    cam.take("preview-links", page)


def shoot_people_add(cam: Camera, room: dict[str, Any]) -> None:
    page = cam.tab("admin")
    page.goto(admin("auth_user_add"))
    page.fill("#id_username", "ana")
    page.fill("#id_email", "ana@parallelpost.example")
    page.fill("#id_name", "Ana Torres")
    page.check("input[name=role][value=Contributor]")
    cam.take("people-add", page.locator("#content"))


def shoot_comment(cam: Camera, room: dict[str, Any]) -> None:
    """The comment waiting, then approved (readers must see what a reply answers)."""
    page = cam.tab("editor")
    comment = admin("comments_comment_change", room["comment"].pk)
    page.goto(comment)
    cam.take("comment-moderation", page.locator("#content"), height=560)
    page.click("input[value=Approve]")
    page.wait_for_selector(".messagelist")
    page.goto(comment)
    page.fill("#id_reply", REPLY)
    page.locator("#id_reply").blur()
    cam.take("comment-reply", page.locator("#comment-reply"))


def shoot_audit_log(cam: Camera, room: dict[str, Any]) -> None:
    page = cam.tab("admin")
    page.goto(admin("backoffice_auditentry_changelist"))
    cam.take("audit-log", page, height=640)


SHOTS: dict[str, Callable[[Camera, dict[str, Any]], None]] = {
    "dashboard": shoot_dashboard,
    "story-list": shoot_story_list,
    "story-editing": shoot_editing,
    "compare": shoot_compare,
    "conflict": shoot_conflict,
    "preview-links": shoot_preview_links,
    "people-add": shoot_people_add,
    "comments": shoot_comment,
    "audit-log": shoot_audit_log,  # last: it lists everyone's sign-in
}


def shoot(url: str, password: str, room: dict[str, Any], names: list[str], out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            cam = Camera(browser, url, password, out)
            failed_sign_in(browser, url)
            for name in SHOTS:
                if name in names:
                    SHOTS[name](cam, room)
        finally:
            browser.close()


def failed_sign_in(browser: Any, url: str) -> None:
    """Someone mistypes a password, so the audit log has a refusal to show."""
    page = browser.new_page(base_url=url)
    page.goto("/admin/login/")
    page.fill("#id_username", "jordan")
    page.fill("#id_password", "not-the-password")
    page.click("input[type=submit]")
    page.wait_for_selector(".errornote")
    page.context.close()


# --- the command -------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"Folder for the PNGs ({OUT}).")
    parser.add_argument(
        "--only", nargs="+", choices=list(SHOTS), default=list(SHOTS), help="Take only these."
    )
    return parser.parse_args()


def main() -> None:
    options = arguments()
    if not Path(CHROMIUM).exists():
        sys.exit(f"needs Debian's Chromium at {CHROMIUM}: apt install chromium")
    # A SIGTERM ends the script as Ctrl-C does: through the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    data = Path(tempfile.mkdtemp(prefix="masthead-screenshots-"))
    started = time.monotonic()
    try:
        (data / "site").mkdir()
        for name in FOREIGN:
            os.environ.pop(name, None)
        os.environ.update(
            MASTHEAD_DATA=str(data / "site"), DJANGO_SETTINGS_MODULE="masthead.config.settings",
            # Playwright's sync API runs an event loop in this thread; nothing here is async.
            DJANGO_ALLOW_ASYNC_UNSAFE="true",
        )  # fmt: skip
        import django

        django.setup()
        password = secrets.token_urlsafe(12)
        print("Writing a newsroom in a temporary folder…", flush=True)
        room = build_newsroom(password)
        options.out.mkdir(parents=True, exist_ok=True)
        with serving(data / "site", data / "server.log") as url:
            print(f"Serving it at {url}; photographing {len(options.only)} screens:", flush=True)
            shoot(url, password, room, options.only, options.out)
    except KeyboardInterrupt:
        # Ctrl-C reached Playwright's driver too; its dying words are no news.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        sys.exit("Stopped.")
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print(f"Done in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
