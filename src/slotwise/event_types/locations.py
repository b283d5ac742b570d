"""Where an event takes place, in its two API shapes.

Stored: the 2024-06-14 shape (spec §3.2), e.g. ``{"type": "integration", "integration":
"cal-video"}`` or ``{"type": "address", "address": "...", "public": true}``.
Legacy (2024-04-15) clients read and write Cal.com's stored shape instead: ``{"type":
"inPerson", "address", "displayLocationPublicly"}``, ``{"type": "integrations:daily"}`` ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

CAL_VIDEO = {"type": "integration", "integration": "cal-video"}
# Conferencing apps an event type may name, and Cal.com's internal location type for each.
INTEGRATION_TYPES = {
    "cal-video": "integrations:daily",
    "google-meet": "integrations:google:meet",
    "office365-video": "integrations:office365_video",
    "zoom": "integrations:zoom",
}
INTEGRATION_OF = {internal: name for name, internal in INTEGRATION_TYPES.items()}
# Apps every user has without installing anything. Until the apps domain exists, the other
# integrations cannot be installed, so naming them is a 400 (Cal.com: only installed apps).
INSTALLED_BY_DEFAULT = frozenset({"cal-video"})
# Booker-supplied locations: 2024-06-14 type <-> Cal.com's internal type.
ATTENDEE_TYPES = {
    "attendeeAddress": "attendeeInPerson",
    "attendeePhone": "phone",
    "attendeeDefined": "somewhereElse",
}
ATTENDEE_TYPE_OF = {internal: api for api, internal in ATTENDEE_TYPES.items()}
LEGACY_TYPES = (
    "inPerson",
    "link",
    "userPhone",
    *INTEGRATION_TYPES.values(),
    *ATTENDEE_TYPES.values(),
)
E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def to_legacy(location: Mapping[str, Any]) -> dict[str, Any]:
    """A stored location in Cal.com's internal shape (what legacy clients read)."""
    kind = location.get("type")
    if kind == "address":
        return {
            "type": "inPerson",
            "address": location.get("address"),
            "displayLocationPublicly": bool(location.get("public")),
        }
    if kind == "link":
        return {
            "type": "link",
            "link": location.get("link"),
            "displayLocationPublicly": bool(location.get("public")),
        }
    if kind == "phone":
        return {
            "type": "userPhone",
            "hostPhoneNumber": location.get("phone"),
            "displayLocationPublicly": bool(location.get("public")),
        }
    if kind == "integration":
        integration = str(location.get("integration"))
        return {"type": INTEGRATION_TYPES.get(integration, f"integrations:{integration}")}
    if kind in ATTENDEE_TYPES:
        return {"type": ATTENDEE_TYPES[kind]}
    return dict(location)


def from_legacy(location: Mapping[str, Any]) -> dict[str, Any]:
    """A legacy (internal-shape) location, already validated, in the stored shape."""
    kind = location["type"]
    public = bool(location.get("displayLocationPublicly", False))
    if kind == "inPerson":
        return {"type": "address", "address": location["address"], "public": public}
    if kind == "link":
        return {"type": "link", "link": location["link"], "public": public}
    if kind == "userPhone":
        return {"type": "phone", "phone": location["hostPhoneNumber"], "public": public}
    if kind in INTEGRATION_OF:
        return {"type": "integration", "integration": INTEGRATION_OF[kind]}
    return {"type": ATTENDEE_TYPE_OF[kind]}


def public_view(location: Mapping[str, Any]) -> dict[str, Any]:
    """A legacy-shape location as a booker may see it: an address, link or phone number the
    host did not make public is left out (Cal.com's public event does the same)."""
    shown = to_legacy(location)
    if not shown.get("displayLocationPublicly", True):
        for private in ("address", "link", "hostPhoneNumber"):
            shown.pop(private, None)
    return shown


def integration_problem(integration: str) -> str | None:
    if integration in INSTALLED_BY_DEFAULT:
        return None
    return f"the {integration} app is not installed (available: cal-video)"


# How people read an integration's location (booking pages, emails).
INTEGRATION_NAMES = {
    "cal-video": "Cal Video",
    "google-meet": "Google Meet",
    "zoom": "Zoom",
    "office365-video": "Microsoft Teams",
}
TO_BE_CONFIRMED = "To be confirmed by the host"


def readable_location(location: str | None) -> str | None:
    """A booking's stored location (``integrations:zoom``, an address, a link, a number) as a
    person reads it, the same on pages, in emails, calendar files and webhooks; None when the
    booking names no place."""
    if not location:
        return None
    if location.startswith("integrations:"):
        integration = INTEGRATION_OF.get(location, location.removeprefix("integrations:"))
        return INTEGRATION_NAMES.get(integration, integration)
    return location


def describe_booking_location(location: str | None) -> str:
    """What a page says about where, saying so when the booking names no place yet."""
    return readable_location(location) or TO_BE_CONFIRMED
