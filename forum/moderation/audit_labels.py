"""What the audit log's action and target codes mean, in words (the codes stay in the CSV)."""
from flask_babel import lazy_gettext as _l

ACTIONS = {
    "pin": _l("Fastgjorde tråd"),
    "unpin": _l("Fjernede fastgørelse"),
    "lock": _l("Låste tråd"),
    "unlock": _l("Låste tråd op"),
    "move_thread": _l("Flyttede tråd"),
    "move_post": _l("Flyttede indlæg"),
    "merge_thread": _l("Slog tråde sammen"),
    "split_thread": _l("Delte tråd"),
    "hide_post": _l("Skjulte indlæg"),
    "restore_post": _l("Gendannede indlæg"),
    "edit_post": _l("Redigerede indlæg"),
    "delete_post": _l("Slettede indlæg"),
    "delete_thread": _l("Slettede tråd"),
    "flag_post": _l("Anmeldte indlæg"),
    "dismiss_flag": _l("Afviste anmeldelse"),
    "resolve_flag_edited": _l("Løste anmeldelse ved redigering"),
    "suspend_member": _l("Suspenderede medlem"),
    "lift_suspension": _l("Ophævede suspension"),
    "membership_renew": _l("Fornyede medlemskab"),
    "role_change": _l("Ændrede rolle"),
    "phase_edit": _l("Redigerede fase"),
    "application_approve": _l("Godkendte ansøgning"),
    "application_reject": _l("Afviste ansøgning"),
    "meeting_plan": _l("Planlagde møde"),
    "meeting_edit": _l("Redigerede møde"),
    "meeting_notes_thread": _l("Oprettede mødenotetråd"),
    "deletion_requested": _l("Bad om sletning"),
    "anonymise_member": _l("Anonymiserede medlem"),
}

TARGETS = {
    "thread": _l("Tråd"),
    "post": _l("Indlæg"),
    "member": _l("Medlem"),
    "flag": _l("Anmeldelse"),
    "phase": _l("Fase"),
    "application": _l("Ansøgning"),
    "meeting": _l("Møde"),
}


def action_label(code: str) -> str:
    """The action in words; an unknown code (from a newer version, say) as it is."""
    return str(ACTIONS.get(code, code))


def target_label(code: str) -> str:
    return str(TARGETS.get(code, code))
