"""Forms of the moderation pages: they check shape; the services check the rules."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forum.threads.models import ROUTES

ROUTE_LABELS = {"share": _l("Deler en innovation"), "reuse": _l("Genbruger en innovation")}


class FlagForm(FlaskForm):
    reason = TextAreaField(_l("Hvad er der galt med indlægget?"), validators=[DataRequired(), Length(max=1000)])


class HideForm(FlaskForm):
    reason = TextAreaField(
        _l("Begrundelse, som forfatteren ser"), validators=[DataRequired(), Length(max=500)]
    )


class ReasonForm(FlaskForm):
    """Optional note for the audit log (dismiss, restore, lift)."""

    reason = TextAreaField(_l("Note til loggen (valgfri)"), validators=[Optional(), Length(max=1000)])


class SuspendForm(FlaskForm):
    member = SelectField(_l("Medlem"), coerce=int, validators=[DataRequired()])
    reason = TextAreaField(
        _l("Begrundelse, som medlemmet ser"), validators=[DataRequired(), Length(max=500)]
    )
    until = DateField(
        _l("Kan logge ind igen fra"), validators=[Optional()],
        description=_l("Lad feltet stå tomt for at suspendere, indtil en tovholder ophæver det."),
    )


class MoveThreadForm(FlaskForm):
    phases = SelectMultipleField(_l("Faser"), choices=[], validate_choice=True)
    route = SelectField(_l("Rute"), choices=[], validators=[Optional()])
    reason = StringField(_l("Note til loggen (valgfri)"), validators=[Optional(), Length(max=500)])

    def set_choices(self, phases, label):
        self.phases.choices = [SelectChoice(p.slug, label(p)) for p in phases]
        self.route.choices = [SelectChoice("", _l("Ingen"))] + [SelectChoice(r, ROUTE_LABELS[r]) for r in ROUTES]


class TargetThreadForm(FlaskForm):
    target = IntegerField(
        _l("Nummeret på den tråd, der skal flyttes til"),
        validators=[DataRequired(), NumberRange(min=1, max=2_000_000_000)],
        description=_l("Tallet i trådens adresse, fx 42 i /threads/42."),
    )
    reason = StringField(_l("Note til loggen (valgfri)"), validators=[Optional(), Length(max=500)])


class SplitForm(FlaskForm):
    posts = SelectMultipleField(_l("Svar, der skal flyttes til den nye tråd"), coerce=int, choices=[])
    title = StringField(_l("Titel på den nye tråd"), validators=[DataRequired(), Length(max=200)])
    reason = StringField(_l("Note til loggen (valgfri)"), validators=[Optional(), Length(max=500)])
