"""Extension points on the thread page: other domains add a panel with a one-line edit.

Each entry is (template, function(thread, member) -> context dict or None). A panel whose
function returns None is not shown. Panels render after the opening post; the template
sees the context as `panel.context`, and `thread` and `current_user` as usual.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from forum.spreading.panel import reuse_panel

THREAD_PANELS: list[tuple[str, Callable]] = [("spreading/_reuse_panel.html", reuse_panel)]


@dataclass(frozen=True)
class RenderedPanel:
    template: str
    context: dict


def panels_for(thread, member) -> list[RenderedPanel]:
    rendered = []
    for template, provide in THREAD_PANELS:
        context = provide(thread, member)
        if context is not None:
            rendered.append(RenderedPanel(template, context))
    return rendered
