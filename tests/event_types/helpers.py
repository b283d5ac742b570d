"""What the event-type tests share: version headers, the shapes' key sets, short calls."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.db import transaction
from slotwise.schedules.models import Schedule
from tests import spec
from tests.conftest import Account

CURRENT = "2024-06-14"
LEGACY = "2024-04-15"

# spec/api.md §3.4 for a personal event type, plus the 2024-06-14 keys Cal.com's output also
# carries (bookingUrl, disableCancelling, disableRescheduling, interfaceLanguage,
# allowRescheduling*, showOptimizedSlots). Team-only keys are not part of a personal one.
OUTPUT_KEYS = {
    "id", "ownerId", "lengthInMinutes", "lengthInMinutesOptions", "title", "slug",
    "description", "locations", "bookingFields", "disableGuests", "slotInterval",
    "minimumBookingNotice", "beforeEventBuffer", "afterEventBuffer", "recurrence", "metadata",
    "price", "currency", "lockTimeZoneToggleOnBookingPage", "seatsPerTimeSlot",
    "forwardParamsSuccessRedirect", "successRedirectUrl", "isInstantEvent",
    "seatsShowAvailabilityCount", "scheduleId", "bookingLimitsCount",
    "bookerActiveBookingsLimit", "onlyShowFirstAvailableSlot", "bookingLimitsDuration",
    "bookingWindow", "bookerLayouts", "confirmationPolicy", "requiresBookerEmailVerification",
    "hideCalendarNotes", "color", "seats", "offsetStart", "customName", "destinationCalendar",
    "useDestinationCalendarEmail", "hideCalendarEventDetails", "hideOrganizerEmail",
    "calVideoSettings", "hidden", "bookingRequiresAuthentication", "users",
    "bookingUrl", "disableCancelling", "disableRescheduling", "interfaceLanguage",
    "allowReschedulingPastBookings", "allowReschedulingCancelledBookings", "showOptimizedSlots",
}  # fmt: skip
# Read from spec/api.md §3.4 (tests/spec.py). The section lists team event types' keys beside
# a personal one's, in prose ("users[] (personal) / hosts[]", "parentEventTypeId (managed
# children)"); those are hand-named here as not part of a personal event type.
TEAM_ONLY_KEYS = ("teamId", "schedulingType", "assignAllTeamMembers", "hosts", "parentEventTypeId")
SPEC_OUTPUT_KEYS = spec.event_type().without(*TEAM_ONLY_KEYS).keys
# Keys Cal.com's 2024-06-14 output leaves out (undefined) when the event type has none: its
# output service answers an unset color, booker layouts, custom name (eventName), destination
# calendar and Cal Video settings as undefined, and lengthInMinutesOptions is
# metadata.multipleDuration, absent without several lengths.
LEFT_OUT_WHEN_UNSET = {
    "lengthInMinutesOptions", "bookerLayouts", "color", "customName", "destinationCalendar",
    "calVideoSettings",
}  # fmt: skip
USER_KEYS = {
    "id", "name", "username", "avatarUrl", "weekStart", "brandColor", "darkBrandColor",
    "metadata",
}  # fmt: skip
DELETED_KEYS = {"id", "lengthInMinutes", "title", "slug"}

# spec/legacy.md §1, "Event type object (legacy)": its declared keys.
LEGACY_KEYS = spec.legacy_event_type().keys
LEGACY_DELETED_KEYS = {"id", "length", "slug", "title"}
LEGACY_LIST_KEYS = {"eventTypeGroups", "profiles", "allUsersAcrossAllEventTypes"}
LEGACY_GROUP_KEYS = {
    "teamId", "bookerUrl", "membershipRole", "profile", "metadata", "eventTypes",
}  # fmt: skip
LEGACY_PROFILE_KEYS = {
    "slug", "name", "image", "membershipCount", "readOnly", "teamId", "membershipRole",
}  # fmt: skip
PUBLIC_SUMMARY_KEYS = {"id", "length", "slug", "title", "description"}


def headers(account: Account | None, version: str | None = CURRENT) -> dict[str, str]:
    base = dict(account.headers) if account else {}
    if version is not None:
        base["cal-api-version"] = version
    return base


def body(**fields: Any) -> dict[str, Any]:
    return {"lengthInMinutes": 30, "title": "Intro call", "slug": "intro-call", **fields}


def data(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    payload = response.json()
    assert payload["status"] == "success"
    return payload["data"]


def create(
    client: TestClient, account: Account, version: str | None = CURRENT, **fields: Any
) -> dict[str, Any]:
    """Creates an event type (201 expected) and returns its ``data``."""
    payload = fields if version != CURRENT else body(**fields)
    response = client.post("/v2/event-types", headers=headers(account, version), json=payload)
    result: dict[str, Any] = data(response, 201)
    return result


def get(
    client: TestClient, account: Account, event_type_id: int, version: str | None = CURRENT
) -> dict[str, Any]:
    response = client.get(f"/v2/event-types/{event_type_id}", headers=headers(account, version))
    result: dict[str, Any] = data(response)
    return result


def patch(
    client: TestClient,
    account: Account,
    event_type_id: int,
    version: str | None = CURRENT,
    **fields: Any,
) -> dict[str, Any]:
    response = client.patch(
        f"/v2/event-types/{event_type_id}", headers=headers(account, version), json=fields
    )
    result: dict[str, Any] = data(response)
    return result


def own_list(client: TestClient, account: Account) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = data(
        client.get("/v2/event-types", headers=headers(account, CURRENT))
    )
    return result


def assert_bad_request(response: Any, field: str) -> None:
    """A 400 in the v2 error envelope whose message and details name ``field``."""
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["status"] == "error"
    assert error["error"]["code"] == "BadRequestException"
    assert field in error["error"]["message"]
    details = error["error"].get("details") or []
    assert any(str(d["field"]).split(".")[0] == field.split(".")[0] for d in details), details


def make_schedule(app: FastAPI, account: Account, time_zone: str = "Europe/London") -> int:
    """A schedule row owned by ``account`` (the schedules API is tested on its own)."""
    with transaction(app.state.write_session_factory) as session:
        schedule = Schedule(user_id=account.id, name="Hours", time_zone=time_zone)
        session.add(schedule)
        session.flush()
        return schedule.id
