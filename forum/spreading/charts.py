"""Charts drawn on the server as inline SVG: readable without JavaScript, and well-formed XML.

Built with ElementTree so every label (thread titles included) is escaped. No style
attributes (the CSP forbids them): colours are SVG presentation attributes. Each chart is a
role="img" with a <title> and a <desc> that spell out its numbers; a table sits beside it.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 800
SPREAD_WIDTH = 640  # one line of title, one bar: narrow enough to read on a phone when scrolled
FONT = 16
SMALL = 14
TEXT_DARK = "#1a1a1a"
TEXT_MUTED = "#595959"
GRID = "#b1b4b6"
# The red route shares an innovation; the blue route reuses it.
RED = "#b51d09"
BLUE = "#004993"
# Blue for the reuse route, light to dark as an organization comes further; each with a text
# colour that keeps at least 4.5:1 contrast on it.
PHASE_BLUES = [
    ("#deebf7", TEXT_DARK),
    ("#b3d1ee", TEXT_DARK),
    ("#7fb0e0", TEXT_DARK),
    ("#2b6cb0", "#ffffff"),
    ("#004993", "#ffffff"),
    ("#002b5c", "#ffffff"),
]
SERIES_COLOURS = [(BLUE, "#ffffff"), ("#7fb0e0", TEXT_DARK), ("#002b5c", "#ffffff"), (RED, "#ffffff")]


@dataclass
class Segment:
    """One coloured part of a bar (a phase, or a series) and its legend entry."""

    key: str
    label: str
    fill: str
    text_fill: str


def phase_segments(phases) -> list[Segment]:
    """Legend entries for phases in guide order, coloured from light to dark blue."""
    segments = []
    for index, (slug, label) in enumerate(phases):
        fill, text_fill = PHASE_BLUES[min(index, len(PHASE_BLUES) - 1)]
        segments.append(Segment(slug, label, fill, text_fill))
    return segments


def series_segments(labels: list[str]) -> list[Segment]:
    return [
        Segment(str(index), label, *SERIES_COLOURS[index % len(SERIES_COLOURS)])
        for index, label in enumerate(labels)
    ]


NARROW = set("fijlrtI.,:;!'’()[] ")
WIDE = set("mwMWÆæ")


def text_width(text: str, size: int = FONT) -> float:
    """An estimate of rendered width in IBM Plex Sans (the server has no font metrics),
    erring on the wide side so labels never run into each other."""
    units = sum(0.32 if ch in NARROW else 0.85 if ch in WIDE else 0.68 if ch.isupper() or ch.isdigit() else 0.56
                for ch in text)
    return units * size


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(chart_id: str, title: str, desc: str, height: float, width: int = WIDTH) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": SVG_NS,
        "class": "chart",
        "role": "img",
        "viewBox": f"0 0 {width} {int(height)}",
        "width": str(width),
        "height": str(int(height)),
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
        "id": chart_id,
        "font-size": str(FONT),
        "fill": TEXT_DARK,
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = desc
    return svg


def _text(parent: ET.Element, x: float, y: float, content: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, "text", {"x": _n(x), "y": _n(y), **{k.replace("_", "-"): str(v)
                                                                          for k, v in attributes.items()}})
    element.text = content
    return element


def _rect(parent: ET.Element, x: float, y: float, width: float, height: float, fill: str, **attributes) -> ET.Element:
    return ET.SubElement(parent, "rect", {
        "x": _n(x), "y": _n(y), "width": _n(width), "height": _n(height), "fill": fill,
        **{k.replace("_", "-"): str(v) for k, v in attributes.items()},
    })


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _legend(svg: ET.Element, entries: list[tuple[str, str, str]], y: float, width: int = WIDTH) -> float:
    """Swatches with labels, wrapping onto new lines; returns the y below the legend."""
    x = 0.0
    for label, fill, stroke in entries:
        entry = 18 + 8 + text_width(label, SMALL) + 24
        if x > 0 and x + entry - 24 > width:
            x, y = 0.0, y + 26
        _rect(svg, x, y, 18, 18, fill, stroke=stroke, stroke_width=1)
        _text(svg, x + 26, y + 14, label, font_size=SMALL)
        x += entry
    return y + 36


def _finish(svg: ET.Element) -> Markup:
    return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704 - built by ElementTree, every text escaped


def spread_chart(chart_id: str, title: str, desc: str, rows, segments: list[Segment],
                 shared_label: str, total_label, empty_label: str) -> Markup:
    """One stacked bar per shared innovation: organizations in each phase of the guide.

    `rows` is a list of (innovation title, {segment key: count}); `total_label(n)` words the
    total at the end of a bar ("3 organisationer"), `empty_label` stands in for a bar of 0.
    """
    longest = max((sum(counts.values()) for _, counts in rows), default=0)
    total_space = text_width(total_label(longest), SMALL) + 12
    bar_space = SPREAD_WIDTH - total_space
    unit = min(bar_space / longest, 64.0) if longest else 0
    legend_entries = [(shared_label, RED, RED)] + [(s.label, s.fill, BLUE) for s in segments]
    height_estimate = 80 + 56 * len(rows)
    svg = _svg(chart_id, title, desc, height_estimate, SPREAD_WIDTH)
    y = _legend(svg, legend_entries, 0, SPREAD_WIDTH)
    title_limit = int((SPREAD_WIDTH - 20) / (FONT * 0.62))
    for innovation, counts in rows:
        group = ET.SubElement(svg, "g")
        ET.SubElement(group, "title").text = innovation
        _rect(group, 0, y + 3, 12, 12, RED)
        _text(group, 20, y + 14, shorten(innovation, title_limit), font_weight="600")
        bar_y = y + 24
        x = 0.0
        total = 0
        for segment in segments:
            count = counts.get(segment.key, 0)
            if not count:
                continue
            width = count * unit
            rect = _rect(group, x, bar_y, width, 28, segment.fill, stroke=BLUE, stroke_width=1)
            ET.SubElement(rect, "title").text = f"{segment.label}: {count}"
            _text(group, x + width / 2, bar_y + 19, str(count), font_size=SMALL, font_weight="600",
                  fill=segment.text_fill, text_anchor="middle")
            x += width
            total += count
        if total:
            _text(group, x + 10, bar_y + 19, total_label(total), font_size=SMALL)
        else:
            _rect(group, 0, bar_y + 13, 40, 2, GRID)
            _text(group, 50, bar_y + 19, empty_label, font_size=SMALL, fill=TEXT_MUTED)
        y = bar_y + 44
    svg.set("viewBox", f"0 0 {SPREAD_WIDTH} {int(y)}")
    svg.set("height", str(int(y)))
    return _finish(svg)


def bar_chart(chart_id: str, title: str, desc: str, categories: list[str], series: list[Segment],
              values: list[list[int]], width: int = WIDTH) -> Markup:
    """Horizontal bars: for each category one bar per series, the number at its end.

    `values[i][j]` is series j in category i. One series needs no legend.
    """
    label_width = min(max((text_width(shorten(c, 34), FONT) for c in categories), default=0) + 12, width * 0.4)
    largest = max((v for row in values for v in row), default=0)
    number_space = text_width(str(largest), SMALL) + 12
    scale = (width - label_width - number_space) / largest if largest else 0
    bar, gap = 20, 4
    group_height = len(series) * (bar + gap) + 10
    svg = _svg(chart_id, title, desc, 40 + group_height * max(len(categories), 1) + 30, width)
    y = _legend(svg, [(s.label, s.fill, BLUE) for s in series], 0, width) if len(series) > 1 else 4.0
    top = y
    for category, row in zip(categories, values, strict=True):
        group = ET.SubElement(svg, "g")
        middle = y + (len(series) * (bar + gap) - gap) / 2
        _text(group, label_width - 12, middle + 5, shorten(category, 34), text_anchor="end")
        for segment, value in zip(series, row, strict=True):
            length = value * scale
            if value:
                _rect(group, label_width, y, length, bar, segment.fill, stroke=BLUE, stroke_width=1)
            _text(group, label_width + length + 6, y + bar - 5, str(value), font_size=SMALL)
            y += bar + gap
        y += 10
    ET.SubElement(svg, "line", {"x1": _n(label_width), "x2": _n(label_width), "y1": _n(top), "y2": _n(y - 10),
                                "stroke": GRID, "stroke-width": "1"})
    svg.set("viewBox", f"0 0 {width} {int(y)}")
    svg.set("height", str(int(y)))
    return _finish(svg)


def describe_spreads(spreads, segments: list[Segment]) -> str:
    """The spreading chart's numbers in words, for its <desc>."""
    parts = []
    for spread in spreads:
        counts = ", ".join(f"{segment.label} {spread.per_phase[segment.key]}"
                           for segment in segments if spread.per_phase.get(segment.key))
        total = ngettext("%(num)d organisation", "%(num)d organisationer", spread.total)
        parts.append(f"“{spread.thread.title}”: {counts} ({_('i alt')} {total})" if counts
                     else f"“{spread.thread.title}”: {_('ingen genbrug endnu')}")
    return "; ".join(parts) + "."


def describe_bars(categories: list[str], series: list[Segment], values: list[list[int]]) -> str:
    """A bar chart's numbers in words, for its <desc>."""
    parts = []
    for category, row in zip(categories, values, strict=True):
        if len(series) == 1:
            parts.append(f"{category}: {row[0]}")
        else:
            parts.append(f"{category}: " + ", ".join(f"{s.label} {v}" for s, v in zip(series, row, strict=True)))
    return "; ".join(parts) + "." if parts else _("Ingen data.")
