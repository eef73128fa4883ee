"""The demo content parser: articles and their comment threads, checked without a database."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from masthead.demo.content import (
    CONTENT_DIR,
    ContentError,
    DemoComment,
    load_newsroom,
    parse_article,
)

FRONT = """\
title = "A story"
category = "ai"
authors = ["maya-okafor"]
days_ago = 2
status = "{status}"
"""

THREAD = """
[[comments]]
name = "Ada"
email = "ada@example.com"
body = \"\"\"
First paragraph.

Second paragraph.\"\"\"

[[comments]]
name = "Ben"
email = "ben@example.org"
website = "https://ben.example/"
reply_to = 1
hours_after = 5.5
body = "A reply."

[[comments]]
name = "Cleo"
email = "cleo@example.net"
status = "pending"
body = "Held for a moderator."
"""


def article_file(folder: Path, comments: str, *, status: str = "published") -> Path:
    """Write an article whose front matter ends with ``comments``; return its path."""
    path = folder / "99-story.md"
    path.write_text(f"+++\n{FRONT.format(status=status)}{comments}\n+++\nThe body.\n")
    return path


def comment(number: int = 1, **fields: object) -> str:
    """One ``[[comments]]`` table: a valid one, changed by ``fields`` (None drops a field)."""
    values: dict[str, object] = {"name": f"Reader {number}", "email": "r@example.com"}
    values["body"] = f"Comment {number}."
    values.update(fields)
    lines = [f"{key} = {_toml(value)}" for key, value in values.items() if value is not None]
    return "\n[[comments]]\n" + "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value).lower()


# A valid thread ----------------------------------------------------------------------------


def test_comments_are_parsed_in_order_with_their_depth(tmp_path: Path):
    article = parse_article(article_file(tmp_path, THREAD))
    assert article.comments == [
        DemoComment(
            name="Ada", email="ada@example.com", body="First paragraph.\n\nSecond paragraph.",
            hours_after=1.0,
        ),
        DemoComment(
            name="Ben", email="ben@example.org", body="A reply.", hours_after=5.5,
            website="https://ben.example/", reply_to=1, depth=1,
        ),
        DemoComment(
            name="Cleo", email="cleo@example.net", body="Held for a moderator.",
            hours_after=6.5, status="pending",
        ),
    ]  # fmt: skip


def test_an_article_without_comments_has_an_empty_thread(tmp_path: Path):
    assert parse_article(article_file(tmp_path, "")).comments == []


def test_replies_may_nest_four_levels_below_the_top(tmp_path: Path):
    chain = comment(1) + "".join(comment(n, reply_to=n - 1) for n in range(2, 6))
    article = parse_article(article_file(tmp_path, chain))
    assert [c.depth for c in article.comments] == [0, 1, 2, 3, 4]


def test_hours_default_to_one_after_the_previous_comment(tmp_path: Path):
    thread = comment(1) + comment(2, hours_after=0.25) + comment(3)
    article = parse_article(article_file(tmp_path, thread))
    assert [c.hours_after for c in article.comments] == [1.0, 0.25, 1.25]


# Mistakes, each named with the file and the comment number ---------------------------------

MISTAKES = [
    pytest.param(comment(1, name=None), "comment 1: name is missing or empty", id="no-name"),
    pytest.param(comment(1, name="  "), "comment 1: name is missing or empty", id="blank-name"),
    pytest.param(comment(1, body=None), "comment 1: body is missing or empty", id="no-body"),
    pytest.param(comment(1, email=None), "comment 1: email is missing or empty", id="no-email"),
    pytest.param(
        comment(1, email="someone@gmail.com"),
        "comment 1: email 'someone@gmail.com' must be on example.com, example.org, example.net",
        id="real-email-domain",
    ),
    pytest.param(
        comment(1) + comment(2, reply_to=3),
        "comment 2: reply_to = 3 points at this or a later comment",
        id="reply-forward",
    ),
    pytest.param(
        comment(1, reply_to=1),
        "comment 1: reply_to = 1 points at this or a later comment",
        id="reply-to-itself",
    ),
    pytest.param(
        comment(1) + comment(2, reply_to=0),
        "comment 2: reply_to = 0 is not a comment number (they start at 1)",
        id="reply-to-zero",
    ),
    pytest.param(
        comment(1, reply_to="first"),
        "comment 1: reply_to must be a comment number, not 'first'",
        id="reply-to-text",
    ),
    pytest.param(
        comment(1, status="published"),
        "comment 1: status must be one of approved, pending, spam, not 'published'",
        id="unknown-status",
    ),
    pytest.param(
        comment(1) + "".join(comment(n, reply_to=n - 1) for n in range(2, 7)),
        "comment 6: a reply to comment 5 would sit at depth 5; the deepest is 4",
        id="too-deep",
    ),
    pytest.param(
        comment(1, hours_after=3) + comment(2, reply_to=1, hours_after=2),
        "comment 2: hours_after is earlier than the comment it replies to",
        id="reply-before-parent",
    ),
    pytest.param(
        comment(1, hours_after=-1),
        "comment 1: hours_after must be a number of hours from 0 up, not -1",
        id="negative-hours",
    ),
    pytest.param(
        comment(1, website="https://real-site.com/"),
        "comment 1: website 'https://real-site.com/' must be an http(s) address on a .example",
        id="real-website",
    ),
    pytest.param(comment(1, rating=5), "comment 1: unknown field 'rating'", id="unknown-field"),
    pytest.param('comments = "nice"', "comments must be [[comments]] tables", id="not-tables"),
]


@pytest.mark.parametrize(("comments", "message"), MISTAKES)
def test_a_malformed_comment_is_refused_with_a_clear_message(
    tmp_path: Path, comments: str, message: str
):
    with pytest.raises(ContentError) as caught:
        parse_article(article_file(tmp_path, comments))
    assert str(caught.value).startswith(f"99-story.md: {message}")


def test_a_draft_cannot_have_comments(tmp_path: Path):
    with pytest.raises(ContentError, match="only a published, current article can have comments"):
        parse_article(article_file(tmp_path, comment(1), status="draft"))


# The hand-written newsroom ------------------------------------------------------------------


@pytest.fixture(scope="module")
def threads() -> dict[str, list[DemoComment]]:
    """The shipped articles that carry comments, by file name."""
    return {a.key: a.comments for a in load_newsroom().articles if a.comments}


def test_about_eight_prominent_stories_carry_three_to_twelve_comments(threads):
    assert 8 <= len(threads) <= 10
    assert "01-inference-bill" in threads  # the lead story
    assert all(3 <= len(thread) <= 12 for thread in threads.values())


def test_at_least_three_threads_reply_two_or_more_levels_deep(threads):
    deep = [key for key, thread in threads.items() if max(c.depth for c in thread) >= 2]
    assert len(deep) >= 3


def test_one_pending_and_one_spam_comment_fill_the_moderation_queue(threads):
    held = [(key, c.status) for key, thread in threads.items() for c in thread]
    held = [pair for pair in held if pair[1] != "approved"]
    assert sorted(status for _, status in held) == ["pending", "spam"]
    assert len({key for key, _ in held}) == 1


def test_staff_reply_under_their_own_display_name_and_their_own_stories():
    newsroom = load_newsroom()
    names = {a["slug"]: a["name"] for a in newsroom.authors}
    staff = [
        (article, c)
        for article in newsroom.articles
        for c in article.comments
        if c.email.endswith("@parallelpost.example")
    ]
    assert len(staff) >= 5
    for article, reply in staff:
        assert reply.name in {names[slug] for slug in article.authors}, article.key
        assert reply.reply_to is not None


def test_someone_links_a_website(threads):
    assert any(c.website for thread in threads.values() for c in thread)


def test_comment_bodies_are_unique_and_free_of_placeholder_text(threads):
    bodies = [c.body for thread in threads.values() for c in thread]
    assert len(set(bodies)) == len(bodies)
    assert not any("lorem" in body.lower() for body in bodies)


def test_the_readme_example_is_valid_toml():
    readme = (CONTENT_DIR / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Comments", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    assert len(tomllib.loads(example)["comments"]) == 2
