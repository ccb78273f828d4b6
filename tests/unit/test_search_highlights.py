"""Snippets: the query's words (any form the Danish analyzer stems alike) in <mark>, the
text escaped, a long text cut to a window around the first match."""
from __future__ import annotations

from forum.search.highlights import highlight_text


def test_every_form_of_the_word_is_marked_and_the_rest_escaped():
    html = highlight_text('Kommunen & <b>kommunerne</b> "deler" kommunale data', {"kommun"})
    assert html == ('<mark>Kommunen</mark> &amp; &lt;b&gt;<mark>kommunerne</mark>&lt;/b&gt; &quot;deler&quot; '
                    'kommunale data')


def test_no_match_and_stop_words_give_nothing():
    assert highlight_text("Intet om det her", {"kommun"}) == ""
    assert highlight_text("og i at det", {"og"}) == ""  # stop words are never terms
    assert highlight_text("", {"kommun"}) == ""


def test_a_long_text_is_cut_around_the_first_match_at_word_boundaries():
    text = "Indledning " * 40 + "Her fortæller Vejle om robotstøvsugere i hjemmeplejen. " + "Afslutning " * 40
    html = highlight_text(text, {"robotstøvsug"}, maxchars=120)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>robotstøvsugere</mark>" in html
    inner = html.removeprefix("… ").removesuffix(" …").replace("<mark>", "").replace("</mark>", "")
    assert len(inner) <= 120 and inner in text
    assert inner.split()[0] in ("Indledning", "Her") and not inner.startswith(" ")


def test_a_match_at_the_very_end_is_shown():
    text = "Lang tekst om noget andet. " * 20 + "Til sidst: trivsel"
    html = highlight_text(text, {"trivsel"}, maxchars=100)
    assert html.endswith("<mark>trivsel</mark>") and html.startswith("… ")
