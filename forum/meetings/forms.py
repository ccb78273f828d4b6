"""Forms of the meeting pages: shape only; the service applies the rules."""
from datetime import date, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from forum.meetings.models import DEFAULT_ENDS, DEFAULT_STARTS


def _sensible_date(form, field):
    if field.data is not None and not date(2000, 1, 1) <= field.data <= date(2100, 12, 31):
        raise ValidationError(_l("Vælg en dato mellem år 2000 og 2100."))


class MeetingForm(FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=200)])
    date = DateField(_l("Dato"), format="%Y-%m-%d", validators=[InputRequired(message=_l("Skriv datoen som ÅÅÅÅ-MM-DD.")),
                                                                _sensible_date],
                     description=_l("ÅÅÅÅ-MM-DD"))
    starts = TimeField(_l("Starter"), format="%H:%M", default=DEFAULT_STARTS,
                       validators=[InputRequired(message=_l("Skriv tidspunktet som TT:MM."))])
    ends = TimeField(_l("Slutter"), format="%H:%M", default=DEFAULT_ENDS,
                     validators=[InputRequired(message=_l("Skriv tidspunktet som TT:MM."))])
    host_organization = StringField(
        _l("Vært"), validators=[Optional(), Length(max=200)],
        description=_l("En medlemsorganisation eller et andet sted, fx Republikken."),
    )
    address = StringField(_l("Adresse"), validators=[Optional(), Length(max=300)])
    room = StringField(_l("Lokale"), validators=[Optional(), Length(max=200)])
    agenda = TextAreaField(_l("Dagsorden"), validators=[Optional(), Length(max=20_000)],
                           description=_l("Markdown: # overskrift, - punkt, **fed**."))

    def validate_ends(self, field):
        if isinstance(self.starts.data, time) and isinstance(field.data, time) and field.data <= self.starts.data:
            raise ValidationError(_l("Mødet skal slutte efter, det er begyndt."))


class EditMeetingForm(MeetingForm):
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice("planned", _l("Planlagt")), SelectChoice("held", _l("Afholdt")),
                 SelectChoice("cancelled", _l("Aflyst"))],
        validate_choice=False,  # optional in a POST (SPEC §4 lists no status); the service checks the value
    )


class RsvpForm(FlaskForm):
    attending = RadioField(
        _l("Kommer du?"),
        choices=[SelectChoice("yes", _l("Ja, jeg kommer")), SelectChoice("no", _l("Nej, jeg kommer ikke"))],
        validators=[InputRequired(message=_l("Vælg ja eller nej."))],
    )
