"""The faster posting-list reads give exactly Whoosh's own hits, scores and order."""
from __future__ import annotations

import random

import pytest

from forum.search import whoosh_speedups
from forum.search.index import SearchIndex, build_index
from tests.unit.test_search_index import add, doc

WORDS = ["kommune", "velfærd", "robot", "borger", "skole", "pleje", "data", "test", "budget", "trivsel"]
QUERIES = ["kommune", "robot", "kommune velfærd", "borger OR pleje", "skole NOT data", '"kommune velfærd"',
           "budget trivsel OR robot", "(kommune OR skole) data"]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    rng = random.Random(9)
    # Frequent words (hundreds of postings: several blocks of 128) and rare ones, in a big
    # segment and a few small ones, with deletions in the big one.
    def body():
        return " ".join(rng.choice(WORDS[:4]) if rng.random() < 0.5 else rng.choice(WORDS) for _ in range(12))
    search_index = SearchIndex(tmp_path_factory.mktemp("speedups") / "search-index")
    search_index.swap(build_index(search_index.path, (doc(number, body(), title=rng.choice(WORDS))
                                                      for number in range(1, 3001))))
    for number in range(3001, 3041, 10):
        add(search_index, *(doc(n, body()) for n in range(number, number + 10)))
    with search_index.writer() as writer:
        for number in range(5, 3000, 97):
            writer.delete(f"post:{number}")
    yield search_index
    search_index.close()
    whoosh_speedups.install()


def everything(index, query_text):
    query = index.parse(query_text)
    with index.searcher() as searcher:
        top = [(hit["doc_id"], round(hit.score, 9)) for hit in searcher.search(query, limit=25)]
        every = [(hit["doc_id"], round(hit.score, 9)) for hit in searcher.search(query, limit=None)]
        matched = sorted(searcher.docs_for_query(query))
    return top, every, matched


@pytest.mark.parametrize("query_text", QUERIES)
def test_hits_scores_and_order_are_whooshs_own(index, query_text):
    whoosh_speedups.uninstall()
    index.close()
    expected = everything(index, query_text)
    whoosh_speedups.install()
    index.close()
    assert expected[1], "the query should match something"
    assert everything(index, query_text) == expected
