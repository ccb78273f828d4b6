"""The searcher follows every commit while keeping unchanged segments (and their cached
filter sets) open: new documents are found, deleted ones are gone, filters stay right."""
from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from forum.search import segments
from forum.search.index import RESTRICTED, SearchIndex, build_index, member_token
from tests.unit.test_search_index import add, doc, found


@pytest.fixture(params=["frozensets", "bitsets"])
def index(request, tmp_path, monkeypatch):
    if request.param == "bitsets":
        monkeypatch.setattr(segments, "SMALL_SET", 0)  # every filter set a BitSet, as in big segments
    search_index = SearchIndex(tmp_path / "search-index")
    bulk = [doc(number, f"erfaringer med velfærdsteknologi nummer {number}",
                phases=("tjek",) if number % 2 else ("test",)) for number in range(1, 201)]
    search_index.swap(build_index(search_index.path, bulk))
    yield search_index
    search_index.close()


def leaf_readers(index):
    with index.searcher() as searcher:
        return [reader for reader, _offset in searcher.reader().leaf_readers()]


def test_a_commit_keeps_the_unchanged_segment_open_and_finds_the_new_document(index):
    assert len(found(index, "velfærdsteknologi", limit=500)) == 200
    before = leaf_readers(index)
    add(index, doc(201, "velfærdsteknologi i hjemmeplejen", phases=("tjek",)))
    after = leaf_readers(index)
    assert before[0] in after, "the 200-document segment was opened again"
    assert "post:201" in found(index, "hjemmeplejen")
    assert len(found(index, "velfærdsteknologi", limit=500)) == 201
    assert len(found(index, "velfærdsteknologi", phase="tjek", limit=500)) == 101
    assert len(found(index, "velfærdsteknologi", phase="test", kind="post", limit=500)) == 100


def test_a_deletion_in_the_old_segment_is_seen_at_once(index):
    found(index, "velfærdsteknologi", phase="tjek", limit=500)  # builds and caches the filter sets
    with index.writer() as writer:
        writer.delete("post:1")
        writer.upsert(doc(3, "nu om trafik i stedet", phases=("test",)))
    hits = found(index, "velfærdsteknologi", phase="tjek", limit=500)
    assert "post:1" not in hits and "post:3" not in hits
    assert len(hits) == 98
    assert found(index, "trafik", phase="test") == ["post:3"]
    assert found(index, "trafik", phase="tjek") == []


def test_merged_segments_give_each_document_once(index):
    for number in range(201, 221):
        add(index, doc(number, f"skybrud og klimatilpasning {number}"))
    found(index, "skybrud", limit=100)
    whoosh_index.open_dir(str(index.ensure()), schema=index.schema).writer().commit(optimize=True)
    assert len(leaf_readers(index)) == 1
    assert sorted(found(index, "skybrud", limit=100)) == sorted(f"post:{number}" for number in range(201, 221))
    assert len(found(index, "velfærdsteknologi", phase="tjek", limit=500)) == 100


def test_restricted_documents_stay_hidden_after_commits(index):
    add(index, doc(300, "fortrolig sparring om velfærdsteknologi", kind="sparring",
                   visibility=(RESTRICTED, member_token(7))))
    assert "sparring:300" in found(index, "fortrolig", member_id=7)
    assert found(index, "fortrolig", member_id=8) == []
    add(index, doc(301, "endnu en fortrolig sag", kind="sparring", visibility=(RESTRICTED, member_token(8))))
    assert found(index, "fortrolig", member_id=7) == ["sparring:300"]
    assert found(index, "fortrolig", member_id=8) == ["sparring:301"]
    assert sorted(found(index, "fortrolig", member_id=None)) == ["sparring:300", "sparring:301"]
