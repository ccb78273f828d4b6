"""Meeting pages: programme, meeting, RSVP, iCalendar, planning (facilitators), calendar feed."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.meetings import feeds, ics, notes, service
from forum.meetings.forms import EditMeetingForm, MeetingForm, RsvpForm
from forum.meetings.service import MeetingData, MeetingError
from forum.permissions.meetings import can_manage_meetings, can_rsvp
from forum.threads.service import ThreadError

bp = Blueprint("meetings", __name__)

FEED_URL_KEY = "meetings.new_feed_url"


def _meeting_or_404(meeting_id: int):
    meeting = service.visible_meeting(current_user, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


def _require_facilitator() -> None:
    if not can_manage_meetings(current_user):
        abort(403)


def _meeting_url(meeting) -> str:
    return url_for("meetings.show", meeting_id=meeting.id, _external=True)


def _ics_response(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _data(form, current_status: str = "planned") -> MeetingData:
    return MeetingData(
        title=form.title.data or "", date=form.date.data, starts=form.starts.data, ends=form.ends.data,
        host_organization=form.host_organization.data or "", address=form.address.data or "",
        room=form.room.data or "", agenda=form.agenda.data or "",
        status=(form.status.data if isinstance(form, EditMeetingForm) else None) or current_status,
    )


@bp.get("/meetings")
def index():
    upcoming = service.upcoming_meetings(current_user)
    past = service.past_meetings(current_user)
    everything = upcoming + past
    return render_template(
        "meetings/index.html", upcoming=upcoming, past=past,
        counts=service.rsvp_counts(everything), answers=service.own_rsvps(current_user, everything),
        can_manage=can_manage_meetings(current_user),
    )


@bp.get("/meetings/<int:meeting_id>")
def show(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    attending, declined = service.answers(meeting)
    rsvp = service.own_rsvp(meeting, current_user)
    form = RsvpForm(attending=None if rsvp is None else ("yes" if rsvp.attending else "no"))
    return render_template(
        "meetings/show.html", meeting=meeting, attending=attending, declined=declined, rsvp=rsvp, form=form,
        can_manage=can_manage_meetings(current_user), can_rsvp=can_rsvp(current_user, meeting) and meeting.date >= service.today_in_copenhagen(),
    )


@bp.post("/meetings/<int:meeting_id>/rsvp")
def rsvp(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    form = RsvpForm()
    if not form.validate_on_submit():
        flash(_("Vælg ja eller nej."), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    try:
        service.answer(meeting, current_user, form.attending.data == "yes")
    except MeetingError as error:
        flash(str(error), "error")
    else:
        flash(_("Tak, vi har dit svar.") if form.attending.data == "yes" else _("Tak, vi har noteret, at du ikke kommer."),
              "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.get("/meetings/<int:meeting_id>.ics", endpoint="ics")
def ics_file(meeting_id: int):
    meeting = _meeting_or_404(meeting_id)
    body = ics.calendar_bytes([meeting], _meeting_url, meeting.title)
    return _ics_response(body, f"netvaerksmoede-{meeting.id}.ics")


@bp.route("/meetings/new", methods=["GET", "POST"])
def new():
    _require_facilitator()
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            meeting = service.plan_meeting(current_user, _data(form))
        except MeetingError as error:
            flash(str(error), "error")
        else:
            flash(_("Mødet er planlagt."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    elif request.method == "POST":
        flash(_("Tjek felterne markeret med fejl."), "error")
    status = 422 if request.method == "POST" else 200
    return render_template("meetings/form.html", form=form, meeting=None), status


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit(meeting_id: int):
    _require_facilitator()
    meeting = _meeting_or_404(meeting_id)
    form = EditMeetingForm(obj=meeting) if request.method == "GET" else EditMeetingForm()
    if request.method == "GET":
        form.host_organization.data = meeting.host
        form.agenda.data = meeting.agenda_source
    if form.validate_on_submit():
        try:
            service.update_meeting(meeting, current_user, _data(form, meeting.status))
        except MeetingError as error:
            flash(str(error), "error")
        else:
            flash(_("Mødet er gemt."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    elif request.method == "POST":
        flash(_("Tjek felterne markeret med fejl."), "error")
    status = 422 if request.method == "POST" else 200
    return render_template("meetings/form.html", form=form, meeting=meeting), status


@bp.post("/meetings/<int:meeting_id>/notes-thread")
def notes_thread(meeting_id: int):
    _require_facilitator()
    meeting = _meeting_or_404(meeting_id)
    try:
        notes.create_notes_thread(meeting, current_user, url_for("meetings.show", meeting_id=meeting.id))
    except (MeetingError, ThreadError) as error:
        flash(str(error), "error")
    else:
        flash(_("Notetråden er oprettet og fastgjort."), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


# --- the personal calendar feed -------------------------------------------------------

@bp.get("/calendar")
def calendar():
    return render_template(
        "meetings/calendar.html", token=feeds.token_of(current_user), new_feed_url=session.pop(FEED_URL_KEY, None),
    )


@bp.post("/calendar/token")
def calendar_regenerate():
    token = feeds.regenerate(current_user)
    # Shown once on the next page; only the token's hash is kept.
    session[FEED_URL_KEY] = url_for("meetings.calendar_feed", token=token, _external=True)
    flash(_("Du har fået en ny kalenderadresse. Den gamle virker ikke længere."), "success")
    return redirect(url_for("meetings.calendar"))


@bp.post("/calendar/token/revoke")
def calendar_revoke():
    if feeds.revoke(current_user):
        flash(_("Din kalenderadresse er slået fra."), "success")
    return redirect(url_for("meetings.calendar"))


@bp.get("/calendar/<token>.ics")
def calendar_feed(token: str):
    """Public by design (Outlook subscribes without a session): the token is the credential."""
    member = feeds.member_for_token(token, service.today_in_copenhagen())
    if member is None:
        abort(404)
    meetings = service.upcoming_meetings(member) + service.past_meetings(member)
    body = ics.calendar_bytes(meetings, _meeting_url, _("Spredningsnetværkets møder"))
    response = _ics_response(body, "spredningsnetvaerket.ics")
    response.headers["Cache-Control"] = "private, max-age=900"
    return response
