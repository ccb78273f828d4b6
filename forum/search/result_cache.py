"""Hits of recent searches, kept per process for as long as the index does not change.

Like Elasticsearch's shard request cache: scoring a word found in tens of thousands of
posts costs Whoosh 15–18 ms of CPU, and the same few words are searched again and again.
An entry is only valid for the index generation it was computed on, so the cache belongs
to one generation at a time: the first lookup or store on a new generation (a reply was
indexed, a rebuild swapped the folder) empties it. Between commits it is bounded by
entry count, least recently used out first.

It holds what the index returned (document ids, has-next, partial) and nothing else: the
caller checks every hit against the member's rights on every request. This module knows
neither Whoosh nor the forum.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

DEFAULT_SIZE = 512  # a page of hits is ~20 short ids: 512 entries stay well under 2 MB


class ResultCache:
    """An LRU of `size` entries, all from one generation; `size` 0 keeps nothing."""

    def __init__(self, size: int = DEFAULT_SIZE):
        self.size = max(int(size), 0)
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._generation: Hashable = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, generation: Hashable, key: Hashable):
        """The value stored for `key` on this `generation`, else None."""
        if not self.size:
            return None
        with self._lock:
            self._switch_to(generation)
            value = self._entries.get(key)
            if value is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return value

    def put(self, generation: Hashable, key: Hashable, value) -> None:
        if not self.size or value is None:
            return
        with self._lock:
            self._switch_to(generation)
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation = None

    def __len__(self) -> int:
        return len(self._entries)

    def _switch_to(self, generation: Hashable) -> None:
        # Entries of an older generation may name documents since hidden or deleted, and
        # miss new ones: never served, and dropped at once so memory stays bounded.
        if generation != self._generation:
            self._entries.clear()
            self._generation = generation
