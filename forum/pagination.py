"""Pages of a long list without counting the whole list.

`db.paginate` runs a `count(*)` over everything the filters match to number the pages; on
20,000 threads that was a third of the thread list's database time, for page links nobody
uses on a list sorted by newest activity. A window fetches one row more than it shows, which
is all that "next page" needs.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from sqlalchemy import Select

from forum.extensions import db


class _Steps:
    page: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


@dataclass
class Window(_Steps):
    items: list
    page: int
    per_page: int
    has_next: bool


def window(query: Select, page: int, per_page: int) -> Window:
    """One page of `query`, as plain rows of the columns it selects."""
    rows = db.session.execute(query.limit(per_page + 1).offset((page - 1) * per_page)).all()
    return Window(items=list(rows[:per_page]), page=page, per_page=per_page, has_next=len(rows) > per_page)


@dataclass
class NumberedPage(_Steps):
    """One page of a counted list, for rows read without the ORM; the same interface as
    Flask-SQLAlchemy's Pagination where templates use it (pages, iter_pages, prev/next)."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return ceil(self.total / self.per_page) if self.total else 0

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def iter_pages(self, *, left_edge=2, left_current=2, right_current=4, right_edge=2):
        """Page numbers with None for the gaps: 1 2 None 7 8 [9] 10 11 None 40."""
        pages_end = self.pages + 1
        if pages_end == 1:
            return
        left_end = min(1 + left_edge, pages_end)
        yield from range(1, left_end)
        if left_end == pages_end:
            return
        mid_start = max(left_end, self.page - left_current)
        mid_end = min(self.page + right_current + 1, pages_end)
        if mid_start - left_end > 0:
            yield None
        yield from range(mid_start, mid_end)
        if mid_end == pages_end:
            return
        right_start = max(mid_end, pages_end - right_edge)
        if right_start - mid_end > 0:
            yield None
        yield from range(right_start, pages_end)
