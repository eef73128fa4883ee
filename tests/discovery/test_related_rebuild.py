"""``masthead related rebuild`` (``discovery.related.rebuild``): every list, resumable."""

from __future__ import annotations

import io
import math

import pytest
from django.core.management import call_command

from masthead.articles import services
from masthead.articles.models import Article
from masthead.core.batchjobs import deferred_upkeep
from masthead.discovery.backends import get_backend
from masthead.discovery.models import ArticleTerm, IndexedArticle, RebuildRun, RelatedLink, Term
from masthead.discovery.related.engine import Engine
from masthead.discovery.related.rebuild import Rebuild
from tests import factories
from tests.discovery.conftest import rebuild

pytestmark = pytest.mark.django_db


def links() -> set[tuple[int, int, float]]:
    return {(s, t, round(score, 9)) for s, t, score in RelatedLink.objects.values_list(
        "source_id", "target_id", "score")}  # fmt: skip


def test_bulk_generated_articles_have_no_lists_until_a_rebuild(generated):
    assert not RelatedLink.objects.exists()
    result = rebuild()
    assert result == {
        "action": "rebuild", "count": len(generated), "terms": len(generated),
        "lists": len(generated), "resumed": False, "finished": True,
        "seconds": result["seconds"],
    }  # fmt: skip
    assert IndexedArticle.objects.filter(listed_at__isnull=False).count() == len(generated)
    assert set(RelatedLink.objects.values_list("source_id", flat=True)) == set(generated)
    assert not RebuildRun.objects.exists()


def test_after_a_rebuild_a_list_is_read_with_one_query(generated, django_assert_num_queries):
    rebuild()
    article = Article.objects.get(pk=generated[0])
    with django_assert_num_queries(1):
        assert len(get_backend().related(article, 6)) == 6


def test_a_rebuild_is_idempotent(generated):
    rebuild()
    first = links()
    rebuild()
    assert links() == first


def test_a_rebuild_keeps_what_publication_computed(db):
    """On a site kept by publication, a rebuild changes little: same counts, same best match."""
    category = factories.CategoryFactory()
    stories = [
        factories.article(title=f"{word} wafer fab news", category=category)
        for word in ("Helio", "Kestrel", "Arcwell", "Helio", "Kestrel", "Arcwell")
    ]
    counts = dict(Term.objects.values_list("text", "articles"))
    best = {s.pk: get_backend().related(s, 1)[0].pk for s in stories}
    rebuild()
    assert dict(Term.objects.filter(articles__gt=0).values_list("text", "articles")) == {
        text: n for text, n in counts.items() if n
    }
    assert {s.pk: get_backend().related(s, 1)[0].pk for s in stories} == best


def test_an_interrupted_rebuild_carries_on_where_it_stopped(generated):
    n, counting = len(generated), math.ceil(len(generated) / 4)
    steps = Rebuild(engine=Engine(), batch_size=4).steps()
    stages = [next(steps).stage for _ in range(counting + 3)]
    steps.close()  # what a Ctrl-C between batches does
    assert stages == ["count"] * counting + ["terms"] * 3
    assert RebuildRun.objects.get().counted
    assert ArticleTerm.objects.values("article_id").distinct().count() == 12
    result = rebuild()
    assert result["resumed"] is True
    assert result["finished"] is True
    assert (result["count"], result["terms"], result["lists"]) == (0, n - 12, n)
    assert IndexedArticle.objects.filter(listed_at__isnull=False).count() == n


def test_an_interruption_while_counting_starts_the_count_again(generated):
    steps = Rebuild(engine=Engine(), batch_size=4).steps()
    next(steps)
    steps.close()
    assert not RebuildRun.objects.get().counted
    assert rebuild()["count"] == len(generated)


def test_restart_begins_again_even_after_an_interruption(generated):
    steps = Rebuild(engine=Engine(), batch_size=4).steps()
    for _ in range(len(generated) // 4 + 3):
        next(steps)
    steps.close()
    result = rebuild("--restart")
    n = len(generated)
    assert (result["resumed"], result["count"], result["terms"], result["lists"]) == (
        False, n, n, n,
    )  # fmt: skip


def test_articles_withdrawn_without_signals_lose_their_terms_and_links(generated):
    rebuild()
    hidden = generated[:3]
    Article.objects.filter(pk__in=hidden).update(status=Article.Status.TRASH)
    rebuild()
    assert not RelatedLink.objects.filter(target_id__in=hidden).exists()
    assert not RelatedLink.objects.filter(source_id__in=hidden).exists()
    assert not ArticleTerm.objects.filter(article_id__in=hidden).exists()
    assert not IndexedArticle.objects.filter(article_id__in=hidden).exists()


def test_an_article_published_during_a_rebuild_is_left_to_publication(generated):
    steps = Rebuild(engine=Engine(), batch_size=10).steps()
    for _ in range(3):  # the whole count
        next(steps)
    newcomer = Article.objects.get(pk=generated[0])
    services.unpublish_article(article=newcomer)
    services.publish_article(article=newcomer)
    listed = IndexedArticle.objects.get(article=newcomer).listed_at
    for _ in steps:
        pass
    assert IndexedArticle.objects.get(article=newcomer).listed_at == listed


def test_the_command_says_what_it_did(generated):
    out = io.StringIO()
    call_command("related", "rebuild", stdout=out)
    n = len(generated)
    assert out.getvalue().startswith(
        f"Counted the terms of {n} articles, stored the terms of {n} and the related list of "
        f"{n}, in "
    )


def test_publishing_under_deferred_upkeep_leaves_the_lists_to_the_rebuild(db):
    """A bulk job (``import wordpress --bulk``) skips the per-article work; its rebuild does it."""
    body = "Barn owls nested early across the valley farms this spring, the survey found."
    first = factories.article(title="Owls nest early", body=body)
    with deferred_upkeep():
        second = factories.article(title="Owls nest early again", body=body)
    assert not RelatedLink.objects.filter(source=second).exists()
    rebuild()
    assert RelatedLink.objects.filter(source=second, target=first).exists()
