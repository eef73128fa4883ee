"""What the audit log listens to: sign-ins, roles, passwords, the workflow's moves, settings,
and comments moderated through the links in the authors' emails.

Connected by ``BackofficeConfig.ready``. Receivers with a request at hand (the sign-in
signals) read the address from it; for the others ``audit.record`` names
``audit.current_origin()``, which the ``AuditOrigin`` middleware fills for the request
being served.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.models import Group
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.http import HttpRequest

from masthead.articles import signals as article_signals
from masthead.articles.models import Article, SiteSettings
from masthead.backoffice import audit, sessions
from masthead.comments import signals as comment_signals
from masthead.comments.models import Comment, CommentSettings
from masthead.core import clock

Action = audit.Action
Status = Article.Status
SETTINGS_MODELS = (SiteSettings, CommentSettings)
# Account flags that change what someone may do, recorded like a change of role.
ACCOUNT_FLAGS = ("is_superuser", "is_staff", "is_active")
# A changed setting's old and new values are kept up to this many characters each.
VALUE_CHARS = 120


def connect() -> None:
    """Connect every receiver below (idempotent: each has a ``dispatch_uid``)."""
    user_model = get_user_model()
    auth_signals.user_logged_in.connect(logged_in, dispatch_uid="audit.login")
    auth_signals.user_login_failed.connect(login_failed, dispatch_uid="audit.login_failed")
    auth_signals.user_logged_out.connect(logged_out, dispatch_uid="audit.logout")
    m2m_changed.connect(
        groups_changed, sender=user_model.groups.through, dispatch_uid="audit.groups"
    )
    pre_save.connect(flags_changing, sender=user_model, dispatch_uid="audit.flags.pre")
    post_save.connect(flags_changed, sender=user_model, dispatch_uid="audit.flags")
    pre_save.connect(password_changing, sender=user_model, dispatch_uid="audit.password.pre")
    post_save.connect(password_changed, sender=user_model, dispatch_uid="audit.password")
    article_signals.article_status_changed.connect(status_changed, dispatch_uid="audit.status")
    comment_signals.comments_moderated.connect(moderated_by_link, dispatch_uid="audit.comments")
    for model in SETTINGS_MODELS:
        uid = f"audit.settings.{model._meta.label_lower}"
        pre_save.connect(settings_changing, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(settings_changed, sender=model, dispatch_uid=uid)


def logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Record the sign-in, and its second step (a code, a recovery code) if it had one."""
    second = getattr(request, "twofactor", None)
    audit.record(
        action=Action.LOGIN,
        actor=user,
        obj=user,
        ip=audit.client_ip(request),
        detail={"second step": second} if second else None,
    )


def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Record the name tried and the address; the credentials' other values never."""
    tried = str(credentials.get(get_user_model().USERNAME_FIELD) or "")[:150]
    audit.record(
        action=Action.LOGIN_FAILED,
        ip=audit.client_ip(request),
        label=tried,
        detail={"username": tried},
    )


def logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(action=Action.LOGOUT, actor=user, obj=user, ip=audit.client_ip(request))


def groups_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[Any] | None, **kwargs: Any
) -> None:
    """Record roles given or taken, from either side (``user.groups``, ``group.user_set``)."""
    related = instance.user_set if reverse else instance.groups
    if action in ("pre_remove", "pre_clear"):
        # Django names every pk it was asked to remove, held or not, and after a clear
        # nothing is left to name: note what is really going, before it goes.
        going = related.all() if action == "pre_clear" else related.filter(pk__in=pk_set)
        instance._audit_going = set(going.values_list("pk", flat=True))
        return
    if action in ("post_remove", "post_clear"):
        pk_set, change = instance.__dict__.pop("_audit_going", set()), "removed"
    elif action == "post_add":
        change = "added"
    else:
        return
    if not pk_set:
        return
    if reverse:  # ``instance`` is the role; ``pk_set`` the people
        for user in get_user_model().objects.filter(pk__in=pk_set):
            _role_change(user, {change: [instance.name]})
    else:
        names = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        _role_change(instance, {change: names})


def flags_changing(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """Note a change to an account's superuser, staff or active flag, for ``flags_changed``."""
    if instance.pk is None or (
        update_fields is not None and not set(ACCOUNT_FLAGS) & set(update_fields)
    ):
        return  # a new account, or a save that cannot touch the flags (the last-login stamp)
    stored = sender.objects.filter(pk=instance.pk).values(*ACCOUNT_FLAGS).first() or {}
    instance._audit_flags = {
        flag: {"from": stored[flag], "to": getattr(instance, flag)}
        for flag in stored
        if stored[flag] != getattr(instance, flag)
    }


def flags_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if changed := instance.__dict__.pop("_audit_flags", None):
        _role_change(instance, changed)


def password_changing(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """Note a new password (set or disabled) for ``password_changed``.

    Not a new account, a save that leaves the password alone, nor Django re-hashing the
    same password at sign-in (it saves only the password, the raw one already forgotten).
    """
    fields = set(update_fields) if update_fields is not None else None
    if instance.pk is None or (fields is not None and "password" not in fields):
        return
    if fields == {"password"} and getattr(instance, "_password", None) is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        instance._audit_password = True


def password_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Record the new password and end the account's other sessions."""
    if not instance.__dict__.pop("_audit_password", False):
        return
    audit.record(
        action=Action.PASSWORD_CHANGED,
        obj=instance,
        detail={"usable": instance.has_usable_password()},
    )
    keep = audit.current_origin().session
    sessions.end_sessions(user=instance, why="password changed", keep=keep)


def _role_change(user: Any, detail: dict[str, Any]) -> None:
    audit.record(action=Action.ROLE_CHANGED, obj=user, detail=detail)


def status_changed(sender: Any, article: Article, by: Any, was: str | None, **kwargs: Any) -> None:
    """Record a move in the workflow (a new draft is not one; nor is an import's story)."""
    origin = audit.current_origin()
    actor = by if getattr(by, "is_authenticated", False) else origin.user
    if was is None and (
        article.status == Status.DRAFT or not getattr(actor, "is_authenticated", False)
    ):
        return
    action = workflow_action(was, article.status, article.published_at, now=clock.now())
    detail: dict[str, Any] = {"status": {"from": was or "", "to": article.status}}
    if action == Action.SCHEDULED and article.published_at:
        detail["for"] = article.published_at.isoformat()
    audit.record(action=action, actor=actor, obj=article, detail=detail)


def workflow_action(
    was: str | None, status: str, published_at: datetime | None, *, now: datetime
) -> Action:
    """The audit action for a story moving from ``was`` to ``status``.

    >>> from datetime import datetime as dt
    >>> workflow_action("review", "published", dt(2030, 1, 1), now=dt(2026, 1, 1)).value
    'scheduled'
    >>> workflow_action("trash", "draft", None, now=dt(2026, 1, 1)).value
    'restored'
    """
    if status == Status.PUBLISHED:
        future = published_at is not None and published_at > now
        return Action.SCHEDULED if future else Action.PUBLISHED
    moves = {Status.UNPUBLISHED: Action.UNPUBLISHED, Status.TRASH: Action.TRASHED}
    if status in moves:
        return moves[Status(status)]
    if was == Status.TRASH:
        return Action.RESTORED
    return Action.SUBMITTED if status == Status.REVIEW else Action.RETURNED_TO_DRAFT


def moderated_by_link(
    sender: Any, comments: list[Comment], status: str, by: Any, via: str = "", **kwargs: Any
) -> None:
    """Record each comment an email's approve or spam link moderated, as its recipient."""
    if via != "email link":  # the back office's moderation is in the comments' own fields
        return
    for comment in comments:
        audit.record(
            action=Action.COMMENT_MODERATED, actor=by, obj=comment,
            detail={"status": status, "via": via},
        )  # fmt: skip


def settings_changing(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Note which settings this save changes (one read of the row; settings change rarely)."""
    stored = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_changes = _differences(stored or sender(), instance)  # type: ignore[attr-defined]


def settings_changed(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    changes = instance.__dict__.pop("_audit_changes", None)
    if changes:
        audit.record(action=Action.SETTINGS_CHANGED, obj=instance, detail=changes)


def _differences(before: models.Model, after: models.Model) -> dict[str, dict[str, str]]:
    """Each concrete field whose value differs: ``{name: {"from": …, "to": …}}``, shortened."""
    changes = {}
    for field in after._meta.concrete_fields:
        if field.primary_key:
            continue
        old, new = (_shown(field.value_from_object(row)) for row in (before, after))
        if old != new:
            changes[field.name] = {"from": old[:VALUE_CHARS], "to": new[:VALUE_CHARS]}
    return changes


def _shown(value: Any) -> str:
    """A setting's value as text: a file by its name, nothing as ""."""
    if isinstance(value, FieldFile):
        return value.name or ""
    return "" if value is None else str(value)
