"""Forms for threads and posts: they check shape; the service checks the rules."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from forum.threads.attachments import ACCEPT
from forum.threads.service import SOURCE_MAX, TITLE_MAX


def route_choices():
    return [
        SelectChoice("", _l("Ingen bestemt")),
        SelectChoice("share", _l("Dele – vi deler en innovation")),
        SelectChoice("reuse", _l("Genbruge – vi genbruger en innovation")),
    ]


def phase_choices(phases):
    language = str(get_locale())
    return [SelectChoice(phase.slug, phase.label(language)) for phase in phases]


class _Attachments:
    attachments = MultipleFileField(
        _l("Vedhæft filer"),
        render_kw={"accept": ACCEPT},
        description=_l("PDF, Word, Excel, PowerPoint, OpenDocument og billeder. Højst 10 MB pr. fil."),
    )


class ReplyForm(_Attachments, FlaskForm):
    body = TextAreaField(_l("Dit svar"), validators=[DataRequired(), Length(max=SOURCE_MAX)],
                         description=_l("Du kan bruge Markdown: **fed**, *kursiv*, lister og links."))


class PostEditForm(_Attachments, FlaskForm):
    body = TextAreaField(_l("Indlæg"), validators=[DataRequired(), Length(max=SOURCE_MAX)])


class ThreadForm(_Attachments, FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    body = TextAreaField(_l("Indlæg"), validators=[DataRequired(), Length(max=SOURCE_MAX)],
                         description=_l("Fortæl den ærlige historie. Du kan bruge Markdown: **fed**, *kursiv*, "
                                        "lister og links."))
    phases = SelectMultipleField(_l("Faser i Spredningsguiden"), validators=[Optional()],
                                 description=_l("Vælg de faser, tråden handler om."))
    route = SelectField(_l("Rute"), validators=[Optional()])

    def set_choices(self, phases) -> None:
        self.phases.choices = phase_choices(phases)
        self.route.choices = route_choices()


class FirstPostEditForm(ThreadForm):
    body = TextAreaField(_l("Indlæg"), validators=[DataRequired(), Length(max=SOURCE_MAX)])
