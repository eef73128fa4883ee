"""Hostile content through the newsroom's doors: the back office's forms and the API.

How the corpus is split:

- stories: the corpus packed into headlines (300 characters) and standfirsts (600), and
  cut into ``BODIES`` bodies; the first half of the stories is written through the back
  office's story form (real POSTs), the second half through ``POST /api/v1/articles/``,
  so every payload is in a headline, a standfirst and a body, each through one of the two;
- tags and bylines (80 and 120 characters) are made in the back office's tag and author
  forms, and the site settings (name, tagline, footer), the menu (labels) and pictures'
  alt text, caption and credit (uploaded in the back office and through the API) too.
  These are short, one-line fields of which a page shows one or a few, so in CI they
  take a sample of the corpus, ``corpus[k::NARROW]`` with a different ``k`` for each
  field (every 20th payload); the same kinds of field (terms, authors) take the whole
  corpus through the WordPress import (``test_import_doors``). ``make xss-full``
  (``MASTHEAD_XSS_NARROW=1``) gives every one of these fields the whole corpus too:
  about 20 times the form posts, outside CI. The home page is loaded after each change
  of the site's settings, which show one value at a time.

Pages loaded in Chromium: every story with a body, the home page, the section, tag,
author and date archives (50 stories a page), the RSS feed's items, the back office's
story list, one story's form, the tag, author, picture and menu lists, the settings form.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Article, Author, Category, Image, MenuItem, SiteSettings, Tag
from masthead.core import clock
from tests import factories
from tests.api.conftest import client_for
from tests.xss.doors import packed, spread, without_nul
from tests.xss.test_reader_doors import feed_items, form_errors, sign_in

BODIES = 12
# Every NARROW-th payload for the short fields (module docstring); `make xss-full`: 1.
NARROW = int(os.environ.get("MASTHEAD_XSS_NARROW", "20"))


@pytest.fixture
def editor(roles: None, admin_user: Any) -> Client:
    SiteSettings.objects.get_or_create(pk=1, defaults={"per_page": 50})
    SiteSettings.objects.update(per_page=50)
    SiteSettings.forget()
    client = Client()
    client.force_login(admin_user)
    return client


def test_nothing_written_in_the_newsroom_runs_a_script(
    corpus, editor, admin_user, trapped, tab, live_server
):
    corpus = without_nul(corpus)
    section = Category.objects.create(name="News", slug="news")
    tags = [make(editor, "tag", name=name, slug=f"t{n}") for n, name in
            enumerate(packed(corpus[0::NARROW], 80))]  # fmt: skip
    authors = [make(editor, "author", name=name, slug=f"a{n}", role=name, bio=name)
               for n, name in enumerate(packed(corpus[1::NARROW], 120))]  # fmt: skip
    images = pictures(editor, admin_user, corpus)
    problems = settings_and_menu(editor, corpus, trapped, tab)
    stories = write_stories(editor, admin_user, corpus, section, tags, authors, images)
    for story in stories:
        if story.body:
            problems += trapped.visit(tab, story.get_absolute_url())
    day = clock.now()
    pages = ["/", f"/{day:%Y}/{day:%m}/", tags[0].get_absolute_url(),
             authors[0].get_absolute_url()]  # fmt: skip
    pages += [f"/category/news/page/{n}/" if n > 1 else "/category/news/"
              for n in range(1, len(stories) // 50 + 2)]  # fmt: skip
    for url in pages:
        problems += trapped.visit(tab, url)
    problems += feed_items(trapped, tab, "/feed/")
    sign_in(trapped, admin_user, live_server)
    for url in ["/admin/articles/article/", "/admin/articles/tag/", "/admin/articles/author/",
                "/admin/articles/image/", "/admin/articles/menuitem/",
                reverse("admin:articles_sitesettings_change", args=[1]),
                reverse("admin:articles_article_change", args=[stories[0].pk])]:  # fmt: skip
        problems += trapped.visit(tab, url)
    assert problems == [], "\n".join(problems[:60])


def make(editor: Client, model: str, **fields: Any) -> Any:
    """Add a ``model`` in the back office; return what was stored."""
    answer = editor.post(reverse(f"admin:articles_{model}_add"), fields)
    assert answer.status_code == 302, form_errors(answer)
    found = {"tag": Tag, "author": Author}[model]
    return found.objects.get(slug=fields["slug"])


def pictures(editor: Client, user: Any, corpus: list[Any]) -> list[Image]:
    """Pictures whose words are payloads: half uploaded in the back office, half by the API."""
    alts, captions = packed(corpus[2::NARROW], 300), packed(corpus[3::NARROW], 500)
    credits = packed(corpus[4::NARROW], 200)
    api = client_for(user, name="pictures")
    for n in range(max(len(alts), len(captions), len(credits))):
        words = {"alt_text": alts[n % len(alts)], "caption": captions[n % len(captions)],
                 "credit": credits[n % len(credits)]}  # fmt: skip
        upload = SimpleUploadedFile(f"p{n}.png", factories.png_bytes(64, 48), "image/png")
        if n % 2:
            answer = api.post("/api/v1/images/", {"file": upload, **words}, format="multipart")
            assert answer.status_code == 201, answer.content
        else:
            answer = editor.post(reverse("admin:articles_image_add"), {"file": upload, **words})
            assert answer.status_code == 302, form_errors(answer)
    return list(Image.objects.order_by("pk"))


def settings_and_menu(editor: Client, corpus: list[Any], trapped: Any, tab: Any) -> list[str]:
    """The site's name, tagline and footer, and menu labels, through the back office.

    The home page is loaded after each change of the settings, which show one value at a
    time; what it found is returned.
    """
    for n, label in enumerate(packed(corpus[5::NARROW], 60)):
        fields = {"label": label, "url": f"/category/news/?m={n}", "position": n}
        answer = editor.post(reverse("admin:articles_menuitem_add"), fields)
        assert answer.status_code == 302, form_errors(answer)
    change = reverse("admin:articles_sitesettings_change", args=[1])
    found: list[str] = []
    for name, tagline, footer in zip(packed(corpus[6::NARROW], 120), packed(corpus[7::NARROW], 200),
                                     packed(corpus[8::NARROW], 300), strict=False):  # fmt: skip
        fields = {"name": name, "tagline": tagline, "footer_text": footer, "language": "en",
                  "related_count": 4, "per_page": 50, "feed_full_text": "on"}  # fmt: skip
        answer = editor.post(change, fields)
        assert answer.status_code == 302, form_errors(answer)
        found += trapped.visit(tab, "/")
    assert MenuItem.objects.count() > 1
    return found


def write_stories(
    editor: Client, user: Any, corpus: list[Any], section: Category,
    tags: list[Tag], authors: list[Author], images: list[Image],
) -> list[Article]:  # fmt: skip
    """The stories: headlines, standfirsts and bodies full of payloads (module docstring)."""
    titles, deks = packed(corpus, 300), packed(corpus, 600)
    bodies = ["\n\n".join(p.text for p in part) for part in spread(corpus, BODIES)]
    api = client_for(user, name="stories")
    half = len(titles) // 2
    for n, title in enumerate(titles):
        fields = {"title": title, "dek": deks[n % len(deks)],
                  "body": bodies[n] if n < len(bodies) and n < half else
                  bodies[n - half] if half <= n < half + len(bodies) else ""}  # fmt: skip
        tag, author, image = tags[n % len(tags)], authors[n % len(authors)], images[n % len(images)]
        if n < half:
            by_form(editor, fields, section, tag, author, image)
        else:
            by_api(api, fields, section, tag, author, image)
    return list(Article.objects.order_by("pk"))


def by_form(editor: Client, fields: dict[str, str], section: Category, tag: Tag,
            author: Author, image: Image) -> None:  # fmt: skip
    an_hour_ago = timezone.localtime(clock.now()) - timedelta(hours=1)
    form = {
        **fields, "slug": "", "status": "published", "comments_open": "on",
        "published_at_0": an_hour_ago.strftime("%Y-%m-%d"),
        "published_at_1": an_hour_ago.strftime("%H:%M:%S"),
        "category": section.pk, "tags": [tag.pk], "featured_image": image.pk, "language": "en",
        "authorships-TOTAL_FORMS": "1", "authorships-INITIAL_FORMS": "0",
        "authorships-0-author": author.pk, "authorships-0-position": "0",
        "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0",
    }  # fmt: skip
    answer = editor.post(reverse("admin:articles_article_add"), form)
    assert answer.status_code == 302, form_errors(answer)


def by_api(api: Any, fields: dict[str, str], section: Category, tag: Tag,
           author: Author, image: Image) -> None:  # fmt: skip
    answer = api.post("/api/v1/articles/", {
        **fields, "category": section.slug, "tags": [tag.slug], "authors": [author.slug],
        "featured_image": image.pk,
    }, format="json")  # fmt: skip
    assert answer.status_code == 201, answer.content
    published = api.post(f"/api/v1/articles/{answer.json()['id']}/publish/", {}, format="json")
    assert published.status_code == 200, published.content
