"""Page numbers for lists read without the ORM, and windows that are not counted."""
from forum.pagination import NumberedPage


def test_page_numbers_with_gaps_around_the_current_page():
    page = NumberedPage(items=[], page=9, per_page=20, total=40 * 20)
    assert page.pages == 40 and page.has_prev and page.has_next
    assert list(page.iter_pages(left_edge=1, left_current=2, right_current=3, right_edge=1)) == \
        [1, None, 7, 8, 9, 10, 11, 12, None, 40]


def test_a_single_page_has_no_links():
    page = NumberedPage(items=[1, 2], page=1, per_page=20, total=2)
    assert page.pages == 1 and not page.has_prev and not page.has_next
    assert list(page.iter_pages()) == [1]


def test_an_empty_list_has_no_pages():
    assert list(NumberedPage(items=[], page=1, per_page=20, total=0).iter_pages()) == []
