"""Template helpers shared by every page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def include_panel(context: template.Context, panel: dict[str, Any]) -> str:
    """Render a home panel's template with its own context on top of the page context."""
    tmpl = template.loader.get_template(panel["template"])
    flat = context.flatten()
    flat.update(panel["context"])
    return tmpl.render(flat, context.get("request"))
