"""The article and its ordered byline."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from masthead.articles.models.taxonomy import Category
from masthead.core import clock
from masthead.core.fields import (
    LanguageTagField,
    PrintableCharField,
    PrintableTextField,
    PrintableURLField,
)
from masthead.core.links import reverse

if TYPE_CHECKING:
    from masthead.articles.models.people import Author

# An edit within this long after publication does not earn an "Updated" line.
UPDATE_GRACE = timedelta(minutes=10)


# What a teaser shows (articles/_teaser.html) and what the pages that list teasers read:
# visibility (status, publication time), the address (day, slug), the section a story is
# filed under, and the picture with its renditions.
TEASER_FIELDS = (
    "title", "slug", "excerpt", "status", "published_at", "pub_date",
    "category__name", "category__slug", "category__parent",
    "featured_image__file", "featured_image__alt_text", "featured_image__width",
    "featured_image__height", "featured_image__renditions",
)  # fmt: skip


class ArticleQuerySet(models.QuerySet["Article"]):
    """Chainable reads; ``published()`` is the only gate readers' pages go through."""

    def published(self, at: datetime | None = None) -> ArticleQuerySet:
        """Articles a reader may see at ``at`` (now): published and not scheduled later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=at or clock.now())

    def scheduled(self, at: datetime | None = None) -> ArticleQuerySet:
        """Published articles whose time has not come yet."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=at or clock.now())

    def in_state(self, state: str, at: datetime | None = None) -> ArticleQuerySet:
        """Articles in a workflow ``state``: a status, or "scheduled"; "published" is visible."""
        if state == "scheduled":
            return self.scheduled(at)
        if state == Article.Status.PUBLISHED:
            return self.published(at)
        return self.filter(status=state)

    def mine(self, user: Any, *, paged: bool = False) -> ArticleQuerySet:
        """Stories ``user`` started or has a byline on.

        Asked as a UNION of two index lookups, for counting them: ``created_by = … OR pk IN
        (…)`` makes PostgreSQL read the whole table (436 ms against 72 ms at 100,000
        stories). ``paged`` asks it row by row instead (``created_by = … OR EXISTS``), for a
        page in another order: the database walks that order's index and stops after the
        page, where the UNION's thousands of stories are all read and sorted first (SQLite:
        2 ms against 180 ms for a writer with 17,000 stories).
        """
        if paged:
            links = ArticleAuthor.objects.filter(article=models.OuterRef("pk"), author__user=user)
            return self.filter(Q(created_by=user) | Q(models.Exists(links)))
        started = Article.objects.filter(created_by=user).order_by().values("pk")
        bylined = ArticleAuthor.objects.filter(author__user=user).order_by().values("article_id")
        return self.filter(pk__in=started.union(bylined))

    def in_category(self, category: models.Model) -> ArticleQuerySet:
        """Articles filed in ``category`` or in one of its subsections."""
        # An IN over section ids lets the (category, status, published_at) index serve
        # each section; an OR across the category join cannot.
        sections = Category.objects.filter(Q(pk=category.pk) | Q(parent=category)).values("pk")
        return self.filter(category_id__in=sections)

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-pk")

    def teasers(self, *, sections: bool = True) -> ArticleQuerySet:
        """Articles with what a teaser shows of them, their section and their picture.

        Only those columns (``TEASER_FIELDS``): a front page reads about forty stories, and
        turning every column of each into Python (five times a date) cost more than the
        teasers' own rendering. Reading another field of a teaser asks the database.
        ``sections=False`` leaves the sections out, for a page that has read them all
        already and gives each story its own (the home page).
        """
        if not sections:
            fields = [f for f in TEASER_FIELDS if not f.startswith("category__")]
            return self.select_related("featured_image").only("category", *fields)
        return self.select_related("category", "featured_image").only(*TEASER_FIELDS)

    def for_listing(self) -> ArticleQuerySet:
        """Everything a teaser (title, dek, image, section, byline) needs, in two queries."""
        return self.teasers().prefetch_related(
            models.Prefetch(
                "authorships",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
            )
        )


# A long read is about 100,000 characters; ten times that is no story but a pasted file.
BODY_MAX_CHARS = 1_000_000
BODY_TOO_LONG = (
    "A story's body can be at most %(limit_value)d characters; this one has %(show_value)d."
)


class Article(models.Model):
    """A story: written in Markdown, rendered and sanitized when saved."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        # Published with a time still to come is "scheduled" (see ``state``).
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"
        TRASH = "trash", "Trash"

    title = PrintableCharField("headline", max_length=300)
    slug = models.SlugField(max_length=100, allow_unicode=True, blank=True)
    dek = PrintableTextField("standfirst", blank=True, max_length=600)
    body = PrintableTextField(
        "body (Markdown)",
        blank=True,
        # A validator rather than max_length: SQLite would rebuild the table for the latter.
        validators=[MaxLengthValidator(BODY_MAX_CHARS, message=BODY_TOO_LONG)],
    )
    body_html = PrintableTextField(editable=False, blank=True)
    excerpt = PrintableTextField(editable=False, blank=True)
    word_count = models.PositiveIntegerField(editable=False, default=0)
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="A time in the future schedules the article."
    )
    # The local publication day, part of the URL; slugs are unique per day.
    pub_date = models.DateField(null=True, editable=False)
    content_updated_at = models.DateTimeField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    category = models.ForeignKey(
        "articles.Category", on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField("articles.Tag", blank=True, related_name="articles")
    authors = models.ManyToManyField(
        "articles.Author", through="ArticleAuthor", related_name="articles", blank=True
    )
    featured_image = models.ForeignKey(
        "articles.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.ForeignKey(
        "articles.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="For syndicated stories: the original publisher.",
    )
    source_url = PrintableURLField("original article URL", blank=True, max_length=500)
    credit_line = PrintableCharField(
        max_length=200, blank=True, help_text="Overrides the source's default credit line."
    )
    language = LanguageTagField(
        max_length=35, blank=True,
        help_text="A BCP 47 language tag, e.g. en, en-GB or zh-Hans; empty for the site's.",
    )  # fmt: skip
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text="The original this article translates.",
    )
    is_lead = models.BooleanField("lead story", default=False)
    comments_open = models.BooleanField(default=True)

    # Who started the story: with the byline, what makes it "theirs" (see policy.py).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    status_changed_at = models.DateTimeField(null=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # Raised by one at every save: a save that started from an older one is refused.
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish"),
            ("edit_any_article", "Can act on colleagues' stories, not only their own"),
        ]
        indexes = [
            # The listings' order, id included: a page's ids are read from the index alone
            # (views/paging.py; migration 0015).
            models.Index(fields=["status", "published_at", "id"], name="article_visible_idx"),
            models.Index(
                fields=["category", "status", "published_at", "id"], name="article_section_idx"
            ),
            # Date archives: a day range among published stories.
            models.Index(
                fields=["status", "pub_date", "published_at", "id"], name="article_day_idx"
            ),
            # The front page's lead story: a handful of rows, found without a scan.
            models.Index(
                fields=["published_at"], condition=Q(is_lead=True), name="article_lead_idx"
            ),
            # The back office's story list: the story changed last first (migration 0010).
            models.Index(fields=["modified_at", "id"], name="article_changed_idx"),
            models.Index(fields=["status", "modified_at"], name="article_state_changed_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["pub_date", "slug"],
                condition=Q(pub_date__isnull=False),
                name="article_slug_unique_per_day",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        day = self.pub_date or timezone.localdate(self.published_at or clock.now())
        return reverse(
            "articles:article",
            year=f"{day.year:04d}",
            month=f"{day.month:02d}",
            day=f"{day.day:02d}",
            slug=self.slug,
        )

    @property
    def is_visible(self) -> bool:
        """Whether a reader may see the article right now."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= clock.now()
        )

    @property
    def state(self) -> str:
        """The workflow state: the status, with "scheduled" for a publication still to come."""
        if self.status == self.Status.PUBLISHED and not self.is_visible:
            return "scheduled"
        return str(self.status)

    @property
    def state_label(self) -> str:
        """The state for people: "Scheduled", "In review", …"""
        return "Scheduled" if self.state == "scheduled" else self.get_status_display()

    @property
    def was_updated(self) -> bool:
        """Whether the text changed after publication (worth an "Updated" line)."""
        if not (self.published_at and self.content_updated_at):
            return False
        return self.content_updated_at - self.published_at > UPDATE_GRACE

    @property
    def byline(self) -> list[Author]:
        """The authors in byline order (uses the prefetched authorships when present)."""
        # Read straight from the prefetch: a related manager made for each teaser of a
        # front page costs more than the rest of its byline.
        loaded = loaded_byline(self)
        if loaded is not None:
            return loaded
        return [link.author for link in self.authorships.all()]

    @property
    def credit(self) -> str:
        """The attribution credit: the article's own line, else the source's default."""
        if self.credit_line:
            return self.credit_line
        return self.source.credit if self.source else ""


# Where a page that read its stories' bylines with them (the home page's front, from
# rows of JSON) leaves each story's authors for ``Article.byline``: what
# ``prefetch_related("authorships")`` gives, without the queryset Django builds per story
# to hold its prefetched rows (most of the cost of a front page's bylines: 60 querysets
# for 60 teasers).
BYLINE_GIVEN = "_byline_given"


def loaded_byline(story: Article) -> list[Author] | None:
    """``story``'s authors if they were read with it (``BYLINE_GIVEN``, or the
    authorships prefetched), else None; reads nothing."""
    given = story.__dict__.get(BYLINE_GIVEN)
    if given is not None:
        return list(given)
    links = getattr(story, "_prefetched_objects_cache", {}).get("authorships")
    return None if links is None else [link.author for link in links]


class ArticleAuthor(models.Model):
    """One name in an article's byline, in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey("articles.Author", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_author_once")
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.article}"
