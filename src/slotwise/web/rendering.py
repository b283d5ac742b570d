"""Jinja2 for the booking pages: one environment, autoescaped, plus the owner's branding."""

from __future__ import annotations

import re
import zoneinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from slotwise import __version__
from slotwise.web.markdown import simple_markdown
from slotwise.web.owners import PageOwner

WEB_DIR = Path(__file__).parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
DEFAULT_BRAND = "#292929"  # Cal.com's defaults
DEFAULT_DARK_BRAND = "#fafafa"
THEMES = ("light", "dark")
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# Zone names that are not places (Etc/GMT+3 means UTC-3; the rest are legacy aliases).
_NOT_PLACES = ("Etc/", "SystemV/", "US/", "posix", "right/", "Canada/", "Brazil/", "Chile/")

environment = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals["version"] = __version__
environment.filters["markdown"] = simple_markdown


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = environment.get_template(template).render(**context)
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={"Cache-Control": "no-store", "Referrer-Policy": "same-origin"},
    )


def branding(owner: PageOwner | None) -> dict[str, Any]:
    """The owner's brand colours (light and dark) with a readable text colour on each, and
    their theme ("light", "dark", or "" to follow the visitor's system)."""
    brand = _color(owner.brand_color if owner else None, DEFAULT_BRAND)
    dark = _color(owner.dark_brand_color if owner else None, DEFAULT_DARK_BRAND)
    theme = owner.theme if owner is not None and owner.theme in THEMES else ""
    return {
        "brand": brand,
        "brand_text": text_on(brand),
        "brand_dark": dark,
        "brand_dark_text": text_on(dark),
        "theme": theme or "",
    }


def _color(value: str | None, default: str) -> str:
    if value and _COLOR.fullmatch(value):
        if len(value) == 4:
            value = "#" + "".join(c * 2 for c in value[1:])
        return value.lower()
    return default


def text_on(color: str) -> str:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#111111" if luminance > 0.179 else "#ffffff"


@lru_cache(maxsize=1)
def time_zone_names() -> tuple[str, ...]:
    """Places a booker can pick, sorted, plus UTC."""
    places = {
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(_NOT_PLACES)
    }
    return ("UTC", *sorted(places))
