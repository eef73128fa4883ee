"""Webhooks in the back office: managed with the model permissions, secret shown once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from masthead.api.webhooks import services
from masthead.api.webhooks.models import Delivery, Event, Webhook
from tests.api.conftest import user_with
from tests.api.webhook_helpers import webhook

pytestmark = pytest.mark.django_db
ADD = "/admin/api/webhook/add/"
FORM = {"name": "app push", "url": "https://push.example.org/in",
        "events": ["article.published", "comment.approved"], "is_active": "on"}  # fmt: skip


def staff(client, *perms: str, username: str = "staffer"):
    user = user_with(*perms, username=username)
    user.is_staff = True
    user.save()
    client.force_login(user)
    return user


def shown_secret(response) -> str:
    messages = [str(m) for m in response.context["messages"]]
    return next(w for m in messages for w in m.split() if w.startswith("whsec_"))


def test_staff_without_the_permissions_cannot_see_or_add_webhooks(client):
    staff(client, "articles.change_article")
    assert client.get("/admin/api/webhook/").status_code == 403
    assert client.post(ADD, FORM).status_code == 403
    assert not Webhook.objects.exists()


def test_adding_a_webhook_shows_its_secret_once(client):
    user = staff(client, "api.add_webhook", "api.change_webhook", "api.view_webhook")
    response = client.post(ADD, FORM, follow=True)
    hook = Webhook.objects.get()
    assert shown_secret(response) == hook.secret
    assert hook.events == ["article.published", "comment.approved"]
    assert hook.created_by == user
    page = client.get(f"/admin/api/webhook/{hook.pk}/change/").content.decode()
    assert hook.secret not in page


def test_only_http_and_https_urls_are_accepted(client):
    staff(client, "api.add_webhook")
    for url in ("ftp://files.example.org/in", "file:///etc/passwd", "javascript:alert(1)"):
        response = client.post(ADD, {**FORM, "url": url})
        assert response.status_code == 200, url  # the form again, with its error
    assert not Webhook.objects.exists()
    with pytest.raises(ValidationError, match="URL"):
        services.create_webhook(name="x", url="ftp://files.example.org/in", events=[])


def test_editing_keeps_the_secret_and_new_secret_replaces_it(client):
    staff(client, "api.change_webhook", "api.view_webhook")
    issued = webhook("https://push.example.org/in", [Event.ARTICLE_PUBLISHED])
    client.post(f"/admin/api/webhook/{issued.webhook.pk}/change/",
                {**FORM, "url": "https://push.example.org/v2"})  # fmt: skip
    issued.webhook.refresh_from_db()
    assert issued.webhook.url == "https://push.example.org/v2"
    assert issued.webhook.secret == issued.secret
    response = client.post("/admin/api/webhook/", {
        "action": "new_secret", "_selected_action": [issued.webhook.pk]}, follow=True)  # fmt: skip
    issued.webhook.refresh_from_db()
    assert shown_secret(response) == issued.webhook.secret != issued.secret


def test_the_delivery_log_is_readable_and_retry_now_sends(client, http_receiver):
    staff(client, "api.view_delivery", "api.change_delivery")
    webhook(http_receiver.url)
    services.queue(event=Event.ARTICLE_PUBLISHED, payload={"article": {"id": 1}})
    delivery = Delivery.objects.get()
    assert client.get("/admin/api/delivery/").status_code == 200
    assert client.get(f"/admin/api/delivery/{delivery.pk}/change/").status_code == 200
    response = client.post("/admin/api/delivery/", {
        "action": "retry", "_selected_action": [delivery.pk]}, follow=True)  # fmt: skip
    assert "1 delivered" in str(next(iter(response.context["messages"])))
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DELIVERED
    assert len(http_receiver.requests) == 1


def test_viewers_of_the_log_cannot_retry(client, http_receiver):
    staff(client, "api.view_delivery")
    webhook(http_receiver.url)
    services.queue(event=Event.ARTICLE_PUBLISHED, payload={"article": {"id": 1}})
    delivery = Delivery.objects.get()
    client.post("/admin/api/delivery/", {"action": "retry", "_selected_action": [delivery.pk]})
    assert http_receiver.requests == []
