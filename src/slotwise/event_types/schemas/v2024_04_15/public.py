"""The legacy public reads a booking page makes: a user's event types, and one event type
with what the page needs."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from slotwise.event_types import booking_fields, locations
from slotwise.event_types.models import EventType
from slotwise.event_types.schemas.shared import (
    price_and_currency,
)
from slotwise.users.models import User


class PublicEventTypeSummaryLegacy(BaseModel):
    """GET /v2/event-types/{username}/public: one entry per event type on the page."""

    id: int
    length: int
    slug: str
    title: str
    description: str | None

    @classmethod
    def from_model(cls, event_type: EventType) -> PublicEventTypeSummaryLegacy:
        return cls(
            id=event_type.id,
            length=event_type.length_in_minutes,
            slug=event_type.slug,
            title=event_type.title,
            description=event_type.description,
        )


class PublicUserLegacy(BaseModel):
    id: int
    username: str | None
    name: str | None
    avatarUrl: str | None
    weekStart: str
    brandColor: str | None
    darkBrandColor: str | None
    theme: str | None

    @classmethod
    def from_model(cls, user: User) -> PublicUserLegacy:
        return cls(
            id=user.id,
            username=user.username,
            name=user.name,
            avatarUrl=user.avatar_url,
            weekStart=user.week_start,
            brandColor=user.brand_color,
            darkBrandColor=user.dark_brand_color,
            theme=user.theme,
        )


class PublicScheduleLegacy(BaseModel):
    id: int
    timeZone: str


class PublicEntityLegacy(BaseModel):
    fromRedirectOfNonOrgLink: bool
    considerUnpublished: bool
    orgSlug: str | None
    teamSlug: str | None
    name: str | None


class PublicEventLegacy(BaseModel):
    """GET /v2/event-types/{username}/{eventSlug}/public: what a booking page needs. Private
    location details and hidden booking fields are left out."""

    id: int
    title: str
    slug: str
    length: int
    description: str | None
    lengthInMinutesOptions: list[int]
    locations: list[dict[str, Any]]
    bookingFields: list[dict[str, Any]]
    owner: PublicUserLegacy
    users: list[PublicUserLegacy]
    schedule: PublicScheduleLegacy | None
    entity: PublicEntityLegacy
    isDynamic: bool
    hidden: bool
    price: int
    currency: str
    metadata: dict[str, Any]
    lockTimeZoneToggleOnBookingPage: bool
    requiresConfirmation: bool
    recurringEvent: dict[str, Any] | None
    seatsPerTimeSlot: int | None
    seatsShowAttendees: bool
    seatsShowAvailabilityCount: bool
    onlyShowFirstAvailableSlot: bool
    isInstantEvent: bool
    successRedirectUrl: str | None
    forwardParamsSuccessRedirect: bool
    bookerLayouts: dict[str, Any] | None

    @classmethod
    def from_model(
        cls, event_type: EventType, owner: User, schedule_id: int | None, time_zone: str | None
    ) -> PublicEventLegacy:
        price, currency = price_and_currency(event_type.event_metadata)
        person = PublicUserLegacy.from_model(owner)
        form = booking_fields.visible(
            booking_fields.with_required_fields(event_type.booking_fields)
        )
        return cls(
            id=event_type.id,
            title=event_type.title,
            slug=event_type.slug,
            length=event_type.length_in_minutes,
            description=event_type.description,
            lengthInMinutesOptions=list(event_type.length_in_minutes_options or []),
            locations=[locations.public_view(location) for location in event_type.locations],
            bookingFields=form,
            owner=person,
            users=[person],
            schedule=(
                PublicScheduleLegacy(id=schedule_id, timeZone=time_zone)
                if schedule_id is not None and time_zone is not None
                else None
            ),
            entity=PublicEntityLegacy(
                fromRedirectOfNonOrgLink=False,
                considerUnpublished=False,
                orgSlug=None,
                teamSlug=None,
                name=owner.name,
            ),
            isDynamic=False,
            hidden=event_type.hidden,
            price=price,
            currency=currency,
            metadata=dict(event_type.event_metadata or {}),
            lockTimeZoneToggleOnBookingPage=event_type.lock_time_zone_toggle,
            requiresConfirmation=event_type.requires_confirmation,
            recurringEvent=dict(event_type.recurrence) if event_type.recurrence else None,
            seatsPerTimeSlot=event_type.seats_per_slot,
            seatsShowAttendees=event_type.seats_show_attendees,
            seatsShowAvailabilityCount=event_type.seats_show_availability_count,
            onlyShowFirstAvailableSlot=event_type.only_show_first_available_slot,
            isInstantEvent=False,
            successRedirectUrl=event_type.success_redirect_url,
            forwardParamsSuccessRedirect=event_type.forward_params_success_redirect,
            bookerLayouts=event_type.booker_layouts,
        )
