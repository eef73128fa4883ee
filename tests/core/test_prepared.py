"""``Prepared``: a read query compiled once, run again with other values."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import override_settings

from masthead.articles.models import Article
from masthead.core import clock
from masthead.core.prepared import Prepared
from tests import factories

pytestmark = pytest.mark.django_db


def visible_in(category: int, at: datetime):
    return (
        Article.objects.published(at)
        .filter(category_id=category)
        .select_related("category")
        .order_by("-published_at", "-pk")
    )


VISIBLE: Prepared[Article] = Prepared(visible_in, category=int, at=datetime)


def test_rows_are_the_querysets_for_each_value():
    news, sport = factories.CategoryFactory(), factories.CategoryFactory()
    now = clock.now()
    early = factories.article(category=news, published_at=now - timedelta(days=2))
    late = factories.article(category=news, published_at=now - timedelta(hours=1))
    factories.article(category=sport, published_at=now - timedelta(days=1))
    for category in (news.pk, sport.pk, 0):
        for at in (now, now - timedelta(days=1), now - timedelta(days=3)):
            assert VISIBLE.rows(category=category, at=at) == list(visible_in(category, at))
    assert VISIBLE.rows(category=news.pk, at=now) == [late, early]


def test_what_the_queryset_reads_with_its_rows_comes_along(django_assert_num_queries):
    section = factories.CategoryFactory(name="Weather")
    factories.article(category=section)
    with django_assert_num_queries(1):
        (story,) = VISIBLE.rows(category=section.pk, at=clock.now())
        assert story.category.name == "Weather"  # select_related, no second query
    with_tags = Prepared(lambda pk: Article.objects.filter(pk=pk).prefetch_related("tags"), pk=int)
    tagged = factories.article(tags=[factories.TagFactory(name="Rain")])
    with django_assert_num_queries(2):
        (found,) = with_tags.rows(pk=tagged.pk)
        assert [t.name for t in found.tags.all()] == ["Rain"]


def test_values_rows_keep_their_types():
    story = factories.article()
    dates = Prepared(
        lambda day: Article.objects.filter(pub_date=day).values("pk", "published_at"), day=date
    )
    (row,) = dates.rows(day=story.pub_date)
    assert row == {"pk": story.pk, "published_at": story.published_at}
    assert dates.rows(day=story.pub_date - timedelta(days=1)) == []


def test_the_query_is_compiled_once():
    section = factories.CategoryFactory()
    factories.article(category=section)
    query = Prepared(visible_in, category=int, at=datetime)
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql):
        query.rows(category=section.pk, at=clock.now())
        first = SQLCompiler.as_sql.call_count
        for _ in range(3):
            assert len(query.rows(category=section.pk, at=clock.now())) == 1
        assert SQLCompiler.as_sql.call_count == first  # no compiling after the first run
    assert first >= 3  # prepared with the first values, then once per name changed


def test_column_converters_are_worked_out_once_per_connection():
    story = factories.article()
    query = Prepared(lambda pk: Article.objects.filter(pk=pk).values("pk", "published_at"), pk=int)
    spy = mock.patch.object(
        SQLCompiler, "get_converters", autospec=True, side_effect=SQLCompiler.get_converters
    )
    with spy as worked:
        rows = [query.rows(pk=story.pk) for _ in range(3)]
    assert rows == [[{"pk": story.pk, "published_at": story.published_at}]] * 3
    assert worked.call_count == 1


def test_a_changed_setting_compiles_again():
    section = factories.CategoryFactory()
    factories.article(category=section)
    VISIBLE.rows(category=section.pk, at=clock.now())
    with override_settings(USE_THOUSAND_SEPARATOR=True):
        assert not VISIBLE._plans
        assert len(VISIBLE.rows(category=section.pk, at=clock.now())) == 1


def test_a_value_written_into_the_sql_is_refused():
    first_n = Prepared(lambda n: Article.objects.order_by("pk")[:n], n=int)
    with pytest.raises(ImproperlyConfigured, match="n is written into the SQL"):
        first_n.rows(n=3)


def test_a_value_django_changes_on_the_way_is_refused():
    containing = Prepared(lambda word: Article.objects.filter(title__contains=word), word=str)
    with pytest.raises(ImproperlyConfigured, match="word does not reach the SQL as given"):
        containing.rows(word="vote")


def test_a_value_the_query_ignores_is_refused():
    unused = Prepared(lambda pk: Article.objects.all(), pk=int)
    with pytest.raises(ImproperlyConfigured, match="pk does not reach the SQL"):
        unused.rows(pk=1)


def test_names_and_types_are_checked():
    with pytest.raises(ImproperlyConfigured, match="no samples"):
        Prepared(lambda score: Article.objects.filter(word_count=score), score=float)
    with pytest.raises(TypeError, match="takes"):
        VISIBLE.rows(category=1)
