"""The legacy event type (Cal.com's stored names), the wrapped GET, what a delete answers
and the grouped list."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from pydantic import BaseModel

from slotwise.event_types import booking_fields, locations
from slotwise.event_types.models import EventType
from slotwise.event_types.schemas.shared import (
    price_and_currency,
)
from slotwise.http.envelope import format_instant
from slotwise.users.models import User


def _date_instant(day: date | None) -> str | None:
    """Cal.com stores period dates as instants at 00:00 UTC."""
    return None if day is None else format_instant(datetime.combine(day, time(0), tzinfo=UTC))


class EventTypeOutputLegacy(BaseModel):
    """The legacy event type object (spec/legacy.md §1): Cal.com's stored names."""

    id: int
    length: int
    slug: str
    title: str
    description: str | None
    hidden: bool
    locations: list[dict[str, Any]]
    position: int
    offsetStart: int
    userId: int
    profileId: int | None
    teamId: int | None
    eventName: str | None
    parentId: int | None
    bookingFields: list[dict[str, Any]]
    timeZone: str | None
    periodType: str
    periodStartDate: str | None
    periodEndDate: str | None
    periodDays: int | None
    periodCountCalendarDays: bool | None
    lockTimeZoneToggleOnBookingPage: bool
    requiresConfirmation: bool
    requiresBookerEmailVerification: bool
    recurringEvent: dict[str, Any] | None
    disableGuests: bool
    hideCalendarNotes: bool
    minimumBookingNotice: int
    beforeEventBuffer: int
    afterEventBuffer: int
    seatsPerTimeSlot: int | None
    onlyShowFirstAvailableSlot: bool
    seatsShowAttendees: bool
    seatsShowAvailabilityCount: bool
    schedulingType: str | None
    scheduleId: int | None
    price: int
    currency: str
    slotInterval: int | None
    metadata: dict[str, Any]
    successRedirectUrl: str | None
    bookingLimits: dict[str, Any]
    durationLimits: dict[str, Any]
    isInstantEvent: bool
    assignAllTeamMembers: bool
    useEventTypeDestinationCalendarEmail: bool
    secondaryEmailId: int | None

    @classmethod
    def from_model(cls, event_type: EventType) -> EventTypeOutputLegacy:
        return cls(**legacy_fields(event_type))


def legacy_fields(event_type: EventType) -> dict[str, Any]:
    price, currency = price_and_currency(event_type.event_metadata)
    metadata = dict(event_type.event_metadata or {})
    if event_type.length_in_minutes_options:
        metadata["multipleDuration"] = list(event_type.length_in_minutes_options)
    return {
        "id": event_type.id,
        "length": event_type.length_in_minutes,
        "slug": event_type.slug,
        "title": event_type.title,
        "description": event_type.description,
        "hidden": event_type.hidden,
        "locations": [locations.to_legacy(location) for location in event_type.locations],
        "position": event_type.position,
        "offsetStart": event_type.offset_start,
        "userId": event_type.owner_id,
        "profileId": None,
        "teamId": None,
        "eventName": event_type.custom_name,
        "parentId": None,
        "bookingFields": booking_fields.with_required_fields(event_type.booking_fields),
        "timeZone": event_type.time_zone,
        "periodType": event_type.period_type,
        "periodStartDate": _date_instant(event_type.period_start_date),
        "periodEndDate": _date_instant(event_type.period_end_date),
        "periodDays": event_type.period_days,
        "periodCountCalendarDays": event_type.period_count_calendar_days,
        "lockTimeZoneToggleOnBookingPage": event_type.lock_time_zone_toggle,
        "requiresConfirmation": event_type.requires_confirmation,
        "requiresBookerEmailVerification": event_type.requires_booker_email_verification,
        "recurringEvent": dict(event_type.recurrence) if event_type.recurrence else None,
        "disableGuests": event_type.disable_guests,
        "hideCalendarNotes": event_type.hide_calendar_notes,
        "minimumBookingNotice": event_type.minimum_booking_notice,
        "beforeEventBuffer": event_type.before_event_buffer,
        "afterEventBuffer": event_type.after_event_buffer,
        "seatsPerTimeSlot": event_type.seats_per_slot,
        "onlyShowFirstAvailableSlot": event_type.only_show_first_available_slot,
        "seatsShowAttendees": event_type.seats_show_attendees,
        "seatsShowAvailabilityCount": event_type.seats_show_availability_count,
        "schedulingType": None,
        "scheduleId": event_type.schedule_id,
        "price": price,
        "currency": currency,
        "slotInterval": event_type.slot_interval,
        "metadata": metadata,
        "successRedirectUrl": event_type.success_redirect_url,
        "bookingLimits": dict(event_type.booking_limits_count or {}),
        "durationLimits": dict(event_type.booking_limits_duration or {}),
        "isInstantEvent": False,
        "assignAllTeamMembers": False,
        "useEventTypeDestinationCalendarEmail": event_type.use_destination_calendar_email,
        "secondaryEmailId": None,
    }


class WrappedEventTypeLegacy(BaseModel):
    eventType: EventTypeOutputLegacy


class DeletedEventTypeOutputLegacy(BaseModel):
    id: int
    length: int
    slug: str
    title: str

    @classmethod
    def from_model(cls, event_type: EventType) -> DeletedEventTypeOutputLegacy:
        return cls(
            id=event_type.id,
            length=event_type.length_in_minutes,
            slug=event_type.slug,
            title=event_type.title,
        )


class LegacyProfile(BaseModel):
    slug: str | None
    name: str | None
    image: str


class LegacyGroupMetadata(BaseModel):
    membershipCount: int
    readOnly: bool


class EventTypeInGroupLegacy(EventTypeOutputLegacy):
    userIds: list[int]


class EventTypeGroupLegacy(BaseModel):
    teamId: int | None
    bookerUrl: str
    membershipRole: str | None
    profile: LegacyProfile
    metadata: LegacyGroupMetadata
    eventTypes: list[EventTypeInGroupLegacy]


class ProfileEntryLegacy(BaseModel):
    slug: str | None
    name: str | None
    image: str
    membershipCount: int
    readOnly: bool
    teamId: int | None
    membershipRole: str | None


class EventTypeGroupsLegacy(BaseModel):
    """GET /v2/event-types, legacy: the caller's group (teams would follow; there are none
    yet)."""

    eventTypeGroups: list[EventTypeGroupLegacy]
    profiles: list[ProfileEntryLegacy]
    allUsersAcrossAllEventTypes: dict[str, Any]

    @classmethod
    def for_user(
        cls, user: User, event_types: list[EventType], *, base_url: str
    ) -> EventTypeGroupsLegacy:
        profile = LegacyProfile(slug=user.username, name=user.name, image=user.avatar_url or "")
        metadata = LegacyGroupMetadata(membershipCount=1, readOnly=False)
        group = EventTypeGroupLegacy(
            teamId=None,
            bookerUrl=base_url.rstrip("/"),
            membershipRole=None,
            profile=profile,
            metadata=metadata,
            eventTypes=[
                EventTypeInGroupLegacy(**legacy_fields(event_type), userIds=[user.id])
                for event_type in event_types
            ],
        )
        entry = ProfileEntryLegacy(
            **profile.model_dump(), **metadata.model_dump(), teamId=None, membershipRole=None
        )
        return cls(eventTypeGroups=[group], profiles=[entry], allUsersAcrossAllEventTypes={})
