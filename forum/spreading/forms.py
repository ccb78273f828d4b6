"""The reuse form: which phase the organization is in now, and a short note."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from forum.spreading.models import NOTE_MAX_LENGTH


class ReuseForm(FlaskForm):
    phase = SelectField(_l("Fase i Spredningsguiden"), validators=[DataRequired()])
    note = TextAreaField(
        _l("Note (valgfri)"),
        validators=[Optional(), Length(max=NOTE_MAX_LENGTH)],
        description=_l("Hvad er sket siden sidst? Højst %(max)d tegn.", max=NOTE_MAX_LENGTH),
    )
    # Facilitators may move another organization's record; empty means the member's own.
    organization = IntegerField(_l("Organisation"), validators=[Optional(), NumberRange(min=1, max=2**31 - 1)])

    def set_phases(self, phases) -> None:
        language = str(get_locale())
        self.phase.choices = [(phase.slug, phase.label(language)) for phase in phases]
