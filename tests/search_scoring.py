"""Counting the queries Whoosh scores: the work the search result cache saves."""
from __future__ import annotations

from whoosh.searching import Searcher


def count_scoring(monkeypatch) -> list[str]:
    """A list that gets the repr of every query Whoosh scores from now on in this test."""
    calls: list[str] = []
    original = Searcher.search_with_collector

    def counting(self, query, collector, **kwargs):
        calls.append(repr(query))
        return original(self, query, collector, **kwargs)

    monkeypatch.setattr(Searcher, "search_with_collector", counting)
    return calls
