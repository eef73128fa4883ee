"""Search on SQLite with FTS5: BM25 ranking, Porter stemming, snippets from the index.

The FTS5 table ``discovery_search_fts`` indexes ``SearchEntry``'s text columns as an
external-content table: it stores no second copy of the text, and triggers on
``discovery_searchentry`` keep it in step with every insert, update and delete (see
migration 0002). Its tokenizer is ``porter unicode61 remove_diacritics 2``: English
words are stemmed (running finds run), case and accents are folded, and CJK text arrives
already split into words by ``text.segment``. Ranking is FTS5's ``bm25`` with the
column weights in ``WEIGHTS``, stored as the table's default rank.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from masthead.articles.models import ArticleAuthor
from masthead.core import clock
from masthead.discovery.models import SearchEntry
from masthead.discovery.search.backends.base import Hit, SearchBackend, SearchPage
from masthead.discovery.search.query import Phrase, Run, SearchQuery, Term
from masthead.discovery.search.snippets import START, STOP, highlight
from masthead.discovery.search.stamps import first_stamp, last_stamp

FTS_TABLE = "discovery_search_fts"
# The FTS5 columns, in order, with their bm25 weights: a match in the headline counts
# most, then tags and bylines, the standfirst, and the body.
WEIGHTS = {"title": 10.0, "dek": 4.0, "tags": 5.0, "authors": 5.0, "body": 1.0, "grams": 1.0}
SNIPPET_COLUMN = list(WEIGHTS).index("body")
SNIPPET_TOKENS = 28


def fts5_expression(terms: tuple[Term, ...] | list[Term]) -> str:
    """An FTS5 query matching every term; only quoted strings, AND, OR and brackets.

    A phrase is a quoted string. A CJK run matches by its jieba words, or by the phrase
    of its character pairs in the ``grams`` column (a lone character by prefix there).
    """
    parts = []
    for term in terms:
        if isinstance(term, Phrase):
            parts.append(_string(" ".join(term.words)))
            continue
        by_words = " AND ".join(_string(word) for word in term.words)
        if len(term.text) == 1:
            by_pairs = f"grams : {_string(term.text)} *"
        else:
            by_pairs = f"grams : {_string(' '.join(term.grams))}"
        parts.append(f"(({by_words}) OR ({by_pairs}))")
    return " AND ".join(parts)


def _string(text: str) -> str:
    """``text`` as an FTS5 string: in double quotes, inner double quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


class SQLiteFTS5(SearchBackend):
    """Full-text search with SQLite's FTS5 (the embedded default).

    Everything a search asks is answered inside the FTS5 index: its rowid is the entry's
    ``stamp``, so visibility (published by now), date ranges and newest-first are rowid
    bounds and rowid order, which FTS5 handles without reading a row. Only section and
    author filters read ``discovery_searchentry`` (through an index on section, stamp).

    BM25 has to score every match before it can sort them, which for a word in every
    other story costs more than the page may take. So when there are more than
    ``rank_window`` matches, the newest ``rank_window`` of them are ranked by relevance
    and come first, and older matches follow, newest first: a reader looking for a
    common word gets the best of the recent stories.
    """

    def __init__(self, rank_window: int = 5000, **options: Any) -> None:
        super().__init__(**options)
        self.rank_window = rank_window

    def search(self, query: SearchQuery) -> SearchPage:
        expression = fts5_expression(query.terms)
        if not expression:
            return SearchPage(hits=[], total=0)
        where, params = self._where(query, expression)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {where}", params)  # noqa: S608
            total = int(cursor.fetchone()[0])
            if not total or not query.limit:
                return SearchPage(hits=[], total=total)
            stamps = self._window(cursor, where, params, query, total)
        return SearchPage(hits=self._hits(stamps, expression, query), total=total)

    def optimize(self) -> None:
        """Merge the FTS5 index's segments into one (faster queries after a rebuild)."""
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608

    def _window(
        self, cursor: Any, where: str, params: list[Any], query: SearchQuery, total: int
    ) -> list[int]:
        """The stamps of the results from ``query.offset``, ``query.limit`` of them."""
        start, stop = query.offset, min(query.offset + query.limit, total)
        newest = f"SELECT rowid FROM {FTS_TABLE} WHERE {where} ORDER BY rowid DESC"  # noqa: S608
        ranked = 0 if query.sort == "newest" else min(total, self.rank_window)
        found: list[int] = []
        if start < ranked:
            # FTS5 scores only the rows it returns, so ranking the newest ``ranked``
            # matches (all of them, when there are no more) costs what they number.
            recent = (
                f"SELECT rowid, rank FROM {FTS_TABLE} WHERE {where} "  # noqa: S608
                f"ORDER BY rowid DESC LIMIT {int(ranked)}"
            )
            cursor.execute(
                f"SELECT rowid FROM ({recent}) ORDER BY rank, rowid DESC LIMIT %s OFFSET %s",  # noqa: S608
                [*params, min(stop, ranked) - start, start],
            )
            found += [row[0] for row in cursor.fetchall()]
        if stop > ranked:
            skip = max(start, ranked)
            cursor.execute(f"{newest} LIMIT %s OFFSET %s", [*params, stop - skip, skip])
            found += [row[0] for row in cursor.fetchall()]
        return found

    @staticmethod
    def _where(query: SearchQuery, expression: str) -> tuple[str, list[Any]]:
        """The WHERE clause for ``query``'s match, visibility and filters, and its parameters."""
        clauses = [f"{FTS_TABLE} MATCH %s", "rowid <= %s"]
        params: list[Any] = [expression, last_stamp(clock.now())]
        if query.since:
            clauses.append("rowid >= %s")
            params.append(first_stamp(_midnight(query.since)))
        if query.until:
            clauses.append("rowid < %s")
            params.append(first_stamp(_midnight(query.until + timedelta(days=1))))
        entries = SearchEntry._meta.db_table
        # The unary + keeps SQLite from probing the FTS index once per listed stamp: the
        # list is made once and each match is looked up in it.
        if query.category_ids:
            marks = ", ".join(["%s"] * len(query.category_ids))
            clauses.append(
                f"+rowid IN (SELECT stamp FROM {entries} WHERE category_id IN ({marks}))"  # noqa: S608
            )
            params += query.category_ids
        if query.author_id is not None:
            byline = ArticleAuthor._meta.db_table
            clauses.append(
                f"+rowid IN (SELECT e.stamp FROM {byline} AS b JOIN {entries} AS e "  # noqa: S608
                "ON e.article_id = b.article_id WHERE b.author_id = %s)"
            )
            params.append(query.author_id)
        return " AND ".join(clauses), params

    @staticmethod
    def _hits(stamps: list[int], expression: str, query: SearchQuery) -> list[Hit]:
        """The articles of ``stamps``, in that order, with their snippets."""
        if not stamps:
            return []
        entries = SearchEntry._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT f.rowid, e.article_id, snippet({FTS_TABLE}, %s, %s, %s, %s, %s) "  # noqa: S608
                f"FROM {FTS_TABLE} AS f CROSS JOIN {entries} AS e ON e.stamp = f.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND f.rowid IN ({', '.join(['%s'] * len(stamps))})",
                [SNIPPET_COLUMN, START, STOP, "…", SNIPPET_TOKENS, expression, *stamps],
            )
            rows = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
        literals = [term.text for term in query.terms if isinstance(term, Run)]
        return [
            Hit(article_id=rows[s][0], snippet=highlight(rows[s][1] or "", literals))
            for s in stamps
            if s in rows
        ]


def _midnight(day: date) -> datetime:
    """The start of ``day`` in the site's time zone (publication days are local days)."""
    return timezone.make_aware(datetime.combine(day, time.min))
