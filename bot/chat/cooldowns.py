"""Per-user cooldowns: `burst` questions per `per` seconds, for slash commands and free text alike."""

from __future__ import annotations

import time
from collections.abc import Callable

from discord import app_commands

MAX_TRACKED = 50_000


class UserCooldowns:
    """A token bucket per user, forgotten once it has refilled (memory stays bounded)."""

    def __init__(self, burst: int, per: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.per = per
        self.clock = clock
        self._buckets: dict[int, app_commands.Cooldown] = {}
        self._warned: dict[int, float] = {}
        self._seen: dict[int, float] = {}

    def cooldown(self) -> app_commands.Cooldown:
        """Return a fresh bucket with this rate (CommandOnCooldown carries one)."""
        return app_commands.Cooldown(self.burst, self.per)

    def hit(self, user_id: int) -> float | None:
        """Count one question from `user_id`; return seconds to wait when over the rate, else None."""
        if self.per <= 0:
            return None
        now = self.clock()
        if len(self._buckets) >= MAX_TRACKED:
            self._forget_idle(now)
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = self.cooldown()
        self._seen[user_id] = now
        retry = bucket.update_rate_limit(now)
        if retry is None:
            self._warned.pop(user_id, None)
        return retry

    def first_warning(self, user_id: int) -> bool:
        """Return True the first time a user is told to slow down within one cooldown window."""
        now = self.clock()
        last = self._warned.get(user_id)
        if last is not None and now - last < self.per:
            return False
        self._warned[user_id] = now
        return True

    def _forget_idle(self, now: float) -> None:
        idle = [uid for uid, seen in self._seen.items() if now - seen > self.per]
        for uid in idle or list(self._buckets)[: MAX_TRACKED // 10]:
            self._buckets.pop(uid, None)
            self._seen.pop(uid, None)
            self._warned.pop(uid, None)
