"""The documented outcome of every endpoint for every role, written by hand.

Outcomes: "ok" (GET: 200; POST: handled, i.e. 200, a redirect that is not to the login page,
or a 400/409/422 refusal of the empty form), "login" (302 to /login), "redirect" (302 elsewhere,
e.g. a signed-in member opening /login), 403 or 404. POSTs carry only the CSRF token.

A new endpoint must be added here (the matrix test fails with its name), so somebody decides
who may use it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anon", "other", "owner", "facilitator", "admin")


def expect(anon="login", owner="ok", other="ok", facilitator="ok", admin="ok") -> dict:
    return {"anon": anon, "owner": owner, "other": other, "facilitator": facilitator, "admin": admin}


MEMBER = expect()
FACILITATOR = expect(owner=403, other=403)
ADMIN = expect(owner=403, other=403, facilitator=403)
PUBLIC = expect(anon="ok")
# Private to A (owner): another member gets 404, as for an id that does not exist.
OWNERS = expect(other=404)
# A's own thing that nobody else has any business with, facilitators included.
OWN_ONLY = expect(other=404, facilitator=404, admin=404)
NOBODY = expect(anon=404, owner=404, other=404, facilitator=404, admin=404)
APPLY_POST = expect(anon=403, owner=403, other=403, facilitator=403, admin=403)


@dataclass(frozen=True)
class Case:
    label: str
    method: str
    url: Callable  # (world, role) -> str
    outcome: dict
    data: dict = field(default_factory=dict)


def _fixed(template: str):
    return lambda w, role: template.format(w=w)


def per_role(template: str, objects: str):
    """A URL whose object differs per role (w.<objects>[role], falling back to "owner")."""
    def build(w, role):
        chosen = getattr(w, objects)
        return template.format(obj=chosen.get(role, chosen["owner"]))
    return build


def get(label, template, outcome):
    return Case(label, "GET", _fixed(template) if isinstance(template, str) else template, outcome)


def post(label, template, outcome, **data):
    return Case(label, "POST", _fixed(template) if isinstance(template, str) else template, outcome, data)


T = "{w.thread.id}"
SIGNED_IN_PUBLIC = expect(anon="ok", owner="redirect", other="redirect", facilitator="redirect", admin="redirect")

TABLE: dict[str, list[Case]] = {
    "static": [get("stylesheet", "/static/css/forum.css", PUBLIC)],
    "health.healthz": [get("health", "/healthz", PUBLIC)],
    "pages.accessibility": [get("statement", "/tilgaengelighed", PUBLIC)],
    "auth.login": [get("form", "/login", SIGNED_IN_PUBLIC), post("empty form", "/login", PUBLIC)],
    # Logging out sends everybody to the login page.
    "auth.logout": [post("log out", "/logout", expect(owner="login", other="login", facilitator="login",
                                                     admin="login"))],
    "auth.forgot_password": [get("form", "/password/forgot", PUBLIC), post("empty", "/password/forgot", PUBLIC)],
    # A token that was never issued is a page that does not exist.
    "auth.reset_password": [get("bad token", "/password/reset/x", NOBODY), post("bad token", "/password/reset/x", NOBODY)],
    "auth.accept_invitation": [get("bad token", "/invite/x", NOBODY), post("bad token", "/invite/x", NOBODY)],
    # The tests run outside January unless FORUM_ADMISSION_MONTHS says otherwise: a POST to a closed
    # admission is 403 (the page itself explains when it opens).
    "members.apply": [get("form", "/apply", PUBLIC), post("empty", "/apply", APPLY_POST)],
    "dashboard.index": [get("dashboard", "/", MEMBER)],
    # threads
    "threads.index": [get("list", "/threads", MEMBER)],
    "threads.new": [get("form", "/threads/new", MEMBER), post("empty", "/threads/new", MEMBER)],
    "threads.show": [get("thread", "/threads/" + T, MEMBER)],
    "threads.create_reply": [post("empty reply", "/threads/" + T + "/posts", MEMBER)],
    "threads.edit_post": [
        get("own reply", "/posts/{w.own_reply.id}/edit", expect(other=403)),
        get("hidden post", "/posts/{w.hidden.id}/edit", OWNERS),
        post("own reply, empty", "/posts/{w.own_reply.id}/edit", expect(other=403)),
    ],
    "threads.delete_post": [
        post("hidden post", per_role("/posts/{obj.id}/delete", "hidden_posts"), OWNERS),
        post("own reply", per_role("/posts/{obj.id}/delete", "deletable"), expect(other=403)),
    ],
    "threads.permalink": [
        get("reply", "/posts/{w.own_reply.id}", expect(owner="redirect", other="redirect", facilitator="redirect",
                                                       admin="redirect")),
        get("hidden post", "/posts/{w.hidden.id}", expect(owner="redirect", other=404, facilitator="redirect",
                                                          admin="redirect")),
    ],
    "threads.revisions": [
        get("own reply", "/posts/{w.own_reply.id}/revisions", expect(other=403)),
        get("hidden post", "/posts/{w.hidden.id}/revisions", OWNERS),
    ],
    "threads.attachment": [get("file", "/attachments/{w.attachment.id}/{w.attachment.filename}", MEMBER)],
    "threads.preview": [post("empty", "/preview", MEMBER)],
    "threads.read_all": [post("mark all read", "/threads/read-all", MEMBER)],
    "threads.watch": [post("watch", "/threads/" + T + "/watch", MEMBER)],
    "threads.unwatch": [post("unwatch", "/threads/" + T + "/unwatch", MEMBER)],
    # moderation
    "moderation.flag_post": [
        # Nobody flags their own post (B wrote the reply).
        post("B's reply", "/posts/{w.reply.id}/flag", expect(other=403)),
        # A hidden post is out of sight for B (404); A does not flag their own.
        post("hidden post", "/posts/{w.hidden.id}/flag", expect(owner=403, other=404)),
    ],
    "moderation.hide_post": [post("reply", "/posts/{w.reply.id}/hide", FACILITATOR)],
    # Moderation verbs answer 403 to members before looking anything up, so 403 leaks nothing.
    "moderation.restore_post": [post("hidden", "/posts/{w.hidden.id}/restore", FACILITATOR)],
    "moderation.pin_thread": [post("pin", "/threads/" + T + "/pin", FACILITATOR)],
    "moderation.unpin_thread": [post("unpin", "/threads/" + T + "/unpin", FACILITATOR)],
    "moderation.lock_thread": [post("lock", "/threads/{w.target_thread.id}/lock", FACILITATOR)],
    "moderation.unlock_thread": [post("unlock", "/threads/{w.target_thread.id}/unlock", FACILITATOR)],
    "moderation.move_thread": [post("empty", "/threads/" + T + "/move", FACILITATOR)],
    "moderation.merge_thread": [post("empty", "/threads/" + T + "/merge", FACILITATOR)],
    "moderation.split_thread": [post("empty", "/threads/" + T + "/split", FACILITATOR)],
    "moderation.move_post": [post("empty", "/posts/{w.reply.id}/move", FACILITATOR)],
    "moderation.thread_tools": [get("tools", "/moderation/threads/" + T, FACILITATOR)],
    "moderation.queue": [get("queue", "/moderation", FACILITATOR)],
    "moderation.audit_page": [get("audit", "/moderation/audit", FACILITATOR)],
    "moderation.audit_csv": [get("audit csv", "/moderation/audit.csv", FACILITATOR)],
    "moderation.dismiss_flag": [post("flag", per_role("/moderation/flags/{obj.id}/dismiss", "flags"), FACILITATOR)],
    "moderation.resolve_flag_edited": [post("flag", per_role("/moderation/flags/{obj.id}/edited", "flags2"),
                                            FACILITATOR)],
    "moderation.suspensions": [get("list", "/moderation/suspensions", FACILITATOR),
                               post("empty", "/moderation/suspensions", FACILITATOR)],
    "moderation.lift_suspension": [post("lift", "/moderation/suspensions/{w.suspended.id}/lift", FACILITATOR)],
    # search, members, notifications
    "search.search": [get("search", "/search?q=velf%C3%A6rd", MEMBER)],
    "members.directory": [get("directory", "/members", MEMBER)],
    "members.profile_page": [get("A's profile", "/members/{w.owner.id}", MEMBER)],
    "members.own_profile": [get("form", "/profile", MEMBER), post("empty", "/profile", MEMBER)],
    "members.export_own_data": [get("export", "/profile/export", MEMBER)],
    "members.membership": [get("page", "/membership", MEMBER), post("empty", "/membership", MEMBER)],
    "members.request_deletion": [post("ask", "/profile/delete-request", MEMBER)],
    "members.deletion_requests": [get("list", "/admin/deletions", ADMIN)],
    "members.anonymise_member": [post("empty", "/admin/deletions/{w.deletion.id}/anonymise", ADMIN)],
    "notify.notifications": [get("list", "/notifications", MEMBER)],
    "notify.open_notification": [get("A's", "/notifications/{w.notification.id}",
                                     expect(owner="redirect", other=404, facilitator=404, admin=404))],
    "notify.mark_all_read": [post("all", "/notifications/read", MEMBER)],
    "notify.settings": [get("form", "/notifications/settings", MEMBER), post("empty", "/notifications/settings", MEMBER)],
    "notify.autocomplete": [get("names", "/members/autocomplete?q=al", MEMBER)],
    # sparring
    "sparring.index": [get("list", "/sparring", MEMBER)],
    "sparring.new": [get("form", "/sparring/new", MEMBER), post("empty", "/sparring/new", MEMBER)],
    "sparring.profile": [get("form", "/sparring/profile", MEMBER), post("empty", "/sparring/profile", MEMBER)],
    "sparring.suggestions": [get("suggestions", "/sparring/suggestions", MEMBER)],
    "sparring.detail": [
        get("directed A->C", "/sparring/{w.directed.id}", OWNERS),
        get("open to all", "/sparring/{w.open.id}", MEMBER),
    ],
    "sparring.offer": [
        # Only others than the requester offer; facilitators see a directed request but were not asked.
        post("directed A->C", "/sparring/{w.directed.id}/offers", expect(other=404, owner=403, facilitator=403,
                                                                          admin=403)),
        post("open to all", "/sparring/{w.open.id}/offers", expect(owner=403)),
    ],
    "sparring.accept": [
        post("directed A->C", "/sparring/{w.directed.id}/offers/{w.offer.id}/accept",
             expect(other=404, facilitator=403, admin=403)),
    ],
    "sparring.close": [post("directed A->C", "/sparring/{w.directed.id}/close", OWNERS)],
    "sparring.publish": [post("open", "/sparring/{w.open.id}/publish", expect(other=403, facilitator=403,
                                                                             admin=403))],
    # meetings
    "meetings.index": [get("programme", "/meetings", MEMBER)],
    "meetings.show": [get("meeting", "/meetings/{w.meeting.id}", MEMBER)],
    "meetings.ics": [get("ics", "/meetings/{w.meeting.id}.ics", MEMBER)],
    "meetings.rsvp": [post("empty", "/meetings/{w.meeting.id}/rsvp", MEMBER)],
    "meetings.new": [get("form", "/meetings/new", FACILITATOR), post("empty", "/meetings/new", FACILITATOR)],
    "meetings.edit": [get("form", "/meetings/{w.meeting.id}/edit", FACILITATOR),
                      post("empty", "/meetings/{w.meeting.id}/edit", FACILITATOR)],
    "meetings.notes_thread": [post("make", "/meetings/{w.meeting.id}/notes-thread", FACILITATOR)],
    "meetings.calendar": [get("page", "/calendar", MEMBER)],
    "meetings.calendar_feed": [get("A's feed", "/calendar/{w.calendar_token}.ics", PUBLIC)],
    "meetings.calendar_regenerate": [post("new token", "/calendar/token", MEMBER)],
    "meetings.calendar_revoke": [post("revoke", "/calendar/token/revoke", MEMBER)],
    # spreading
    "spreading.index": [get("map", "/spreading", MEMBER)],
    # B's organization shares the innovation: the form tells B so, and an empty form is refused (422).
    "spreading.reuse_form": [get("form", "/threads/{w.shared.id}/reuse", MEMBER)],
    "spreading.record_reuse": [post("empty", "/threads/{w.shared.id}/reuse", MEMBER)],
    "spreading.report": [get("report", "/admin/report", FACILITATOR)],
    "spreading.report_csv": [get("csv", "/admin/report.csv", FACILITATOR)],
    # admin
    "admin.index": [get("index", "/admin", FACILITATOR)],
    "admin.applications": [get("list", "/admin/applications", FACILITATOR)],
    "admin.approve_application": [post("pending", per_role("/admin/applications/{obj.id}/approve", "approvals"),
                                       FACILITATOR)],
    "admin.reject_application": [post("pending", per_role("/admin/applications/{obj.id}/reject", "rejections"),
                                      FACILITATOR)],
    "admin.audit_log": [get("audit", "/admin/audit", FACILITATOR)],
    "admin.fees": [get("fees", "/admin/fees", FACILITATOR)],
    "admin.fees_csv_file": [get("csv", "/admin/fees.csv", FACILITATOR)],
    "admin.memberships": [get("list", "/admin/memberships", FACILITATOR)],
    "admin.renew_membership": [post("renew", "/admin/memberships/{w.other.id}/renew", FACILITATOR)],
    "admin.organizations": [get("list", "/admin/organizations", FACILITATOR)],
    "admin.roles": [get("list", "/admin/roles", FACILITATOR)],
    "admin.change_role": [post("empty", "/admin/roles", FACILITATOR)],
    # Facilitators read the phases; only admins change them.
    "admin.phases": [get("list", "/admin/phases", FACILITATOR)],
    "admin.update_phase": [post("empty", "/admin/phases", ADMIN)],
}
