"""Sign-in throttling: too many failed sign-ins lock an account name, or an address, out.

A ``Throttle`` counts failed sign-ins in the database (``FailedSignIn``) per account name
tried and per client address. Once ``per_account`` failures for one name, or ``per_ip``
from one address, fall within ``window``, a ``SignInLockout`` refuses further sign-ins
for that name or address, before any password is checked, until ``window`` has passed or
an administrator lifts it. With the defaults (``LOGIN_FAILURES_PER_ACCOUNT=5``,
``LOGIN_FAILURES_PER_IP=20``, ``LOGIN_LOCKOUT_MINUTES=15``)::

    throttle = Throttle.from_settings()
    throttle.refusal(username="ada", ip="203.0.113.7")   # None: go on, check the password
    for _ in range(5):
        throttle.failed(username="ada", ip="203.0.113.7")   # the fifth locks "ada"
    throttle.refusal(username="ada", ip="198.51.100.1")  # ada's lockout, from anywhere
    lift(lockout=..., by=administrator)                  # or `masthead logins unlock ada`

A name is counted whether or not an account has it, and the answers are the same, so
the throttle tells nobody which names exist. Lockouts start and end in the audit log.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q

from masthead.backoffice import audit
from masthead.backoffice.models import FailedSignIn, SignInLockout
from masthead.core import clock

Kind = SignInLockout.Kind
PRUNED_KEY = "masthead:logins:pruned"
logger = logging.getLogger(__name__)


def account_key(username: str) -> str:
    """The name a failure counts against: case-folded, so "Ada" is "ada".

    >>> account_key("  Ada ")
    'ada'
    """
    return username.strip().casefold()[:150]


@dataclass(frozen=True)
class Throttle:
    """How many failed sign-ins lock a name or an address, and for how long.

    ``per_account`` and ``per_ip`` are failures within ``window``; 0 turns that limit off.
    A lockout lasts ``window``, by which time every failure that led to it has aged out.
    """

    per_account: int = 5
    per_ip: int = 20
    window: timedelta = timedelta(minutes=15)

    @classmethod
    def from_settings(cls) -> Throttle:
        return cls(
            per_account=settings.LOGIN_FAILURES_PER_ACCOUNT,
            per_ip=settings.LOGIN_FAILURES_PER_IP,
            window=timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES),
        )

    def refusal(self, *, username: str, ip: str | None) -> SignInLockout | None:
        """The lockout that refuses this sign-in (counted as refused), or None."""
        keys = Q(kind=Kind.ACCOUNT, key=account_key(username))
        if ip:
            keys |= Q(kind=Kind.ADDRESS, key=ip)
        now = clock.now()
        held = SignInLockout.objects.filter(keys, until__gt=now, lifted_at=None)
        lockout = held.order_by("kind", "-until").first()
        if lockout is not None:
            SignInLockout.objects.filter(pk=lockout.pk).update(refused=F("refused") + 1)
        return lockout

    def failed(self, *, username: str, ip: str | None) -> list[SignInLockout]:
        """Count a failed sign-in; return the lockouts it starts (none, mostly)."""
        now, name = clock.now(), account_key(username)
        FailedSignIn.objects.create(at=now, username=name, ip=ip)
        limits = ((Kind.ACCOUNT, name, self.per_account), (Kind.ADDRESS, ip, self.per_ip))
        started = [
            lockout
            for kind, key, limit in limits
            if key and limit and (lockout := self._lock_if_over(kind, key, limit, now, ip))
        ]
        transaction.on_commit(lambda: prune_if_due(self), robust=True)
        return started

    def succeeded(self, *, username: str) -> None:
        """Forget the account's failures: a member who got it right starts afresh."""
        FailedSignIn.objects.filter(username=account_key(username)).delete()

    def prune(self) -> int:
        """Delete failures older than the window and lockouts over as long; return how many."""
        cutoff = clock.now() - self.window
        failures = FailedSignIn.objects.filter(at__lt=cutoff).delete()[0]
        over = Q(until__lt=cutoff) | Q(lifted_at__lt=cutoff)
        return failures + SignInLockout.objects.filter(over).delete()[0]

    def _lock_if_over(
        self, kind: str, key: str, limit: int, now: datetime, ip: str | None
    ) -> SignInLockout | None:
        field = "username" if kind == Kind.ACCOUNT else "ip"
        recent = FailedSignIn.objects.filter(**{field: key}, at__gt=now - self.window).count()
        active = SignInLockout.objects.filter(kind=kind, key=key, until__gt=now, lifted_at=None)
        if recent < limit or active.exists():
            return None
        lockout = SignInLockout.objects.create(
            kind=kind, key=key, since=now, until=now + self.window, failures=recent
        )
        audit.record(
            action=audit.Action.LOGIN_LOCKED,
            label=str(lockout),
            ip=ip,
            detail={
                "locked": kind,
                kind: key,
                "failures": recent,
                "until": lockout.until.isoformat(timespec="seconds"),
            },
        )
        return lockout


def message(lockout: SignInLockout, *, now: datetime | None = None) -> str:
    """What the sign-in form says while ``lockout`` holds."""
    minutes = max(1, math.ceil((lockout.until - (now or clock.now())) / timedelta(minutes=1)))
    wait = f"{minutes} minute{'s' * (minutes != 1)}"
    whose = "this account" if lockout.kind == Kind.ACCOUNT else "this address"
    return f"Too many failed sign-ins for {whose}: try again in {wait} or ask an administrator."


def active() -> Any:
    """The lockouts that hold now, newest first."""
    return SignInLockout.objects.filter(until__gt=clock.now(), lifted_at=None)


@transaction.atomic
def lift(*, lockout: SignInLockout, by: Any = None) -> bool:
    """End ``lockout`` now and forget the failures behind it; False if it had ended already.

    ``by`` is the administrator lifting it (None: a command). The audit log records who.
    """
    now = clock.now()
    if not SignInLockout.objects.filter(pk=lockout.pk, lifted_at=None, until__gt=now).update(
        lifted_at=now, lifted_by=by if getattr(by, "is_authenticated", False) else None
    ):
        return False
    lockout.refresh_from_db()
    field = "username" if lockout.kind == Kind.ACCOUNT else "ip"
    FailedSignIn.objects.filter(**{field: lockout.key}).delete()
    audit.record(
        action=audit.Action.LOGIN_UNLOCKED,
        actor=by,
        label=str(lockout),
        detail={"locked": lockout.kind, lockout.kind: lockout.key},
    )
    return True


def unlock(*, username: str = "", ip: str = "", by: Any = None) -> int:
    """Lift every lockout holding ``username`` or ``ip`` now; return how many were lifted."""
    keys = Q(pk__in=[])
    if username:
        keys |= Q(kind=Kind.ACCOUNT, key=account_key(username))
    if ip:
        keys |= Q(kind=Kind.ADDRESS, key=ip)
    return sum(lift(lockout=lockout, by=by) for lockout in active().filter(keys))


def prune_if_due(throttle: Throttle | None = None) -> int:
    """Prune once a day at most (one cache write otherwise); a cache that is down skips it."""
    try:
        due = cache.add(PRUNED_KEY, True, 24 * 3600)
    except Exception:  # Redis down: sign-ins go on, the prune waits
        logger.warning("Sign-in throttle: cache unavailable, prune skipped", exc_info=True)
        return 0
    return (throttle or Throttle.from_settings()).prune() if due else 0
