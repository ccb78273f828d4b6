"""A worker's cached pages: member-specific HTML, kept while the data generation holds."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import NamedTuple


class CachedPage(NamedTuple):
    body: str  # the CSRF token replaced by fragments.CSRF_PLACEHOLDER
    headers: tuple[tuple[str, str], ...]
    stored_at: float


class PageStore:
    """Least recently used pages up to `max_bytes`, all of one data generation.

    A page is only ever looked up under the generation it was rendered under, so seeing a
    new generation empties the store: what it held can never be served again. Locked: the
    deployment's sync workers serve one request at a time, threaded servers (`flask run`,
    the browser tests' server) do not.
    """

    def __init__(self, max_bytes: int, max_age_seconds: float):
        self.max_bytes = max_bytes
        self.max_age_seconds = max_age_seconds
        self.generation: int | None = None
        self.size = 0
        self._pages: OrderedDict[tuple, CachedPage] = OrderedDict()
        self._lock = threading.RLock()

    def get(self, key: tuple, generation: int) -> CachedPage | None:
        with self._lock:
            self._move_to(generation)
            page = self._pages.get(key)
            if page is None:
                return None
            if time.monotonic() - page.stored_at > self.max_age_seconds:
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, generation: int, body: str, headers: tuple[tuple[str, str], ...]) -> None:
        with self._lock:
            self._move_to(generation)
            if len(body) > self.max_bytes:
                return
            if key in self._pages:
                self._drop(key)
            self._pages[key] = CachedPage(body, headers, time.monotonic())
            self.size += len(body)
            while self.size > self.max_bytes:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._pages)

    def _move_to(self, generation: int) -> None:
        if generation != self.generation:
            # Not only a newer one: after a restore the counter can go back.
            self.clear()
            self.generation = generation

    def _drop(self, key: tuple) -> None:
        self.size -= len(self._pages.pop(key).body)
