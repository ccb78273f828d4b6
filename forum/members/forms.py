"""Forms of the profile page."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp


class ProfileForm(FlaskForm):
    name = StringField(_l("Navn"), validators=[DataRequired(), Length(max=120)])
    title = StringField(_l("Stilling"), validators=[Optional(), Length(max=200)])
    phone = StringField(
        _l("Telefon"),
        validators=[Optional(), Length(max=40), Regexp(r"^[0-9 +()-]*$", message=_l("Kun tal, mellemrum og + ( ) -."))],
    )
    bio = TextAreaField(
        _l("Om mig"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Hvad arbejder du med, og hvad kan andre spørge dig om?"),
    )
    language = SelectField(_l("Sprog"), choices=[SelectChoice("da", "Dansk"), SelectChoice("en", "English")])
    show_email = BooleanField(_l("Vis min e-mail for andre medlemmer"))
    show_phone = BooleanField(_l("Vis mit telefonnummer for andre medlemmer"))
