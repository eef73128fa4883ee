"""A read query compiled to SQL once per process, then run with other values.

Django compiles a queryset to SQL on every run, and for a page's few queries that costs
more than the database's own work: a fifth of an uncached article or home page went to
``SQLCompiler.as_sql`` (bench/render_profile.py). ``Prepared`` builds the queryset and
compiles it once per database, then runs the same SQL with the values of the call::

    story = Prepared(
        lambda at, slug: Article.objects.published(at).filter(slug=slug)[:1],
        at=datetime, slug=str,
    )
    story.rows(at=clock.now(), slug="the-vote")  # [<Article: The vote>] or []

The keywords name the values that change from run to run and give their types. To find
where each value goes, the queryset is built and compiled once with made-up values of
those types and once more for each name with only its value changed: the parameters that
move with a name are its slots, and the SQL must not move at all. A value that Django
writes into the SQL itself, or changes on the way (``slug__iexact`` lowers it), is
refused when the query is prepared, with the name. The result is what the queryset gives
(model instances with their ``select_related`` and prefetches, or ``values()`` rows),
with the same converters (worked out once per connection), on the calling thread's
connection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from threading import Lock
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary, WeakSet

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql import Query
from django.dispatch import receiver

T = TypeVar("T")

# Two made-up values of each type a name may have: the first is prepared with, the
# second tells which parameters move with the name.
SAMPLES: dict[type, tuple[Any, Any]] = {
    datetime: (
        datetime(1987, 6, 5, 4, 3, 2, 101, tzinfo=UTC),
        datetime(1986, 5, 4, 3, 2, 1, 202, tzinfo=UTC),
    ),
    date: (date(1987, 6, 5), date(1986, 5, 4)),
    int: (987_654_321, 987_654_322),
    str: ("prepared-sample-a", "prepared-sample-b"),
}


class Prepared(Generic[T]):
    """``build(**values)``'s queryset, compiled once per database, run with new values."""

    def __init__(self, build: Callable[..., QuerySet[Any, T]], **names: type) -> None:
        for name, kind in names.items():
            if kind not in SAMPLES:
                raise ImproperlyConfigured(f"Prepared: {name} is a {kind.__name__}; no samples.")
        self.build = build
        self.names = names
        self._plans: dict[tuple[str, str], _Plan] = {}
        self._lock = Lock()
        _ALL.add(self)

    def rows(self, using: str = "default", **values: Any) -> list[T]:
        """What the queryset built with ``values`` gives, as a list."""
        if values.keys() != self.names.keys():
            raise TypeError(f"Prepared takes {sorted(self.names)}, got {sorted(values)}")
        connection = connections[using]
        plan = self._plans.get((using, connection.vendor))
        if plan is None:
            plan = self._prepare(using)
        return list(plan.queryset(connection, values))

    def forget(self) -> None:
        """Compile again on the next run (after a setting the SQL depends on changed)."""
        with self._lock:
            self._plans.clear()

    def _prepare(self, using: str) -> _Plan:
        connection = connections[using]
        with self._lock:
            plan = self._plans.get((using, connection.vendor))
            if plan is None:
                plan = _Plan.make(self.build, self.names, using)
                self._plans[(using, connection.vendor)] = plan
        return plan


class _Plan:
    """One query's SQL, parameters and compiler, and where each value goes."""

    def __init__(self, base: QuerySet[Any, Any], compiler: Any, sql: str, params: list[Any]):
        self.base, self.compiler, self.sql, self.params = base, compiler, sql, params
        self.slots: dict[str, tuple[list[int], Callable[[Any], Any]]] = {}
        # What turns each column into Python, per connection (a thread's own): Django
        # works it out again for every run, over every expression of the query.
        self._converters: WeakKeyDictionary[Any, dict[int, Any]] = WeakKeyDictionary()

    @classmethod
    def make(
        cls, build: Callable[..., QuerySet[Any, Any]], names: dict[str, type], using: str
    ) -> _Plan:
        first = {name: SAMPLES[kind][0] for name, kind in names.items()}
        base = build(**first).using(using)
        compiler = base.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        plan = cls(base, compiler, sql, list(params))
        for name, kind in names.items():
            other_sql, other = _compiled(build(**{**first, name: SAMPLES[kind][1]}), using)
            if other_sql != sql or len(other) != len(params):
                raise ImproperlyConfigured(f"Prepared: {name} is written into the SQL itself.")
            moved = [i for i, (a, b) in enumerate(zip(params, other, strict=True)) if a != b]
            adapt = _adapter(kind, connections[using])
            if not moved or any(params[i] != adapt(first[name]) for i in moved):
                raise ImproperlyConfigured(f"Prepared: {name} does not reach the SQL as given.")
            plan.slots[name] = (moved, adapt)
        return plan

    def converters(self, compiler: Any) -> dict[int, Any]:
        """The column converters of ``compiler`` (this plan's, on a thread's connection)."""
        found = self._converters.get(compiler.connection)
        if found is None:
            columns = [column[0] for column in compiler.select[0 : compiler.col_count]]
            found = type(compiler).get_converters(compiler, columns)
            self._converters[compiler.connection] = found
        return found

    def queryset(self, connection: Any, values: dict[str, Any]) -> QuerySet[Any, Any]:
        """The prepared queryset, unevaluated, to run with ``values``."""
        params = list(self.params)
        for name, (where, adapt) in self.slots.items():
            value = adapt(values[name])
            for index in where:
                params[index] = value
        query: _Ready = _Ready.__new__(_Ready)
        query.__dict__ = {**self.base.query.__dict__, "ready": (self, connection, params)}
        queryset = QuerySet.__new__(type(self.base))
        queryset.__dict__ = {**self.base.__dict__, "_query": query, "_result_cache": None}
        return queryset


class _Ready(Query):
    """A shared query whose compiler gives the prepared SQL with this run's values."""

    ready: tuple[_Plan, Any, list[Any]]

    def get_compiler(self, using: Any = None, connection: Any = None, elide_empty: bool = True):  # type: ignore[no-untyped-def]
        plan, on, params = self.ready
        compiler = object.__new__(type(plan.compiler))
        compiler.__dict__ = {**plan.compiler.__dict__, "query": self, "connection": on}
        sql, converters = plan.sql, plan.converters(compiler)
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = lambda expressions: converters
        return compiler


def _compiled(queryset: QuerySet[Any, Any], using: str) -> tuple[str, list[Any]]:
    sql, params = queryset.query.get_compiler(using=using).as_sql()
    return sql, list(params)


def _adapter(kind: type, connection: Any) -> Callable[[Any], Any]:
    """How Django turns a value of ``kind`` into a parameter on ``connection``."""
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value
    if kind is date:
        return connection.ops.adapt_datefield_value
    return _same


def _same(value: Any) -> Any:
    return value


_ALL: WeakSet[Prepared[Any]] = WeakSet()


@receiver(setting_changed)
def _settings_changed(**kwargs: Any) -> None:
    # A test may switch the time zone or the databases; the next run compiles anew.
    for prepared in _ALL:
        prepared.forget()
