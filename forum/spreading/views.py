"""The spreading blueprint: recording reuse, the spreading map, the facilitators' report."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from forum.extensions import db
from forum.members.models import Organization
from forum.permissions import is_facilitator
from forum.spreading import report, service
from forum.spreading.charts import describe_spreads, phase_segments, spread_chart
from forum.spreading.forms import ReuseForm
from forum.spreading.panel import reuse_context

bp = Blueprint("spreading", __name__)


def _shared_thread_or_404(thread_id: int):
    thread = service.visible_shared_thread(current_user, thread_id)
    if thread is None:
        abort(404)
    return thread


@bp.get("/threads/<int:thread_id>/reuse")
def reuse_form(thread_id: int):
    """The reuse panel as a page of its own (where the POST lands when the form has errors)."""
    thread = _shared_thread_or_404(thread_id)
    return render_template("spreading/reuse.html", thread=thread, panel={"context": reuse_context(thread, current_user)})


@bp.post("/threads/<int:thread_id>/reuse")
def record_reuse(thread_id: int):
    thread = _shared_thread_or_404(thread_id)
    form = ReuseForm()
    form.set_phases(service.phases())
    if not form.validate_on_submit():
        flash(_("Tjek felterne markeret med fejl."), "error")
        return render_template("spreading/reuse.html", thread=thread,
                               panel={"context": reuse_context(thread, current_user, form)}), 422
    organization = current_user.organization
    if form.organization.data and form.organization.data != current_user.organization_id:
        if not is_facilitator(current_user):
            abort(403)
        organization = db.session.get(Organization, form.organization.data)
        if organization is None:
            abort(404)
    phase = service.phase_by_slug(form.phase.data)
    try:
        step = service.record_reuse(thread, current_user, phase, form.note.data or "", organization=organization)
    except service.NotAllowed:
        abort(403)
    except service.NothingChanged as error:
        flash(str(error), "info")
    else:
        if step.previous_phase_id is None:
            flash(_("%(organization)s er registreret som genbruger i fasen %(phase)s.",
                    organization=organization.name, phase=phase.label(str(get_locale()))), "success")
        else:
            flash(_("Genbruget hos %(organization)s er opdateret: %(phase)s.",
                    organization=organization.name, phase=phase.label(str(get_locale()))), "success")
    return redirect(url_for("threads.show", thread_id=thread.id, _anchor="genbrug"))


@bp.get("/spreading")
def index():
    phase = service.phase_by_slug(request.args.get("phase", ""))
    page = request.args.get("page", 1, type=int)
    page = page if page and 0 < page < 100_000 else 1
    pagination, spreads = service.spread_page(current_user, phase=phase, page=page)
    phases = service.phases()
    language = str(get_locale())
    segments = phase_segments([(p.slug, p.label(language)) for p in phases])
    chart = None
    if spreads:
        chart = spread_chart(
            "spread-chart",
            _("Organisationer pr. fase for hver delt innovation"),
            describe_spreads(spreads, segments),
            [(spread.thread.title, spread.per_phase) for spread in spreads],
            segments,
            shared_label=_("Delt innovation (rød rute)"),
            total_label=lambda n: ngettext("%(num)d organisation", "%(num)d organisationer", n),
            empty_label=_("Ingen genbrug endnu"),
        )
    return render_template("spreading/index.html", pagination=pagination, spreads=spreads, phases=phases,
                           phase=phase, chart=chart, totals=service.organizations_per_phase(current_user))


def _report_year() -> int:
    raw = request.args.get("year", "")
    if not raw:
        return report.default_year()
    if not raw.isdigit() or not report.FIRST_YEAR <= int(raw) <= report.LAST_YEAR:
        abort(400)
    return int(raw)


@bp.get("/admin/report", endpoint="report")
def report_page():
    if not is_facilitator(current_user):
        abort(403)
    year = _report_year()
    sections = report.yearly_report(year)
    return render_template("admin/report.html", year=year, sections=sections, years=report.year_choices(year))


@bp.get("/admin/report.csv")
def report_csv():
    if not is_facilitator(current_user):
        abort(403)
    year = _report_year()
    body = report.as_csv(report.yearly_report(year), year)
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=spredningsnetvaerket-rapport-{year}.csv",
    })
