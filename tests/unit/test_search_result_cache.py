"""The index's result cache on its own: hits kept per generation, never across one."""
from __future__ import annotations

import pytest

from forum.search.index import RESTRICTED, VISIBLE_TO_ALL, SearchIndex, build_index, member_token, remove_folder
from forum.search.result_cache import ResultCache
from tests.search_scoring import count_scoring
from tests.unit.test_search_index import doc


@pytest.fixture
def index(tmp_path):
    search_index = SearchIndex(tmp_path / "search-index", result_cache_size=64)
    yield search_index
    search_index.close()


@pytest.fixture
def scored(monkeypatch):
    return count_scoring(monkeypatch)


def add(index, *documents):
    with index.writer() as writer:
        for document in documents:
            writer.upsert(document)


def search(index, text, **options):
    return index.search(index.parse(text), **options)


def ids(page):
    return [hit.doc_id for hit in page.hits]


def test_the_same_search_again_is_not_scored_again(index, scored):
    add(index, doc(1, "kommune og velfærd"), doc(2, "kommunen i Vejle"), doc(3, "noget andet"))
    first = search(index, "kommune", limit=1)
    second = search(index, "kommunerne", limit=1)  # the same parsed query (Danish stem)
    assert len(scored) == 1
    assert ids(second) == ids(first) and len(ids(first)) == 1
    assert second.has_next is first.has_next is True
    assert second.partial is first.partial is False
    assert second.query == index.parse("kommunerne")


def test_a_commit_makes_older_entries_unreachable_and_drops_them(index, scored):
    add(index, doc(1, "kommune"))
    assert ids(search(index, "kommune")) == ["post:1"]
    search(index, "velfærd")
    assert len(index.result_cache) == 2
    add(index, doc(2, "kommune igen"))
    assert sorted(ids(search(index, "kommune"))) == ["post:1", "post:2"]
    assert len(scored) == 3
    assert len(index.result_cache) == 1  # the entries of the older generation are gone


def test_a_deletion_is_a_new_generation_too(index):
    add(index, doc(1, "kommune"), doc(2, "kommune"))
    assert sorted(ids(search(index, "kommune"))) == ["post:1", "post:2"]
    with index.writer() as writer:
        writer.delete("post:2")
    assert ids(search(index, "kommune")) == ["post:1"]


def test_a_swapped_folder_is_never_answered_from_the_old_one(index, tmp_path):
    add(index, doc(1, "kommune"))
    assert ids(search(index, "kommune")) == ["post:1"]
    # A rebuild's folder can have the same generation number as the one it replaces.
    folder = build_index(index.path, [doc(7, "kommune")])
    remove_folder(index.swap(folder))
    assert ids(search(index, "kommune")) == ["post:7"]


@pytest.mark.parametrize("options", [
    {"phase": "test"}, {"kind": "thread"}, {"offset": 1}, {"limit": 1}, {"newest_first": True},
    {"member_id": 5}, {"time_limit": 0.5},
])
def test_every_option_that_changes_the_hits_is_its_own_entry(index, scored, options):
    add(index, doc(1, "kommune", phases=("tjek",)), doc(2, "kommune", phases=("test",)),
        doc(3, "kommune", kind="thread", title="Kommune"))
    plain = search(index, "kommune")
    varied = search(index, "kommune", **options)
    assert len(scored) == 2
    assert search(index, "kommune", **options).hits == varied.hits
    assert search(index, "kommune").hits == plain.hits
    assert len(scored) == 2


def test_a_partial_page_is_kept_only_when_it_is_full(index, scored):
    add(index, *(doc(number, "kommune") for number in range(1, 41)))
    # The time is up at once: the collector stops at the 16th match it is handed.
    short = search(index, "kommune", limit=20, time_limit=1e-9)
    assert short.partial and len(short.hits) == 15
    search(index, "kommune", limit=20, time_limit=1e-9)
    assert len(scored) == 2
    full = search(index, "kommune", limit=10, time_limit=1e-9)
    assert full.partial and len(full.hits) == 10
    again = search(index, "kommune", limit=10, time_limit=1e-9)
    assert len(scored) == 3
    assert again.hits == full.hits and again.partial and again.has_next


def test_a_member_never_gets_hits_cached_for_another_member(index):
    add(index, doc(1, "sparring om kommune", visibility=(RESTRICTED, member_token(1))),
        doc(2, "kommune for alle", visibility=(VISIBLE_TO_ALL,)))
    assert sorted(ids(search(index, "kommune", member_id=1))) == ["post:1", "post:2"]
    assert ids(search(index, "kommune", member_id=2)) == ["post:2"]
    assert sorted(ids(search(index, "kommune"))) == ["post:1", "post:2"]  # a facilitator
    assert ids(search(index, "kommune", member_id=2)) == ["post:2"]


def test_members_named_on_no_document_share_entries_and_a_named_one_does_not(index, scored):
    add(index, doc(1, "sparring om kommune", visibility=(RESTRICTED, member_token(1))),
        doc(2, "kommune for alle", visibility=(VISIBLE_TO_ALL,)))
    assert ids(search(index, "kommune", member_id=2)) == ["post:2"]
    assert ids(search(index, "kommune", member_id=3)) == ["post:2"]
    assert len(scored) == 1  # members 2 and 3 are named on nothing: the same hits
    assert sorted(ids(search(index, "kommune", member_id=1))) == ["post:1", "post:2"]
    assert len(scored) == 2
    assert ids(search(index, "kommune", member_id=4)) == ["post:2"]
    assert len(scored) == 2


def test_size_zero_scores_every_search(tmp_path, scored):
    index = SearchIndex(tmp_path / "off", result_cache_size=0)
    add(index, doc(1, "kommune"))
    search(index, "kommune")
    search(index, "kommune")
    assert len(scored) == 2 and len(index.result_cache) == 0
    index.close()


def test_the_least_recently_used_entry_goes_first():
    cache = ResultCache(2)
    cache.put(1, "a", "A")
    cache.put(1, "b", "B")
    assert cache.get(1, "a") == "A"
    cache.put(1, "c", "C")
    assert cache.get(1, "b") is None
    assert (cache.get(1, "a"), cache.get(1, "c")) == ("A", "C")
    assert len(cache) == 2
    assert cache.get(2, "a") is None and len(cache) == 0
