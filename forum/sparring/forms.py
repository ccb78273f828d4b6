"""Forms of the sparring pages: they check shape; the service checks the rules."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, Field, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from forum.sparring.models import CHANNELS
from forum.sparring.service import BODY_MAX, MESSAGE_MAX, RECIPIENTS_MAX, TITLE_MAX


def channel_choices():
    labels = {"phone": _l("Telefon"), "mail": _l("Mail"), "meeting": _l("Fysisk møde")}
    return [(channel, labels[channel]) for channel in CHANNELS]


class MemberIdsField(Field):
    """Repeatable `recipients=<member id>`; the service checks that the members exist."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, default=list, **kwargs)

    def process_formdata(self, valuelist):
        ids = []
        for value in valuelist:
            value = value.strip()
            if not value:
                continue
            if not value.isdigit() or len(value) > 9:
                self.data = []
                raise ValueError(_l("Ukendt medlem."))
            ids.append(int(value))
        if len(set(ids)) > RECIPIENTS_MAX:
            self.data = []
            raise ValueError(_l("Vælg højst %(max)d medlemmer.", max=RECIPIENTS_MAX))
        self.data = list(dict.fromkeys(ids))


class RequestForm(FlaskForm):
    title = StringField(_l("Overskrift"), validators=[DataRequired(_l("Skriv en overskrift.")), Length(max=TITLE_MAX)])
    body = TextAreaField(
        _l("Hvad vil du gerne sparre om?"),
        validators=[DataRequired(_l("Beskriv, hvad du gerne vil sparre om.")), Length(max=BODY_MAX)],
        description=_l("Fortæl kort om din innovation, hvor du står, og hvad du gerne vil have hjælp til. Du kan bruge Markdown."),
    )
    phases = SelectMultipleField(_l("Faser i Spredningsguiden"), validators=[DataRequired(_l("Vælg mindst én fase."))])
    channels = SelectMultipleField(
        _l("Hvordan vil du sparre?"),
        choices=channel_choices,
        validators=[DataRequired(_l("Vælg mindst én måde at sparre på."))],
    )
    recipients = MemberIdsField(_l("Hvem vil du spørge?"))
    answer_by = DateField(_l("Svar gerne senest (valgfrit)"), validators=[Optional()])


class OfferForm(FlaskForm):
    message = TextAreaField(
        _l("Din besked"),
        validators=[DataRequired(_l("Skriv et par ord om, hvad du kan bidrage med.")), Length(max=MESSAGE_MAX)],
        description=_l("Hvad kan du bidrage med, og hvordan vil du helst sparre?"),
    )


class CloseForm(FlaskForm):
    learning = TextAreaField(
        _l("Hvad lærte du?"),
        validators=[Optional(), Length(max=BODY_MAX)],
        description=_l("Valgfrit. Skriv kort, hvad sparringen gav dig. Du kan bagefter dele det som en tråd, så andre også får glæde af det."),
    )


class ProfileForm(FlaskForm):
    open_now = BooleanField(_l("Jeg er åben for sparring nu"))
    phases = SelectMultipleField(_l("Faser, jeg kan give sparring på"), validators=[Optional()])
    note = StringField(
        _l("Hvad kan andre spørge dig om?"),
        validators=[Optional(), Length(max=300)],
        description=_l("Fx „velfærdsteknologi i hjemmeplejen“ eller „gevinstrealisering“."),
    )
