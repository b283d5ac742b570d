"""v1 attendee routes (Cal.com's ``/v1/attendees``): ``?apiKey=`` auth, un-enveloped bodies,
``{"message"}`` errors, unknown body fields refused. The rules live in ``attendees.py``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from slotwise.auth.dependencies import CurrentUserV1
from slotwise.bookings import attendees as service
from slotwise.bookings.models import Attendee
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V1_ERROR_RESPONSES
from slotwise.http.inputs import V1Input
from slotwise.http.params import DatabaseId, IdPath
from slotwise.users.schemas import MessageV1

router = APIRouter(prefix="/v1", tags=["Attendees (v1)"], responses=V1_ERROR_RESPONSES)

# Client field name -> model attribute.
ATTRIBUTE_OF: dict[str, str] = {
    field: attribute for attribute, field in service.FIELD_NAMES.items()
}


def may_be_left_out() -> Any:
    """A field that may be left out but not sent as null (published as non-nullable)."""
    return Field(default=None)


class AttendeeV1Output(BaseModel):
    id: int
    bookingId: int
    name: str
    email: str
    timeZone: str
    locale: str | None
    phoneNumber: str | None
    noShow: bool

    @classmethod
    def from_model(cls, attendee: Attendee) -> AttendeeV1Output:
        return cls(
            id=attendee.id,
            bookingId=attendee.booking_id,
            name=attendee.name,
            email=attendee.email,
            timeZone=attendee.time_zone,
            locale=attendee.locale,
            phoneNumber=attendee.phone_number,
            noShow=attendee.no_show,
        )


class AttendeeV1Envelope(BaseModel):
    attendee: AttendeeV1Output


class CreatedAttendeeV1Envelope(AttendeeV1Envelope):
    message: str


class AttendeesV1Envelope(BaseModel):
    attendees: list[AttendeeV1Output]


class CreateAttendeeV1Input(V1Input):
    bookingId: DatabaseId
    email: str
    name: str
    timeZone: str
    locale: str = may_be_left_out()
    phoneNumber: str = may_be_left_out()


class UpdateAttendeeV1Input(V1Input):
    email: str = may_be_left_out()
    name: str = may_be_left_out()
    timeZone: str = may_be_left_out()
    locale: str = may_be_left_out()
    phoneNumber: str | None = None
    noShow: bool = may_be_left_out()

    def changes(self) -> dict[str, Any]:
        """The fields the client sent, keyed by model attribute."""
        sent = self.model_dump(include=self.model_fields_set)
        return {ATTRIBUTE_OF[field]: value for field, value in sent.items()}


@router.get("/attendees", response_model=AttendeesV1Envelope)
def list_attendees_v1(actor: CurrentUserV1, session: ReadSessionDep) -> AttendeesV1Envelope:
    """The attendees of the caller's bookings (an admin: every attendee), by id."""
    found = service.list_attendees(session, actor)
    return AttendeesV1Envelope(attendees=[AttendeeV1Output.from_model(a) for a in found])


@router.post("/attendees", status_code=201, response_model=CreatedAttendeeV1Envelope)
def create_attendee_v1(
    body: CreateAttendeeV1Input, actor: CurrentUserV1, session: WriteSessionDep, now: NowDep
) -> CreatedAttendeeV1Envelope:
    new = service.NewAttendee(
        booking_id=body.bookingId,
        name=body.name,
        email=body.email,
        time_zone=body.timeZone,
        locale=body.locale,
        phone_number=body.phoneNumber,
    )
    created = service.add_attendee(session, actor, new, now=now)
    return CreatedAttendeeV1Envelope(
        attendee=AttendeeV1Output.from_model(created), message="Attendee created successfully"
    )


@router.get("/attendees/{attendee_id}", response_model=AttendeeV1Envelope)
def get_attendee_v1(
    attendee_id: IdPath, actor: CurrentUserV1, session: ReadSessionDep
) -> AttendeeV1Envelope:
    attendee = service.get_attendee(session, actor, attendee_id)
    return AttendeeV1Envelope(attendee=AttendeeV1Output.from_model(attendee))


@router.patch("/attendees/{attendee_id}", response_model=AttendeeV1Envelope)
def update_attendee_v1(
    attendee_id: IdPath,
    body: UpdateAttendeeV1Input,
    actor: CurrentUserV1,
    session: WriteSessionDep,
    now: NowDep,
) -> AttendeeV1Envelope:
    updated = service.update_attendee(session, actor, attendee_id, body.changes(), now=now)
    return AttendeeV1Envelope(attendee=AttendeeV1Output.from_model(updated))


@router.delete("/attendees/{attendee_id}", response_model=MessageV1)
def delete_attendee_v1(
    attendee_id: IdPath, actor: CurrentUserV1, session: WriteSessionDep, now: NowDep
) -> MessageV1:
    service.remove_attendee(session, actor, attendee_id, now=now)
    return MessageV1(message=f"Attendee with id: {attendee_id} deleted successfully")
