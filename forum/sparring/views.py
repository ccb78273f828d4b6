"""/sparring: ask peers for sparring, offer it, accept an offer, close, and the sparring profile."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from forum.permissions.sparring import (
    can_accept_sparring,
    can_close_sparring,
    can_offer_sparring,
    may_offer_sparring,
)
from forum.sparring import contacts, profiles, queries, service
from forum.sparring.forms import CloseForm, OfferForm, ProfileForm, RequestForm
from forum.sparring.suggestions import suggest_peers
from forum.templating import has_endpoint

bp = Blueprint("sparring", __name__, url_prefix="/sparring")


def _phase_choices():
    return [(phase.slug, phase) for phase in queries.all_phases()]


def _visible_or_404(request_id: int):
    sparring = queries.visible_request(current_user, request_id)
    if sparring is None:
        abort(404)
    return sparring


@bp.get("")
def index():
    status = request.args.get("status", "open")
    phase = request.args.get("phase", "")[:40]
    view = request.args.get("view", "")
    pagination = queries.list_page(
        current_user,
        status=status if status in queries.STATUSES else None,
        phase=phase or None,
        view=view if view in queries.VIEWS else None,
        page=request.args.get("page", 1, type=int),
    )
    return render_template(
        "sparring/index.html",
        pagination=pagination,
        phases=queries.all_phases(),
        status=status if status in queries.STATUSES else "",
        phase=phase,
        view=view if view in queries.VIEWS else "",
    )


def _suggestions_for(form: RequestForm):
    chosen = set(form.phases.data or [])
    phases = [phase for slug, phase in form.phases.choices if slug in chosen]
    return suggest_peers(current_user, phases)


@bp.route("/new", methods=["GET", "POST"])
def new():
    # A GET with ?phases=... (the "find peers" round trip without JavaScript) pre-fills the form.
    formdata = None
    if request.method == "GET" and request.args:
        formdata = MultiDict((key, value) for key, value in request.args.items(multi=True) if key != "csrf_token")
    form = RequestForm(formdata=formdata) if formdata is not None else RequestForm()
    form.phases.choices = _phase_choices()
    suggesting = request.method == "POST" and "suggest" in request.form
    if not suggesting and form.validate_on_submit():
        try:
            sparring = service.create_request(
                current_user,
                title=form.title.data,
                body=form.body.data,
                phase_slugs=form.phases.data,
                channels=form.channels.data,
                recipient_ids=form.recipients.data,
                answer_by=form.answer_by.data,
            )
        except service.SparringError as error:
            flash(str(error), "error")
        else:
            flash(_("Din anmodning om sparring er sendt."), "success")
            return redirect(url_for("sparring.detail", request_id=sparring.id))
    elif request.method == "GET" and formdata is not None:
        form.phases.data = [slug for slug in (form.phases.data or []) if slug in dict(form.phases.choices)]
    status = 422 if request.method == "POST" and not suggesting else 200
    return render_template(
        "sparring/new.html",
        form=form,
        suggestions=_suggestions_for(form),
        members=queries.other_active_members(current_user),
        chosen_recipients=set(form.recipients.data or []),
    ), status


@bp.get("/suggestions")
def suggestions():
    """The suggestion list alone, for sparring.js to swap in when the phases change."""
    form = RequestForm(formdata=MultiDict(request.args.items(multi=True)), meta={"csrf": False})
    form.phases.choices = _phase_choices()
    form.phases.data = [slug for slug in (form.phases.data or []) if slug in dict(form.phases.choices)]
    suggestions = _suggestions_for(form)
    chosen = set(form.recipients.data or [])
    # Members the member had ticked stay ticked even when the new phases no longer suggest them.
    kept = [m for m in queries.members_by_id(chosen - {s.member.id for s in suggestions}) if m.id != current_user.id]
    return render_template(
        "sparring/_suggestions.html",
        suggestions=suggestions,
        kept=kept,
        chosen_recipients=chosen,
        phases_chosen=bool(form.phases.data),
    )


@bp.get("/<int:request_id>")
def detail(request_id: int):
    sparring = _visible_or_404(request_id)
    return render_template(
        "sparring/detail.html",
        sparring=sparring,
        offer_form=OfferForm(),
        close_form=CloseForm(),
        offers=contacts.offers_seen_by(current_user, sparring),
        own_offer=next((o for o in sparring.offers if o.member_id == current_user.id), None),
        contact_of=lambda member: contacts.contact_details(current_user, member, sparring),
        can_offer=can_offer_sparring(current_user, sparring),
        may_offer=may_offer_sparring(current_user, sparring),
        can_accept=can_accept_sparring(current_user, sparring),
        can_close=can_close_sparring(current_user, sparring),
    )


@bp.post("/<int:request_id>/offers")
def offer(request_id: int):
    sparring = _visible_or_404(request_id)
    if not may_offer_sparring(current_user, sparring):
        abort(403)
    form = OfferForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("sparring.detail", request_id=sparring.id))
    try:
        service.make_offer(sparring, current_user, form.message.data)
    except service.SparringForbidden:
        abort(403)
    except service.SparringError as error:
        flash(str(error), "error")
    else:
        flash(_("Dit tilbud er sendt til %(name)s.", name=sparring.requester.name), "success")
    return redirect(url_for("sparring.detail", request_id=request_id))


@bp.post("/<int:request_id>/offers/<int:offer_id>/accept")
def accept(request_id: int, offer_id: int):
    sparring = _visible_or_404(request_id)
    offer = next((o for o in sparring.offers if o.id == offer_id), None)
    if offer is None:
        abort(404)
    if sparring.requester_id != current_user.id:
        abort(403)
    try:
        service.accept_offer(sparring, offer, current_user)
    except service.SparringForbidden:
        abort(403)
    except service.SparringError as error:
        flash(str(error), "error")
    else:
        flash(_("Du har accepteret tilbuddet fra %(name)s. I kan nu se hinandens kontaktoplysninger.",
                name=offer.member.name), "success")
    return redirect(url_for("sparring.detail", request_id=request_id))


@bp.post("/<int:request_id>/close")
def close(request_id: int):
    sparring = _visible_or_404(request_id)
    if sparring.requester_id != current_user.id and not current_user.is_facilitator:
        abort(403)
    form = CloseForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("sparring.detail", request_id=request_id))
    try:
        service.close_request(sparring, current_user, form.learning.data or "")
    except service.SparringForbidden:
        abort(403)
    except service.SparringError as error:
        flash(str(error), "error")
    else:
        flash(_("Anmodningen er lukket."), "success")
    return redirect(url_for("sparring.detail", request_id=request_id))


@bp.post("/<int:request_id>/publish")
def publish(request_id: int):
    sparring = _visible_or_404(request_id)
    if sparring.requester_id != current_user.id:
        abort(403)
    try:
        thread = service.publish_learning(sparring, current_user)
    except service.SparringError as error:
        flash(str(error), "error")
        return redirect(url_for("sparring.detail", request_id=request_id))
    flash(_("Det, du lærte, er delt som en ny tråd."), "success")
    if has_endpoint("threads.show"):
        return redirect(url_for("threads.show", thread_id=thread.id))
    return redirect(url_for("sparring.detail", request_id=request_id, _anchor="learning"))


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    existing = profiles.profile_of(current_user)
    form = ProfileForm()
    form.phases.choices = _phase_choices()
    if request.method == "GET" and existing is not None:
        form.open_now.data = existing.open_now
        form.phases.data = [phase.slug for phase in existing.phases]
        form.note.data = existing.note
    if form.validate_on_submit():
        try:
            profiles.save_profile(
                current_user, open_now=form.open_now.data, phase_slugs=form.phases.data or [], note=form.note.data
            )
        except service.SparringError as error:
            flash(str(error), "error")
        else:
            flash(_("Din sparringsprofil er gemt."), "success")
            return redirect(url_for("sparring.profile"))
    return render_template("sparring/profile.html", form=form), 422 if form.errors else 200
