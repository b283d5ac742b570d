"""What a team's settings may hold. Every given field is checked before anything is
written, and one ``Invalid`` names every bad field (by model attribute)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slotwise.core.timezones import is_iana_time_zone
from slotwise.errors import Invalid
from slotwise.users.service import HEX_COLOR, THEMES, WEEKDAYS
from slotwise.users.usernames import USERNAME_PATTERN

NAME_MAX_LENGTH = 200
SLUG_MAX_LENGTH = 64
BIO_MAX_LENGTH = 2000
URL_MAX_LENGTH = 2048
METADATA_MAX_KEYS = 50
NULLABLE = frozenset(
    {"slug", "bio", "logo_url", "banner_url", "cal_video_logo", "app_logo", "app_icon_logo",
     "brand_color", "dark_brand_color", "theme", "time_format"}
)  # fmt: skip

Check = Callable[[Any], tuple[Any, str | None]]


def normalize_slug(raw: str) -> str:
    return raw.strip().lower()


def slug_problem(slug: str) -> str | None:
    """A team slug follows the username rules (it names a page, /team/{slug})."""
    if not slug:
        return "must not be empty"
    if len(slug) > SLUG_MAX_LENGTH:
        return f"must be at most {SLUG_MAX_LENGTH} characters"
    if not USERNAME_PATTERN.fullmatch(slug):
        return (
            "may contain only letters, digits and single '.', '-' or '_' between them, "
            "and must start and end with a letter or digit"
        )
    return None


def _slug(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return value, "must be a string"
    slug = normalize_slug(value)
    return slug, slug_problem(slug)


def _text(max_length: int, *, allow_empty: bool) -> Check:
    def check(value: Any) -> tuple[Any, str | None]:
        if not isinstance(value, str):
            return value, "must be a string"
        value = value.strip()
        if not value and not allow_empty:
            return value, "must not be empty"
        if len(value) > max_length:
            return value, f"must be at most {max_length} characters"
        return value, None

    return check


def _url(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        return value, "must be an http(s) URL"
    if len(value) > URL_MAX_LENGTH:
        return value, f"must be at most {URL_MAX_LENGTH} characters"
    return value, None


def _color(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and HEX_COLOR.match(value):
        return value.lower(), None
    return value, "must be a hex colour such as #292929"


def _one_of(options: tuple[Any, ...], label: str) -> Check:
    def check(value: Any) -> tuple[Any, str | None]:
        if value in options and not isinstance(value, bool):
            return value, None
        return value, f"must be one of {label}"

    return check


def _time_zone(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str) and is_iana_time_zone(value):
        return value, None
    return value, "must be an IANA time zone such as Europe/London"


def _boolean(value: Any) -> tuple[Any, str | None]:
    return value, None if isinstance(value, bool) else "must be true or false"


def _metadata(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, dict):
        return value, "must be an object"
    if len(value) > METADATA_MAX_KEYS:
        return value, f"may hold at most {METADATA_MAX_KEYS} keys"
    return value, None


_CHECKS: dict[str, Check] = {
    "name": _text(NAME_MAX_LENGTH, allow_empty=False),
    "slug": _slug,
    "bio": _text(BIO_MAX_LENGTH, allow_empty=True),
    "logo_url": _url,
    "banner_url": _url,
    "cal_video_logo": _url,
    "app_logo": _url,
    "app_icon_logo": _url,
    "brand_color": _color,
    "dark_brand_color": _color,
    "theme": _one_of(THEMES, "light or dark (or null for the system's)"),
    "hide_branding": _boolean,
    "is_private": _boolean,
    "hide_book_a_team_member": _boolean,
    "time_format": _one_of((12, 24), "12 or 24"),
    "time_zone": _time_zone,
    "week_start": _one_of(WEEKDAYS, "Monday ... Sunday"),
    "team_metadata": _metadata,
}


def checked_settings(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` (attribute -> value) normalized; raises one Invalid naming every bad one."""
    problems: list[dict[str, str]] = []
    checked: dict[str, Any] = {}
    for attribute, value in values.items():
        if value is None:
            if attribute not in NULLABLE:
                problems.append({"field": attribute, "message": "must not be null"})
            checked[attribute] = None
            continue
        if _holds_nul(value):  # PostgreSQL text and JSONB cannot store U+0000
            problems.append({"field": attribute, "message": "must not contain NUL"})
            continue
        checked[attribute], problem = _CHECKS[attribute](value)
        if problem is not None:
            problems.append({"field": attribute, "message": problem})
    if problems:
        raise Invalid.fields(problems)
    return checked


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False
