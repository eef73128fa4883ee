"""How deliveries are sent and retried: a class with documented knobs.

A delivery is attempted when it is due. A 2xx answer delivers it; any other answer, a
redirect, a timeout or a network error schedules the next attempt after the next wait
in ``backoff``. After ``max_attempts`` attempts it is failed and only an administrator's
*retry now* sends it again. With the defaults a receiver that is down for a day still
gets everything::

    >>> policy = DeliveryPolicy()
    >>> [str(policy.wait_after(n)) for n in range(1, 8)]
    ['0:01:00', '0:05:00', '0:30:00', '2:00:00', '12:00:00', '1 day, 0:00:00', '1 day, 0:00:00']

Subclass it to change a knob and pass the instance to ``services.deliver_due``.
"""

from __future__ import annotations

from datetime import timedelta


class DeliveryPolicy:
    timeout: float = 5.0
    """Seconds to wait for a receiver to connect and answer, each attempt."""
    max_attempts: int = 8
    """Attempts before a delivery is failed (the first one included)."""
    backoff: tuple[timedelta, ...] = (
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=12),
        timedelta(hours=24),
    )
    """Waits after the first, second, … failed attempt; the last repeats."""
    excerpt_bytes: int = 2000
    """How much of a receiver's answer is read and kept on the delivery."""
    batch_size: int = 50
    """Deliveries claimed at a time by ``masthead webhooks deliver``."""

    def wait_after(self, attempts: int) -> timedelta:
        """How long to wait after ``attempts`` failed attempts (1 for the first)."""
        return self.backoff[min(attempts, len(self.backoff)) - 1]

    @property
    def lease(self) -> timedelta:
        """How long a claimed delivery is reserved for the process sending it.

        Longer than any attempt can take, so no other run sends it meanwhile; if the
        sender dies, the delivery is due again once the lease runs out.
        """
        return timedelta(seconds=self.timeout * 2 + 60)
