"""The server-drawn charts are well-formed SVG that name their data."""
# ruff: noqa: S314 - parses the SVG our own server drew, to prove it is well-formed XML
import xml.etree.ElementTree as ET

from forum.spreading.charts import (
    bar_chart,
    describe_bars,
    phase_segments,
    series_segments,
    spread_chart,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
PHASES = [("tjek", "Tjek"), ("test", "Test"), ("tilpas", "Tilpas"), ("fjern", "Fjern barrierer"),
          ("implementer", "Implementér"), ("hoest", "Høst")]


def texts(svg):
    return [element.text for element in svg.iter("{http://www.w3.org/2000/svg}text")]


def spread(app, rows):
    return spread_chart("chart", "Organisationer pr. fase", "Beskrivelse af tallene", rows, phase_segments(PHASES),
                        shared_label="Delt innovation", total_label=lambda n: f"{n} organisationer",
                        empty_label="Ingen genbrug endnu")


def test_spread_chart_is_well_formed_and_names_its_data(app):
    markup = spread(app, [("Ældre hjælper ældre", {"test": 2, "hoest": 1}), ("Ny idé", {})])
    svg = ET.fromstring(str(markup))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    assert svg.find("svg:title", NS).text == "Organisationer pr. fase"
    assert svg.find("svg:desc", NS).text == "Beskrivelse af tallene"
    labels = texts(svg)
    for expected in ("Ældre hjælper ældre", "2", "1", "3 organisationer", "Ingen genbrug endnu", "Fjern barrierer",
                     "Høst", "Delt innovation"):
        assert expected in labels
    assert "style" not in str(markup)


def test_hostile_titles_stay_text(app):
    markup = spread(app, [('<script>alert(1)</script>" onload="x', {"tjek": 1})])
    svg = ET.fromstring(str(markup))
    assert not list(svg.iter("script")) and not list(svg.iter("{http://www.w3.org/2000/svg}script"))
    assert "<script>" not in str(markup)
    assert any(text and text.startswith("<script>") for text in texts(svg))


def test_long_titles_are_shortened_with_the_full_title_kept(app):
    title = "En meget lang titel " * 10
    svg = ET.fromstring(str(spread(app, [(title, {"tjek": 1})])))
    shown = [t for t in texts(svg) if t and t.startswith("En meget")]
    assert shown and len(shown[0]) <= 64 and shown[0].endswith("…")
    assert any(element.text == title for element in svg.iter("{http://www.w3.org/2000/svg}title"))


def test_bar_chart_is_well_formed_with_numbers_and_legend(app):
    series = series_segments(["Tråde", "Indlæg"])
    values = [[3, 12], [0, 0], [1, 4]]
    categories = ["Tjek", "Fjern barrierer", "Uden fase"]
    description = describe_bars(categories, series, values)
    assert description == "Tjek: Tråde 3, Indlæg 12; Fjern barrierer: Tråde 0, Indlæg 0; Uden fase: Tråde 1, Indlæg 4."
    svg = ET.fromstring(str(bar_chart("report-threads", "Tråde og indlæg", description, categories, series, values)))
    assert svg.find("svg:desc", NS).text == description
    labels = texts(svg)
    for expected in ("Tjek", "Fjern barrierer", "3", "12", "4", "0", "Tråde", "Indlæg"):
        assert expected in labels
    height = int(svg.get("height"))
    assert svg.get("viewBox") == f"0 0 800 {height}"


def test_empty_charts_are_still_valid(app):
    ET.fromstring(str(bar_chart("empty", "Intet", "Ingen data.", ["A"], series_segments(["x"]), [[0]])))
    ET.fromstring(str(spread(app, [("Ingen", {})])))
