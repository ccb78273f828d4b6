"""Forms for asking to be deleted and for carrying it out."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from forum.members.deletion_models import PostChoice


class DeletionRequestForm(FlaskForm):
    reason = TextAreaField(
        _l("Vil du fortælle hvorfor? (frivilligt)"),
        validators=[Optional(), Length(max=1000)],
    )
    confirm = BooleanField(
        _l("Jeg forstår, at min konto bliver anonymiseret og ikke kan gendannes."),
        validators=[DataRequired(message=_l("Sæt kryds for at bekræfte."))],
    )


class AnonymiseForm(FlaskForm):
    posts = RadioField(
        _l("Medlemmets indlæg"),
        choices=[
            SelectChoice(PostChoice.KEEP, _l("Behold indlæggene under navnet \u201dTidligere medlem\u201d")),
            SelectChoice(PostChoice.REMOVE, _l("Fjern indlæggene")),
        ],
        validators=[InputRequired(message=_l("Vælg, om indlæggene skal blive eller fjernes."))],
    )
