"""The facilitators' yearly activity report: numbers per section, each with its chart and CSV rows.

A year is the calendar year in the network's time zone (Europe/Copenhagen), like the
membership year.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import exists, func, select

from forum.extensions import db
from forum.meetings.models import Meeting, Rsvp
from forum.sparring.models import SparringRequest
from forum.spreading.charts import bar_chart, describe_bars, series_segments
from forum.spreading.models import ReuseRecord, ReuseStep
from forum.threads.models import Phase, Post, Thread, thread_phase

FIRST_YEAR = 2000
LAST_YEAR = 2100
HARVEST_SLUG = "hoest"
# The report puts each chart beside its table: drawn at about the width it is shown at.
REPORT_CHART_WIDTH = 560


@dataclass
class Section:
    """One part of the report: categories (rows) by series (columns) of counts."""

    key: str
    title: str
    explanation: str
    category_heading: str
    categories: list[str]
    series: list[str]
    values: list[list[int]]
    empty_text: str = ""
    chart: Markup | None = field(default=None, repr=False)

    def draw(self) -> Section:
        if self.categories:
            segments = series_segments(self.series)
            self.chart = bar_chart(f"report-{self.key}", self.title,
                                   describe_bars(self.categories, segments, self.values),
                                   self.categories, segments, self.values, width=REPORT_CHART_WIDTH)
        return self

    @property
    def rows(self) -> list[tuple[str, list[int]]]:
        return list(zip(self.categories, self.values, strict=True))


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("TIMEZONE", "Europe/Copenhagen"))


def default_year() -> int:
    return datetime.now(_zone()).year


def year_choices(selected: int) -> list[int]:
    current = default_year()
    years = set(range(current - 4, current + 1)) | {selected}
    return sorted(years, reverse=True)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    zone = _zone()
    return (datetime(year, 1, 1, tzinfo=zone).astimezone(UTC), datetime(year + 1, 1, 1, tzinfo=zone).astimezone(UTC))


def _local_month(moment: datetime) -> int:
    return moment.astimezone(_zone()).month


def yearly_report(year: int) -> list[Section]:
    start, end = year_bounds(year)
    return [
        section.draw()
        for section in (
            threads_and_posts(start, end),
            sparring(start, end),
            reuse(year, start, end),
            meetings(year),
        )
    ]


def threads_and_posts(start: datetime, end: datetime) -> Section:
    """Threads opened and posts written in the year, per phase the thread is tagged with."""
    language = str(get_locale())
    phases = list(db.session.scalars(select(Phase).order_by(Phase.position, Phase.id)))
    live_threads = (Thread.deleted_at.is_(None),)
    thread_counts = dict(db.session.execute(
        select(thread_phase.c.phase_id, func.count())
        .join(Thread, Thread.id == thread_phase.c.thread_id)
        .where(Thread.created_at >= start, Thread.created_at < end, *live_threads)
        .group_by(thread_phase.c.phase_id)
    ).all())
    post_counts = dict(db.session.execute(
        select(thread_phase.c.phase_id, func.count(Post.id))
        .join(Post, Post.thread_id == thread_phase.c.thread_id)
        .join(Thread, Thread.id == Post.thread_id)
        .where(Post.created_at >= start, Post.created_at < end, Post.deleted_at.is_(None), *live_threads)
        .group_by(thread_phase.c.phase_id)
    ).all())
    untagged = ~exists().where(thread_phase.c.thread_id == Thread.id)
    threads_untagged = db.session.scalar(
        select(func.count(Thread.id)).where(Thread.created_at >= start, Thread.created_at < end, untagged,
                                            *live_threads))
    posts_untagged = db.session.scalar(
        select(func.count(Post.id)).join(Thread, Thread.id == Post.thread_id)
        .where(Post.created_at >= start, Post.created_at < end, Post.deleted_at.is_(None), untagged, *live_threads))
    threads_all = db.session.scalar(
        select(func.count(Thread.id)).where(Thread.created_at >= start, Thread.created_at < end, *live_threads))
    posts_all = db.session.scalar(
        select(func.count(Post.id)).join(Thread, Thread.id == Post.thread_id)
        .where(Post.created_at >= start, Post.created_at < end, Post.deleted_at.is_(None), *live_threads))
    categories = [phase.label(language) for phase in phases] + [_("Uden fase"), _("Alle tråde")]
    values = [[thread_counts.get(phase.id, 0), post_counts.get(phase.id, 0)] for phase in phases]
    values += [[threads_untagged, posts_untagged], [threads_all, posts_all]]
    return Section(
        key="threads", title=_("Tråde og indlæg pr. fase"),
        explanation=_("Tråde oprettet og indlæg skrevet i året (også åbningsindlæg), efter trådens faser. "
                      "En tråd med flere faser tælles under hver af dem; “Alle tråde” tæller hver tråd én gang. "
                      "Slettede tråde og indlæg tælles ikke med."),
        category_heading=_("Fase"), categories=categories, series=[_("Tråde"), _("Indlæg")], values=values,
    )


def sparring(start: datetime, end: datetime) -> Section:
    """Sparring requests opened, matched (an offer accepted) and closed in the year."""
    def count(column) -> int:
        return db.session.scalar(select(func.count(SparringRequest.id)).where(column >= start, column < end))

    return Section(
        key="sparring", title=_("Sparringsanmodninger"),
        explanation=_("Anmodninger oprettet, matchet (et tilbud accepteret) og lukket i året."),
        category_heading=_("Status"),
        categories=[_("Oprettet"), _("Matchet"), _("Lukket")], series=[_("Anmodninger")],
        values=[[count(SparringRequest.created_at)], [count(SparringRequest.matched_at)],
                [count(SparringRequest.closed_at)]],
    )


def reuse(year: int, start: datetime, end: datetime) -> Section:
    """Reuse records started, and records that reached the last phase (Høst), per month."""
    started = Counter(
        _local_month(moment) for moment in db.session.scalars(
            select(ReuseRecord.created_at).where(ReuseRecord.created_at >= start, ReuseRecord.created_at < end))
    )
    # The first step into Høst of each record in the month: a note added while in Høst is no move.
    harvest_steps = db.session.execute(
        select(ReuseStep.record_id, func.min(ReuseStep.created_at))
        .join(Phase, Phase.id == ReuseStep.phase_id)
        .where(Phase.slug == HARVEST_SLUG, ReuseStep.created_at >= start, ReuseStep.created_at < end,
               (ReuseStep.previous_phase_id.is_(None)) | (ReuseStep.previous_phase_id != ReuseStep.phase_id))
        .group_by(ReuseStep.record_id)
    ).all()
    harvested = Counter(_local_month(moment) for _record, moment in harvest_steps)
    months = range(1, 13)
    harvest = db.session.scalar(select(Phase).where(Phase.slug == HARVEST_SLUG))
    harvest_label = harvest.label(str(get_locale())) if harvest else HARVEST_SLUG
    return Section(
        key="reuse", title=_("Genbrug af delte innovationer"),
        explanation=_("Organisationer, der er begyndt at genbruge en delt innovation, og genbrug, der er "
                      "nået til fasen %(phase)s, pr. måned.", phase=harvest_label),
        category_heading=_("Måned"),
        categories=[format_date(date(year, month, 1), "MMMM").capitalize() for month in months],
        series=[_("Genbrug startet"), _("Nået til %(phase)s", phase=harvest_label)],
        values=[[started.get(month, 0), harvested.get(month, 0)] for month in months],
    )


def meetings(year: int) -> Section:
    """Per network meeting held or planned in the year: members who said yes, and who said no."""
    held = list(db.session.scalars(
        select(Meeting).where(Meeting.date >= date(year, 1, 1), Meeting.date <= date(year, 12, 31),
                              Meeting.status != "cancelled")
        .order_by(Meeting.date, Meeting.id)
    ))
    answers = Counter(
        (meeting_id, attending) for meeting_id, attending in db.session.execute(
            select(Rsvp.meeting_id, Rsvp.attending).where(Rsvp.meeting_id.in_([m.id for m in held]))
        )
    ) if held else Counter()
    return Section(
        key="meetings", title=_("Deltagelse i netværksmøder"),
        explanation=_("Tilmeldinger og afbud pr. møde i året (aflyste møder er ikke med)."),
        category_heading=_("Møde"),
        categories=[f"{format_date(m.date, 'd. MMM')} {m.title}" for m in held],
        series=[_("Tilmeldt"), _("Afbud")],
        values=[[answers.get((m.id, True), 0), answers.get((m.id, False), 0)] for m in held],
        empty_text=_("Ingen møder i året."),
    )


def _cell(text: str) -> str:
    # A spreadsheet must not take a label for a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(sections: list[Section], year: int) -> str:
    """All sections as one table: year; section; category; series; count. Semicolons, for Danish Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("år"), _("afsnit"), _("kategori"), _("serie"), _("antal")])
    for section in sections:
        for category, row in section.rows:
            for series, value in zip(section.series, row, strict=True):
                writer.writerow([year, _cell(section.title), _cell(category), _cell(series), value])
    return "\ufeff" + out.getvalue()
