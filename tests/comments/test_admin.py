"""The moderation queue and the comment settings in the back office."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Article
from masthead.comments import services
from masthead.comments.admin import CommentSettingsAdmin
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.moderation import Moderator
from tests import factories
from tests.conftest import ago, soup, text

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")
SETTINGS = reverse("admin:comments_commentsettings_changelist")
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def other_story(newsroom: dict[str, Any]) -> Article:
    return newsroom["stories"][1]


def pending(article: Article, **fields: Any) -> Comment:
    return factories.comment(article, status=Comment.Status.PENDING, **fields)


def change_url(comment: Comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


def moderate_url(comment: Comment) -> str:
    return reverse("admin:comments_comment_moderate", args=[comment.pk])


def listed(client: Client, **params: Any) -> list[str]:
    """The author names of the rows the queue shows for ``params``."""
    doc = soup(client.get(QUEUE, params))
    return [
        text(row.select_one(".field-author strong")) for row in doc.select("#result_list tr")[1:]
    ]


def act(client: Client, action: str, comments: list[Comment], **extra: str) -> Any:
    data = {"action": action, "_selected_action": [c.pk for c in comments], **extra}
    return client.post(QUEUE, data, follow=True)


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def staff(*permissions: str) -> Any:
    user = get_user_model().objects.create_user("desk", "desk@example.org", "pw", is_staff=True)
    codenames = [p.split(".")[1] for p in permissions]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


# The list -----------------------------------------------------------------------------------


def test_queue_row_shows_author_excerpt_article_reply_status_and_score(admin_client, story):
    parent = factories.comment(story, author_name="First Reader")
    pending(
        story, parent=parent, depth=1, author_name="Second Reader",
        author_email="second@example.org", ip_address="203.0.113.7", body="Word " * 100,
        spam_score=0.42, held_because="first comment from this address",
    )  # fmt: skip
    row = soup(admin_client.get(QUEUE, {"status": "pending"})).select("#result_list tr")[1]
    assert "Second Reader second@example.org 203.0.113.7" in text(row.select_one(".field-author"))
    assert text(row.select_one(".field-excerpt")).endswith("Word Word…")
    assert text(row.select_one(".field-on_article")).startswith(story.title)
    article_links = {a["href"] for a in row.select(".field-on_article a")}
    assert story.get_absolute_url() in article_links
    assert reverse("admin:articles_article_change", args=[story.pk]) in article_links
    assert f"?article={story.pk}" in article_links
    reply_to = row.select_one(".field-in_reply_to a")
    assert (text(reply_to), reply_to["href"]) == ("First Reader", change_url(parent))
    assert text(row.select_one(".field-status")) == "Pending"
    assert text(row.select_one(".field-held_because")) == "first comment from this address"
    assert text(row.select_one(".field-spam_percent")) == "42%"


def test_queue_shows_newest_first(admin_client, story):
    factories.comment(story, author_name="Older", created_at=ago(days=30))
    factories.comment(story, author_name="Newer")
    assert listed(admin_client) == ["Newer", "Older"]


def test_status_filter_shows_each_status_with_its_count(admin_client, story):
    pending(story, author_name="Waiting 1")
    pending(story, author_name="Waiting 2")
    factories.comment(story, status=Comment.Status.SPAM, author_name="Spammer")
    doc = soup(admin_client.get(QUEUE))
    choices = [text(a) for a in doc.select("#changelist-filter details")[0].select("li a")]
    assert choices == ["All", "Pending (2)", "Approved (0)", "Spam (1)", "Trash (0)"]
    assert sorted(listed(admin_client, status="pending")) == ["Waiting 1", "Waiting 2"]
    assert listed(admin_client, status="spam") == ["Spammer"]


def test_article_filter_lists_only_commented_articles_and_filters_by_them(
    admin_client, story, other_story, newsroom
):
    factories.comment(story, author_name="On the first")
    factories.comment(other_story, author_name="On the second")
    doc = soup(admin_client.get(QUEUE))
    offered = [text(a) for a in doc.select("#changelist-filter details")[1].select("li a")]
    assert sorted(offered) == sorted(["All", story.title, other_story.title])
    assert listed(admin_client, article=story.pk) == ["On the first"]
    assert listed(admin_client, article="nonsense") == []


def test_article_filter_keeps_an_article_chosen_by_link(admin_client, story, newsroom):
    """An article outside the recent list still shows as chosen when reached by its link."""
    quiet = newsroom["stories"][5]
    factories.comment(story)
    doc = soup(admin_client.get(QUEUE, {"article": quiet.pk}))
    chosen = doc.select("#changelist-filter details")[1].select_one("li.selected")
    assert text(chosen) == quiet.title


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("sam@spam.example", ["Sam"]),
        ("hedge fund", ["Sam"]),
        ("198.51.100", ["Ann"]),
        ("Story number 1", ["Ann"]),
    ],
)
def test_search_covers_email_body_ip_and_headline(admin_client, story, other_story, query, found):
    factories.comment(story, author_name="Sam", author_email="sam@spam.example",
                      body="Join my hedge fund today")  # fmt: skip
    factories.comment(other_story, author_name="Ann", ip_address="198.51.100.23")
    assert listed(admin_client, q=query) == found


def test_list_query_count_does_not_grow_with_rows(admin_client, newsroom):
    def queries_for(count: int) -> int:
        Comment.objects.all().delete()
        for i in range(count):
            story = newsroom["stories"][i % 10]
            parent = factories.comment(story, author_name=f"Parent {i}")
            pending(story, parent=parent, depth=1, author_name=f"Reply {i}", spam_score=0.1)
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(QUEUE).status_code == 200
        return len(queries)

    admin_client.get(QUEUE)  # the site settings are cached from here on
    assert queries_for(50) == queries_for(5) <= 15


# Bulk actions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "start", "end", "message"),
    [
        ("approve", "pending", "approved", "2 comments approved."),
        ("unapprove", "approved", "pending", "2 comments sent back to pending."),
        ("mark_spam", "pending", "spam", "2 comments marked as spam."),
        ("trash", "approved", "trash", "2 comments moved to the trash."),
    ],
)
def test_bulk_action_moderates_through_the_service(
    admin_client, admin_user, story, action, start, end, message
):
    comments = [factories.comment(story, status=start, body=f"Text {i}") for i in range(2)]
    response = act(admin_client, action, comments)
    assert messages_of(response) == [message]
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == end
        assert comment.status_changed_at is not None
        assert comment.moderated_by == admin_user


def test_bulk_action_counts_only_the_comments_it_changed(admin_client, story):
    comments = [pending(story, body="New"), factories.comment(story, body="Already approved")]
    assert messages_of(act(admin_client, "approve", comments)) == ["1 comment approved."]


def test_delete_forever_asks_first_then_deletes_through_the_service(
    admin_client, story, monkeypatch
):
    calls = []
    real = services.delete_comments
    monkeypatch.setattr(services, "delete_comments", lambda **kw: calls.append(1) or real(**kw))
    doomed = factories.comment(story, status=Comment.Status.SPAM, author_name="Spammer")
    factories.comment(story, parent=doomed, depth=1, author_name="Replier")
    kept = factories.comment(story, author_name="Kept")
    confirm = act(admin_client, "delete_selected", [doomed])
    assert "Are you sure" in confirm.content.decode()
    assert Comment.objects.filter(pk=doomed.pk).exists()
    act(admin_client, "delete_selected", [doomed], post="yes")
    assert not Comment.objects.filter(pk=doomed.pk).exists()
    assert Comment.objects.filter(pk=kept.pk).exists()
    assert calls == [1]


def test_delete_confirmation_names_the_comments_but_not_their_kept_replies(admin_client, story):
    """The service keeps replies (moved up a level), so the page does not promise to delete them."""
    doomed = [factories.comment(story, author_name=f"Spammer {i}") for i in range(2)]
    factories.comment(story, parent=doomed[0], depth=1, author_name="Replier")
    doc = soup(act(admin_client, "delete_selected", doomed))
    listed = [text(li) for li in doc.select("#content ul li") if li.a]
    assert sorted(listed) == [f"Comment: Spammer {i} on “{story.title}”" for i in range(2)]
    assert "Replier" not in text(doc.select_one("#content"))


def test_delete_confirmation_query_count_does_not_grow_with_comments(admin_client, newsroom):
    """Each comment is named by its article's headline, fetched with it, not one by one."""

    def queries_for(count: int) -> int:
        doomed = [factories.comment(newsroom["stories"][i % 10]) for i in range(count)]
        with CaptureQueriesContext(connection) as queries:
            assert "Are you sure" in act(admin_client, "delete_selected", doomed).content.decode()
        return len(queries)

    admin_client.get(QUEUE)  # the site settings are cached from here on
    assert queries_for(20) == queries_for(2)


def test_delete_action_is_last_and_says_forever(admin_client, story):
    factories.comment(story)
    options = soup(admin_client.get(QUEUE)).select('select[name="action"] option')
    assert text(options[-1]) == "Delete selected comments forever"


def test_deleting_from_a_comments_page_goes_through_the_service(admin_client, story, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "delete_comments", lambda **kw: calls.append(kw["comments"]))
    comment = factories.comment(story)
    admin_client.post(reverse("admin:comments_comment_delete", args=[comment.pk]), {"post": "yes"})
    assert calls == [[comment]]


# One comment's page -------------------------------------------------------------------------


def test_comment_page_shows_its_thread(admin_client, story):
    top = factories.comment(story, author_name="Top", body="Opening remark")
    middle = factories.comment(story, parent=top, depth=1, author_name="Middle", body="A reply")
    comment = pending(story, parent=middle, depth=2, author_name="Here", body="Under review")
    factories.comment(story, parent=comment, depth=3, author_name="Answer", body="First answer")
    pending(story, parent=comment, depth=3, author_name="Second", body="Second answer")
    doc = soup(admin_client.get(change_url(comment)))
    thread = doc.select_one(".comment-thread")
    assert story.title in text(thread)
    assert thread.find("a", href=story.get_absolute_url())
    above = thread.select(".comment-ancestors li")
    assert [text(li.a) for li in above] == ["Top", "Middle"]
    assert [li.a["href"] for li in above] == [change_url(top), change_url(middle)]
    assert "Opening remark" in text(above[0])
    replies = thread.select(".comment-replies li")
    assert [text(li.a) for li in replies] == ["Answer", "Second"]
    assert "(pending): Second answer" in text(replies[1])


def test_comment_pages_name_the_article_by_its_headline_not_its_id(admin_client, story):
    comment = factories.comment(story, author_name="Ada")
    named = f"Ada on “{story.title}”"
    pages = [
        change_url(comment),
        reverse("admin:comments_comment_history", args=[comment.pk]),
        reverse("admin:comments_comment_delete", args=[comment.pk]),
    ]
    for url in pages:
        doc = soup(admin_client.get(url))
        assert named in text(doc.select_one(".breadcrumbs")), url
        assert f"on {story.pk}" not in text(doc.select_one("#container")), url
    assert text(soup(admin_client.get(change_url(comment))).select_one("#content h2")) == named


def test_the_log_of_a_change_names_the_article_by_its_headline(admin_client, story):
    comment = pending(story, author_name="Ada")
    admin_client.post(moderate_url(comment), {"status": "approved"})
    form = {"status": "approved", "body": "Edited", "author_name": "Ada", "author_url": ""}
    admin_client.post(change_url(comment), form)
    entry = LogEntry.objects.get(object_id=str(comment.pk))
    assert entry.object_repr == f"Ada on “{story.title}”"


def test_comment_page_query_count_does_not_grow_with_its_replies(admin_client, story):
    comment = factories.comment(story)

    def queries_with(count: int) -> int:
        for i in range(count):
            factories.comment(story, parent=comment, depth=1, body=f"Reply {i}")
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(change_url(comment)).status_code == 200
        return len(queries)

    admin_client.get(change_url(comment))  # the site settings are cached from here on
    assert queries_with(1) == queries_with(20)


def test_comment_page_of_a_top_level_comment_says_so(admin_client, story):
    doc = soup(admin_client.get(change_url(factories.comment(story))))
    assert "it comments on the article itself" in text(doc.select_one(".comment-thread"))
    assert "No replies." in text(doc.select_one(".comment-thread"))


def test_comment_page_names_the_ip_address_and_gives_times_as_every_screen_does(
    admin_client, story
):
    received = timezone.make_aware(datetime(2026, 3, 4, 16, 5))
    comment = pending(story, ip_address="203.0.113.7", created_at=received)
    doc = soup(admin_client.get(change_url(comment)))
    shown = {text(row.label): text(row.select_one(".readonly"))
             for row in doc.select(".form-row") if row.select_one(".readonly")}  # fmt: skip
    assert shown["IP address:"] == "203.0.113.7"
    assert shown["Created at:"] == "4 Mar 2026, 16:05"


def test_comment_page_offers_each_other_verdict_as_a_post_button(admin_client, story):
    doc = soup(admin_client.get(change_url(pending(story))))
    forms = doc.select(".comment-verdicts form")
    assert [f.select_one('input[type="submit"]')["value"] for f in forms] == [
        "Approve", "Mark as spam", "Move to trash",
    ]  # fmt: skip
    assert all(
        f["method"] == "post" and f.select_one('[name="csrfmiddlewaretoken"]') for f in forms
    )


def test_verdict_button_moderates_through_the_service(admin_client, admin_user, story):
    comment = pending(story)
    response = admin_client.post(moderate_url(comment), {"status": "spam"}, follow=True)
    assert messages_of(response) == ["1 comment marked as spam."]
    assert response.redirect_chain[-1][0] == QUEUE
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == ("spam", admin_user)
    assert comment.status_changed_at is not None


def test_verdict_button_returns_to_the_filtered_queue(admin_client, story):
    comment = pending(story)
    url = f"{moderate_url(comment)}?_changelist_filters=status%3Dpending"
    response = admin_client.post(url, {"status": "approved"})
    assert response.url == f"{QUEUE}?status=pending"


def test_verdict_url_refuses_get_unknown_statuses_and_missing_comments(admin_client, story):
    comment = pending(story)
    assert admin_client.get(moderate_url(comment)).status_code == 405
    assert admin_client.post(moderate_url(comment), {"status": "deleted"}).status_code == 400
    missing = reverse("admin:comments_comment_moderate", args=[comment.pk + 100])
    assert admin_client.post(missing, {"status": "approved"}).status_code == 404
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_verdict_url_needs_a_csrf_token(admin_user, story):
    comment = pending(story)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    assert browser.post(moderate_url(comment), {"status": "approved"}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_viewer_sees_the_thread_but_no_verdict_buttons(client, story):
    client.force_login(staff("comments.view_comment"))
    comment = pending(story)
    doc = soup(client.get(change_url(comment)))
    assert doc.select_one(".comment-thread")
    assert not doc.select(".comment-verdicts form")
    assert client.post(moderate_url(comment), {"status": "approved"}).status_code == 403


def test_editing_saves_the_text_and_moderates_the_status_through_the_service(
    admin_client, admin_user, story
):
    comment = pending(story, author_name="Typo Nmae", body="Teh text")
    form = {"status": "approved", "body": "The text", "author_name": "Typo Name",
            "author_url": "reader.example"}  # fmt: skip
    response = admin_client.post(change_url(comment), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    comment.refresh_from_db()
    assert (comment.body, comment.author_name) == ("The text", "Typo Name")
    assert comment.author_url == "https://reader.example"
    assert (comment.status, comment.moderated_by) == ("approved", admin_user)
    assert comment.learned_as == Comment.Lesson.HAM  # the service taught the classifier


def test_editing_only_the_text_leaves_the_status_alone(admin_client, story):
    comment = pending(story, body="Old")
    form = {"status": "pending", "body": "New", "author_name": "Reader", "author_url": ""}
    admin_client.post(change_url(comment), form)
    comment.refresh_from_db()
    assert (comment.body, comment.status, comment.status_changed_at) == ("New", "pending", None)


def test_comments_cannot_be_added_in_the_back_office(admin_client):
    assert admin_client.get(reverse("admin:comments_comment_add")).status_code == 403


# Escaping -----------------------------------------------------------------------------------


def test_hostile_names_and_text_are_escaped_in_list_and_page(admin_client, story):
    parent = factories.comment(story, author_name=SCRIPT, body=SCRIPT)
    comment = pending(story, parent=parent, depth=1, author_name=SCRIPT, body=SCRIPT,
                      author_email="x@example.org", held_because=SCRIPT)  # fmt: skip
    factories.comment(story, parent=comment, depth=2, author_name=SCRIPT, body=SCRIPT)
    for url in (QUEUE, change_url(comment)):
        page = admin_client.get(url).content.decode()
        assert SCRIPT not in page
        assert "&lt;script&gt;" in page
        assert not [s for s in soup(admin_client.get(url)).select("script") if "alert" in s.text]


# Who may see it ------------------------------------------------------------------------------


def test_readers_and_staff_without_permission_are_kept_out(client, story):
    comment = pending(story)
    assert client.get(QUEUE).status_code == 302  # to the login page
    reader = get_user_model().objects.create_user("reader", "r@example.org", "pw")
    client.force_login(reader)
    assert client.get(QUEUE)["Location"].startswith(reverse("admin:login"))
    assert client.post(moderate_url(comment), {"status": "approved"}).status_code == 302
    client.force_login(staff())
    assert client.get(QUEUE).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


# Comment settings ---------------------------------------------------------------------------


def test_settings_list_opens_the_one_row_making_it_on_first_visit(admin_client):
    assert not CommentSettings.objects.exists()
    first = admin_client.get(SETTINGS)
    row = CommentSettings.objects.get()
    assert first.url == reverse("admin:comments_commentsettings_change", args=[row.pk])
    assert admin_client.get(SETTINGS).url == first.url
    assert CommentSettings.objects.count() == 1


def test_settings_cannot_be_added_twice_or_deleted(admin_client):
    row = CommentSettings.objects.create()
    assert admin_client.get(reverse("admin:comments_commentsettings_add")).status_code == 403
    delete = reverse("admin:comments_commentsettings_delete", args=[row.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert CommentSettings.objects.count() == 1


def test_settings_screen_is_closed_to_staff_without_permission(client):
    client.force_login(staff())
    assert client.get(SETTINGS).status_code == 403
    assert not CommentSettings.objects.exists()


def test_saved_settings_are_the_rules_moderation_applies(
    admin_client, django_capture_on_commit_callbacks
):
    row = CommentSettings.objects.create()
    form = {field.name: field.value_from_object(row) for field in CommentSettings._meta.fields}
    form.update(thread_depth=2, close_after_days="", moderation_words="casino\nlottery")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:comments_commentsettings_change",
                                             args=[row.pk]), form)  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Moderator.current().max_depth == 2
    assert Moderator.current().moderation_words == ("casino", "lottery")


def test_settings_screen_shows_every_rule():
    shown = {name for _, options in CommentSettingsAdmin.fieldsets for name in options["fields"]}
    stored = {f.name for f in CommentSettings._meta.fields if f.editable and not f.primary_key}
    assert shown == stored
