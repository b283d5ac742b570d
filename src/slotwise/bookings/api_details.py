"""Read-only sub-resources of one booking (2024-08-13): ``/calendar-links`` and
``/attendees``. Like reading the booking, they need no key: its uid is the secret link."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from slotwise.bookings import reads
from slotwise.bookings.api import CurrentOnly
from slotwise.bookings.calendar_links import calendar_links
from slotwise.bookings.schemas.details import CalendarLinkOutput
from slotwise.bookings.schemas.v2024_08_13 import (
    BookingAttendee_2024_08_13,
    BookingOutput_2024_08_13,
)
from slotwise.bookings.views import BookingView, visible_to
from slotwise.errors import NotFound
from slotwise.http.bodies import respond
from slotwise.http.deps import ReadSessionDep, SettingsDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, documented
from slotwise.slots.api import OptionalCaller

router = APIRouter(prefix="/v2/bookings", tags=["Bookings"], responses=V2_ERROR_RESPONSES)


def _one_booking(session: ReadSessionDep, uid: str) -> BookingView:
    """The booking with exactly this uid (a series' recurring uid names many: not here)."""
    views = [view for view in reads.get_booking(session, uid) if view.booking.uid == uid]
    if not views:
        raise NotFound(f"Booking with uid={uid} not found")
    return views[0]


@router.get(
    "/{bookingUid}/calendar-links",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[list[CalendarLinkOutput]], "Google, Outlook, Office and ICS links"
    ),
)
def get_calendar_links(
    version: CurrentOnly, bookingUid: str, session: ReadSessionDep, settings: SettingsDep
) -> JSONResponse:
    booking = _one_booking(session, bookingUid).booking
    ics_url = f"{settings.base_url.rstrip('/')}/booking/{booking.uid}/ics"
    links = calendar_links(booking, ics_url=ics_url)
    return respond([CalendarLinkOutput.of(link) for link in links])


@router.get(
    "/{bookingUid}/attendees",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[list[BookingAttendee_2024_08_13]], "The booking's attendees"
    ),
)
def list_booking_attendees(
    version: CurrentOnly, bookingUid: str, session: ReadSessionDep, caller: OptionalCaller
) -> JSONResponse:
    # The booking's own output decides who may be seen (a seat holder sees their seat).
    view = visible_to(_one_booking(session, bookingUid), caller)
    return respond(BookingOutput_2024_08_13.from_view(view).attendees)
