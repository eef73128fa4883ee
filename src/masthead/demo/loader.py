"""Put the demo newsroom into the database through the same services editors use.

Readers' comments are the exception: they are written as rows, because the demo's
commenters must skip what real ones go through (rate limits, the spam rules).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from masthead.articles import services
from masthead.articles.models import (
    Article,
    Author,
    Category,
    Image,
    MenuItem,
    SiteSettings,
    Source,
    Tag,
)
from masthead.comments.models import Comment
from masthead.core import clock
from masthead.demo.content import DemoArticle, DemoComment, DemoImage, Newsroom, load_newsroom
from masthead.demo.drawing import draw_avatar, draw_illustration


def is_filled() -> bool:
    """Whether the demo (or any content) is already in the database."""
    return Article.objects.exists()


@transaction.atomic
def load_demo(newsroom: Newsroom | None = None) -> int:
    """Create the demo site, sections, people, articles and comments; return the article count.

    Run it once, on an empty database (see ``is_filled``): it adds, it does not update.
    """
    newsroom = newsroom or load_newsroom()
    _site(newsroom)
    categories = _categories(newsroom)
    authors = _authors(newsroom)
    sources = {
        s["slug"]: Source.objects.create(name=s["name"], home_url=s["url"], credit=s["credit"])
        for s in newsroom.sources
    }
    made: dict[str, Article] = {}
    # Originals first, so translations can point at them.
    for item in sorted(newsroom.articles, key=lambda a: a.translation_of is not None):
        made[item.key] = _article(item, categories, authors, sources, made)
        _comments(item.comments, made[item.key])
    return len(made)


def _site(newsroom: Newsroom) -> None:
    site = newsroom.site
    SiteSettings.objects.all().delete()
    SiteSettings.objects.create(
        name=site.get("name", "Masthead"),
        tagline=site.get("tagline", ""),
        footer_text=site.get("footer", ""),
        language=site.get("language", "en"),
    )
    MenuItem.objects.all().delete()
    MenuItem.objects.bulk_create(
        MenuItem(label=m["label"], url=m["url"], position=i) for i, m in enumerate(newsroom.menu)
    )


def _categories(newsroom: Newsroom) -> dict[str, Category]:
    found: dict[str, Category] = {}
    for position, top in enumerate(newsroom.categories):
        parent = Category.objects.create(
            name=top["name"], slug=top["slug"], description=top.get("description", ""),
            position=position,
        )  # fmt: skip
        found[parent.slug] = parent
        for i, child in enumerate(top.get("children", [])):
            found[child["slug"]] = Category.objects.create(
                name=child["name"], slug=child["slug"], parent=parent,
                description=child.get("description", ""), position=i,
            )  # fmt: skip
    return found


def _authors(newsroom: Newsroom) -> dict[str, Author]:
    found: dict[str, Author] = {}
    palettes = ("blue", "teal", "amber", "crimson", "violet", "slate", "green")
    for i, person in enumerate(newsroom.authors):
        author = Author(
            name=person["name"], slug=person["slug"], role=person.get("role", ""),
            bio=person.get("bio", ""),
        )  # fmt: skip
        initials = "".join(p[0] for p in person["name"].split()[:2]).upper()
        png = draw_avatar(initials=initials, palette=palettes[i % len(palettes)])
        author.avatar.save(f"{author.slug}.png", ContentFile(png), save=False)
        author.save()
        found[author.slug] = author
    return found


def _article(
    item: DemoArticle,
    categories: dict[str, Category],
    authors: dict[str, Author],
    sources: dict[str, Source],
    made: dict[str, Article],
) -> Article:
    now = clock.now()
    day = timezone.localdate(now) - timedelta(days=item.days_ago)
    published_at = timezone.make_aware(datetime.combine(day, time(item.hour, 0)))
    article = Article(
        title=item.title, dek=item.dek, body=item.body, category=categories[item.category],
        language=item.language, is_lead=item.featured,
        source=sources[item.source] if item.source else None, source_url=item.source_url,
        translation_of=made.get(item.translation_of or ""),
        featured_image=_image(item.image, seed=len(made)) if item.image else None,
        status=Article.Status.DRAFT if item.status == "draft" else Article.Status.PUBLISHED,
        published_at=None if item.status == "draft" else published_at,
    )  # fmt: skip
    tags = [_tag(slug) for slug in item.tags]
    services.save_article(article=article, authors=[authors[a] for a in item.authors], tags=tags)
    if item.updated_days_ago is not None and article.published_at:
        updated = now - timedelta(days=item.updated_days_ago)
        Article.objects.filter(pk=article.pk).update(content_updated_at=updated)
    return article


def _comments(specs: list[DemoComment], article: Article) -> None:
    """Write the thread under ``article`` in list order, so each parent precedes its replies."""
    now = clock.now()
    # Should the demo be built before a story's hour today, its thread would predate it.
    if not specs or article.published_at is None or article.published_at > now:
        return
    made: list[Comment] = []
    for spec in specs:
        at = min(article.published_at + timedelta(hours=spec.hours_after), now)
        comment = Comment.objects.create(
            article=article, parent=made[spec.reply_to - 1] if spec.reply_to else None,
            depth=spec.depth, author_name=spec.name, author_email=spec.email.lower(),
            author_url=spec.website, body=spec.body, status=spec.status,
            status_changed_at=at, created_at=at,
        )  # fmt: skip
        made.append(comment)


def _tag(slug: str) -> Tag:
    tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})
    return tag


def _image(spec: DemoImage, *, seed: int) -> Image:
    jpeg = draw_illustration(motif=spec.motif, palette=spec.palette, seed=seed)
    stored = services.save_image(
        file=ContentFile(jpeg), name=f"demo-{spec.motif}-{seed}.jpg",
        alt_text=spec.alt, caption=spec.caption, credit=spec.credit,
    )  # fmt: skip
    # The demo is being built, not served: its pictures are finished before it opens.
    return services.make_image_renditions(image=stored)
