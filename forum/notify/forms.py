"""Forms of the notifications pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from forum.notify.preferences import DELIVERY_LABELS, KINDS


class EmptyForm(FlaskForm):
    """A POST with only its CSRF token."""


def settings_form(current: dict[str, str], formdata=None) -> FlaskForm:
    """One select per kind of event, filled with the member's choices."""

    class SettingsForm(FlaskForm):
        pass

    for kind, (label, _default, allowed) in KINDS.items():
        field = SelectField(label, choices=[SelectChoice(value, DELIVERY_LABELS[value]) for value in allowed], default=current[kind])
        setattr(SettingsForm, kind, field)
    form = SettingsForm(formdata=formdata) if formdata is not None else SettingsForm()
    if formdata is None:
        for kind in KINDS:
            getattr(form, kind).data = current[kind]
    return form


AUTOCOMPLETE_HINT = _l("Skriv @ og begyndelsen af et navn for at nævne et medlem.")
