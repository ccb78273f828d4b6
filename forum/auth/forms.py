"""Forms of the login, password and invitation pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from forum.auth.passwords import MIN_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Adgangskode"), validators=[DataRequired(), Length(max=1000)])
    remember = BooleanField(_l("Husk mig på denne computer"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Ny adgangskode"),
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=1000)],
        description=_l("Mindst %(n)d tegn.", n=MIN_LENGTH),
    )
    password_confirm = PasswordField(
        _l("Gentag adgangskoden"),
        validators=[DataRequired(), EqualTo("password", message=_l("De to adgangskoder er ikke ens."))],
    )


class InvitationForm(NewPasswordForm):
    name = StringField(_l("Dit navn"), validators=[DataRequired(), Length(max=120)])
