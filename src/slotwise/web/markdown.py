"""A person's bio as simple Markdown (emphasis, code, links, lists), rendered safely."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def _bio_parser() -> MarkdownIt:
    """Made at the first bio, so `serve` starts without markdown-it (see "Performance")."""
    from markdown_it import MarkdownIt

    # Raw HTML stays text; markdown-it refuses javascript:, vbscript: and file: links; images
    # would load another site's file for every visitor, so they stay text too.
    return MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(
        ["image", "heading", "lheading"]
    )


def simple_markdown(text: str | None) -> Markup:
    """HTML for ``text``; links open without telling the other site where the visitor was."""
    if not text:
        return Markup("")
    html = _bio_parser().render(text)
    return Markup(html.replace("<a href=", '<a rel="nofollow noopener noreferrer" href='))
