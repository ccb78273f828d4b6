"""Every model module, imported once so the metadata knows every table."""
from forum.auth.models import AuthToken  # noqa: F401
from forum.meetings.models import CalendarToken, Meeting, MeetingReminder, Rsvp  # noqa: F401
from forum.members.applications import Application  # noqa: F401
from forum.members.deletion_models import DeletionRequest  # noqa: F401
from forum.members.models import Member, Membership, Organization  # noqa: F401
from forum.moderation.models import AuditEntry, Flag, ThreadMerge  # noqa: F401
from forum.notify.models import DigestState, Notification, NotificationPreference, OutboxMail  # noqa: F401
from forum.pagecache.models import ChangeCounter  # noqa: F401
from forum.search.models import SearchPending  # noqa: F401
from forum.sparring.models import SparringOffer, SparringProfile, SparringRequest  # noqa: F401
from forum.spreading.models import ReuseRecord, ReuseStep  # noqa: F401
from forum.threads.models import (  # noqa: F401
    Attachment,
    Phase,
    Post,
    PostRevision,
    Thread,
    ThreadRead,
    ThreadWatch,
)
