"""What keeps one client or one burst from taking the server: a rate limit per client, and single-use downloads.

Both live in this process's memory only: nothing of a student's is written to disk, and a restart forgets it all.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

DOWNLOAD_SECONDS = 600.0  # a download link works once, for 10 minutes
DOWNLOAD_BYTES = 512 * 1024**2  # all downloads waiting together; the oldest go first past it


class RateLimiter:
    """A token bucket per client: ``per_minute`` checks a minute, ``burst`` at once (default: a quarter of a
    minute's, at least 3); 0 switches it off."""

    def __init__(self, per_minute: float, burst: int | None = None, clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst if burst is not None else max(3, round(per_minute / 4)))
        self.clients = clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client → (tokens, when)
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when ``client`` may go ahead (a token is taken), else the seconds until it may."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, when = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - when) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1 - tokens) / self.rate
            while len(self._buckets) > self.clients:  # forget the least recently seen
                self._buckets.popitem(last=False)
        return wait


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str
    expires: float


class Downloads:
    """Files kept in memory for one download each, at most ``seconds`` long, behind an unguessable token."""

    def __init__(self, seconds: float = DOWNLOAD_SECONDS, max_bytes: int = DOWNLOAD_BYTES) -> None:
        self.seconds = seconds
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Download] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, data: bytes, filename: str, media_type: str) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._purge()
            self._items[token] = Download(data, filename, media_type, time.monotonic() + self.seconds)
            while sum(len(d.data) for d in self._items.values()) > self.max_bytes and len(self._items) > 1:
                self._items.popitem(last=False)
        return token

    def take(self, token: str) -> Download | None:
        """The file behind ``token``, once; None when it was taken, has expired or never existed."""
        with self._lock:
            self._purge()
            return self._items.pop(token, None)

    def _purge(self) -> None:
        now = time.monotonic()
        for token in [t for t, d in self._items.items() if d.expires <= now]:
            del self._items[token]

    def __len__(self) -> int:
        with self._lock:
            self._purge()
            return len(self._items)
