"""factory_boy factories for the newsroom; articles go through the real services."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from masthead.articles import services
from masthead.articles.models import Article, Author, Category, Image, SiteSettings, Source, Tag
from masthead.comments.models import Comment
from masthead.core import clock


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = "Staff reporter"
    bio = "Covers the industry."


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = "Harbour Wire"
    home_url = "https://harbour-wire.example/"
    credit = "Courtesy of Harbour Wire"


def png_bytes(width: int = 1600, height: int = 900, colour: str = "#336699") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def image(alt: str = "A test picture", **kwargs: Any) -> Image:
    """A real image with renditions (made at once, not after commit), in the test's media."""
    stored = services.save_image(
        file=ContentFile(png_bytes(**kwargs)), name="test.png", alt_text=alt,
        caption="A caption", credit="Photo: Test Desk",
    )  # fmt: skip
    return services.make_image_renditions(image=stored)


def article(
    *,
    title: str = "A story",
    body: str = "Some **words** here.\n\nAnd a second paragraph.",
    category: Category | None = None,
    authors: list[Author] | None = None,
    tags: list[Tag] | None = None,
    status: str = Article.Status.PUBLISHED,
    published_at: Any = "past",
    **fields: Any,
) -> Article:
    """An article saved through ``services.save_article``; published an hour ago by default."""
    if published_at == "past":
        published_at = clock.now() - timedelta(hours=1)
    item = Article(
        title=title, body=body, category=category or CategoryFactory(), status=status,
        published_at=published_at, **fields,
    )  # fmt: skip
    return services.save_article(
        article=item, authors=authors or [AuthorFactory()], tags=tags or []
    )


def person(role: str = "Editor", username: str = "", *, byline: bool = False, **fields: Any):
    """A staff account in ``role`` (one of the groups the roles migration makes).

    With ``byline``, the account gets an author profile of the same name, as the back
    office's "new user" screen gives it.
    """
    username = username or f"{role.lower()}-{get_user_model().objects.count() + 1}"
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw-123456", is_staff=True, **fields
    )
    user.groups.add(Group.objects.get(name=role))
    if byline:
        AuthorFactory(name=username.title(), slug=username, user=user)
    return user


def comment(art: Article, *, status: str = Comment.Status.APPROVED, **fields: Any) -> Comment:
    defaults = {
        "author_name": "Reader", "author_email": "reader@example.org", "body": "Good piece.",
    }  # fmt: skip
    return Comment.objects.create(article=art, status=status, **{**defaults, **fields})


def newsroom() -> dict[str, Any]:
    """A small newsroom: two sections (one with a subsection), three tags, stories."""
    SiteSettings.objects.create(name="The Test Gazette", tagline="News for tests")
    ai = CategoryFactory(name="AI", slug="ai")
    policy = CategoryFactory(name="Policy", slug="ai-policy", parent=ai)
    chips = CategoryFactory(name="Chips", slug="chips", position=1)
    alice = AuthorFactory(name="Alice Reporter", slug="alice")
    bob = AuthorFactory(name="Bob Writer", slug="bob")
    tags = [TagFactory(name=n, slug=n) for n in ("models", "gpus", "europe")]
    wire = SourceFactory()
    stories = []
    for i in range(10):
        stories.append(
            article(
                title=f"Story number {i}",
                category=[ai, policy, chips][i % 3],
                authors=[alice, bob] if i % 4 == 0 else [alice if i % 2 else bob],
                tags=tags[: 1 + i % 3],
                published_at=clock.now() - timedelta(hours=3 + i * 5),
                dek=f"What happened in story {i}.",
                source=wire if i == 3 else None,
                source_url="https://harbour-wire.example/2026/story-3" if i == 3 else "",
            )
        )
    return {
        "ai": ai, "policy": policy, "chips": chips, "alice": alice, "bob": bob,
        "tags": tags, "source": wire, "stories": stories,
    }  # fmt: skip
