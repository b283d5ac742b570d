"""A person's bio as simple Markdown (emphasis, code, links, lists), rendered safely."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

# Raw HTML stays text; markdown-it refuses javascript:, vbscript: and file: links; images
# would load another site's file for every visitor, so they stay text too.
_BIO = MarkdownIt("commonmark", {"html": False, "breaks": True}).disable(
    ["image", "heading", "lheading"]
)


def simple_markdown(text: str | None) -> Markup:
    """HTML for ``text``; links open without telling the other site where the visitor was."""
    if not text:
        return Markup("")
    html = _BIO.render(text)
    return Markup(html.replace("<a href=", '<a rel="nofollow noopener noreferrer" href='))
