"""The Whoosh layer on its own: Danish analysis, filters, visibility, highlights, folders."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from forum.search.index import (
    RESTRICTED,
    VISIBLE_TO_ALL,
    IndexBusy,
    SearchIndex,
    build_index,
    member_token,
    remove_folder,
)

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def doc(number, body, *, title="", kind="post", phases=("tjek",), visibility=(VISIBLE_TO_ALL,), thread_id=1):
    return {
        "doc_id": f"{kind}:{number}", "kind": kind, "object_id": number, "thread_id": thread_id, "title": title,
        "body": body, "phases": list(phases), "author": 1, "organization": 1,
        "created": START + timedelta(days=number), "visibility": list(visibility),
    }


@pytest.fixture
def index(tmp_path):
    search_index = SearchIndex(tmp_path / "search-index")
    yield search_index
    search_index.close()


def add(index, *documents):
    with index.writer() as writer:
        for document in documents:
            writer.upsert(document)


def found(index, text, **options):
    return [hit.doc_id for hit in index.search(index.parse(text), **options).hits]


@pytest.mark.parametrize(("stored", "query"), [
    ("Vi har talt med kommunen om det", "kommunerne"),
    ("Kommunerne deler deres erfaringer", "kommune"),
    ("Tre innovationer blev afprøvet", "innovation"),
    ("En innovation fra Vejle", "innovationer"),
    ("Udvalgets beslutning kom i marts", "udvalg"),
    ("Borgerne var meget glade", "borger"),
])
def test_danish_stemming_finds_other_forms(index, stored, query):
    add(index, doc(1, stored), doc(2, "Noget helt andet om budgetter"))
    assert found(index, query) == ["post:1"]


def test_all_words_must_match_by_default_and_or_widens(index):
    add(index, doc(1, "kommune og velfærd"), doc(2, "kommune og teknologi"))
    assert found(index, "kommune velfærd") == ["post:1"]
    assert sorted(found(index, "velfærd OR teknologi")) == ["post:1", "post:2"]
    assert sorted(found(index, "kommune velfærd", member_id=None)) == ["post:1"]
    assert sorted(found(index, "velfærd teknologi")) == []
    assert sorted(hit.doc_id for hit in index.search(index.parse("velfærd teknologi", all_words=False)).hits) == [
        "post:1", "post:2"]


def test_title_weighs_more_than_body(index):
    add(index, doc(1, "vi taler om velfærdsteknologi og robotter i plejen"),
        doc(2, "noget andet", title="Robotter", kind="thread"))
    assert found(index, "robotter")[0] == "thread:2"


def test_phase_and_kind_filters_and_newest_first(index):
    add(index, doc(1, "skole", phases=["tjek"]), doc(2, "skole", phases=["test", "tilpas"]),
        doc(3, "skole", kind="thread", title="Skole", phases=["test"]))
    assert sorted(found(index, "skole", phase="test")) == ["post:2", "thread:3"]
    assert found(index, "skole", kind="thread") == ["thread:3"]
    assert found(index, "skole", phase="test", kind="post") == ["post:2"]
    assert found(index, "skole", phase="hoest") == []
    assert found(index, "skole", newest_first=True) == ["thread:3", "post:2", "post:1"]


def test_restricted_documents_only_for_named_members(index):
    add(index, doc(1, "sparring om data", kind="sparring", visibility=[RESTRICTED, member_token(5), member_token(6)]),
        doc(2, "sparring om data", kind="sparring"))
    assert found(index, "data", member_id=7) == ["sparring:2"]
    assert sorted(found(index, "data", member_id=5)) == ["sparring:1", "sparring:2"]
    assert sorted(found(index, "data", member_id=None)) == ["sparring:1", "sparring:2"]


def test_pages_know_whether_more_exist_without_counting(index):
    add(index, *(doc(number, "netværksmøde") for number in range(1, 26)))
    first = index.search(index.parse("netværksmøde"), limit=20)
    second = index.search(index.parse("netværksmøde"), offset=20, limit=20)
    assert len(first.hits) == 20 and first.has_next
    assert len(second.hits) == 5 and not second.has_next


def test_upsert_replaces_and_delete_removes(index):
    add(index, doc(1, "gammel tekst om affald"))
    add(index, doc(1, "ny tekst om klima"))
    assert found(index, "affald") == []
    assert found(index, "klima") == ["post:1"]
    with index.writer() as writer:
        writer.delete("post:1")
    assert found(index, "klima") == []


def test_delete_where_removes_a_whole_thread(index):
    add(index, doc(1, "plejehjem", thread_id=4), doc(2, "plejehjem", thread_id=4), doc(3, "plejehjem", thread_id=5))
    with index.writer() as writer:
        writer.delete_where("thread_id", 4)
    assert found(index, "plejehjem") == ["post:3"]


def test_highlight_marks_words_and_escapes_markup(index):
    query = index.parse("kommunerne script")
    html = index.highlight(query, 'Kommunen skrev <script>alert("x")</script> i script-filen')
    assert "<mark" in html and "</mark>" in html
    assert "<script>" not in html
    assert "&lt;" in html
    assert index.highlight(index.parse("fravær"), "intet her") == ""


def test_segments_are_never_compound(index, tmp_path):
    for number in range(1, 12):
        add(index, doc(number, f"dokument nummer {number} om trivsel"))
    folder = index.ensure()
    assert not list(folder.glob("*.seg")), "compound segment files were written"
    built = build_index(tmp_path / "search-index", (doc(n, "trivsel") for n in range(1, 60)), procs=2)
    assert not list(built.glob("*.seg"))
    remove_folder(built)


def test_a_swapped_folder_is_picked_up_by_an_open_searcher(index, tmp_path):
    add(index, doc(1, "gammelt indeks"))
    assert found(index, "gammelt") == ["post:1"]
    folder = build_index(index.path, [doc(2, "nyt indeks")])
    previous = index.swap(folder)
    remove_folder(previous)
    assert found(index, "nyt") == ["post:2"]
    assert found(index, "gammelt") == []


def test_a_held_lock_makes_writers_busy(index):
    add(index, doc(1, "låst"))
    with index.hold_write_lock(), pytest.raises(IndexBusy), index.writer(timeout=0.1):
        pass
    add(index, doc(2, "låst"))
    assert sorted(found(index, "låst")) == ["post:1", "post:2"]


def test_missing_folder_is_created_empty(index):
    assert found(index, "noget") == []
    assert index.doc_count() == 0


def test_a_time_limit_keeps_the_best_hits_scored_so_far(index):
    add(index, *(doc(number, "netværk") for number in range(1, 60)))
    page = index.search(index.parse("netværk"), limit=10, time_limit=1e-9)
    assert page.partial and len(page.hits) == 10 and page.has_next
    assert not index.search(index.parse("netværk"), limit=10, time_limit=5).partial


def test_filters_still_apply_under_a_time_limit(index):
    add(index, *(doc(number, "netværk", phases=["tjek" if number % 2 else "test"]) for number in range(1, 80)))
    add(index, doc(90, "netværk", kind="sparring", visibility=[RESTRICTED, member_token(5)]))
    for time_limit in (None, 5, 1e-9):
        page = index.search(index.parse("netværk"), phase="test", limit=50, time_limit=time_limit, member_id=3)
        assert page.hits and all(int(hit.doc_id.split(":")[1]) % 2 == 0 for hit in page.hits)
        page = index.search(index.parse("netværk"), kind="sparring", limit=50, time_limit=time_limit, member_id=3)
        assert page.hits == []
