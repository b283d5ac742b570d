"""Turning an email row's payload into a MIME message: subject, plain text, HTML and ICS.

multipart/mixed
  multipart/alternative: text/plain, text/html (both from templates/booking.*.j2)
  text/calendar; method=REQUEST|CANCEL (invite.ics), when the change moves a calendar entry
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from slotwise.emails import i18n, ics
from slotwise.emails.headers import check_header_lines, header_text, mailbox
from slotwise.event_types.locations import readable_location

# Attendees of a live booking get links to change it; nobody gets them once it is over.
_MANAGEABLE = {
    "scheduled",
    "awaiting",
    "awaiting_payment",
    "confirmed",
    "rescheduled",
    "location_changed",
    "people_added",
}
_WITH_REASON = {"cancelled", "declined", "rescheduled"}


@cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("slotwise.emails", "templates"),
        autoescape=select_autoescape(["html.j2"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def templates() -> Environment:
    """The email templates (booking and team invitation emails share one environment)."""
    return _templates()


def message_id(row_id: int, base_url: str) -> str:
    """The same on every retry of one row, so a receiver can tell a repeat from a new mail."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"<outbox-{row_id}@{host}>"


def page_links(
    uid: str, seat: str | None, base_url: str, labels: dict[str, str]
) -> list[tuple[str, str]]:
    """The booking pages' links (view, reschedule, cancel); a seat is named by its own uid."""
    seat_query = f"seat={seat}" if seat else ""
    return [
        (labels["view"], f"{base_url}/booking/{uid}" + (f"?{seat_query}" if seat else "")),
        (labels["reschedule"], f"{base_url}/reschedule/{uid}" + (f"?{seat_query}" if seat else "")),
        (
            labels["cancel"],
            f"{base_url}/booking/{uid}?cancel=true" + (f"&{seat_query}" if seat else ""),
        ),
    ]


def reader_times(
    booking: dict[str, Any], template: str, recipient: dict[str, Any]
) -> dict[str, Any]:
    """The booking's times as this reader reads them: in their zone, language and clock
    (12, 24, or None for their language's custom)."""
    zone, language = recipient.get("timeZone"), recipient.get("language")
    clock = recipient.get("timeFormat")

    def span(start: str, end: str) -> str:
        return i18n.long_span(
            datetime.fromisoformat(start), datetime.fromisoformat(end), zone, language, clock
        )

    moved = booking.get("previousStart") and template == "rescheduled"
    return {
        "subject_date": i18n.short_when(
            datetime.fromisoformat(booking["start"]), zone, language, clock
        ),
        "when": span(booking["start"], booking["end"]),
        "previously": span(booking["previousStart"], booking["previousEnd"]) if moved else None,
        # A change to several occurrences of a series at once: every one of them.
        "occurrences": [span(o["start"], o["end"]) for o in booking.get("occurrences") or []],
    }


def compose(
    payload: dict[str, Any], *, row_id: int, sender: str, base_url: str, now: datetime
) -> EmailMessage:
    booking = payload["booking"]
    recipient = payload["to"]
    template, role, method = payload["template"], payload["role"], payload.get("ics")
    language = recipient.get("language")
    times = reader_times(booking, template, recipient)

    subject_pattern, headline = i18n.texts(template, role, language)
    subject = subject_pattern.format(title=booking["title"], date=times.pop("subject_date"))
    labels = i18n.labels(language)
    links = page_links(booking["uid"], recipient.get("seatUid"), base_url, labels)
    booking_url = links[0][1]
    if not (role == "attendee" and template in _MANAGEABLE):
        links = links[:1]  # only an attendee of a live booking may change it
    if template == "awaiting_payment":  # the booking page's pay step (payments domain)
        links = [(labels.get("pay", "Pay now"), f"{base_url}/booking/{booking['uid']}/pay")]
        links += page_links(booking["uid"], None, base_url, labels)[2:]
    organizer = booking["organizer"]
    people = [{"name": organizer["name"], "email": organizer["email"], "organizer": True}]
    # A team booking's other hosts are hosts too (as Cal.com lists its team members).
    people += [
        {"name": m["name"], "email": m["email"], "organizer": True}
        for m in booking.get("teamMembers", [])
    ]
    people += [{**a, "organizer": False} for a in booking.get("attendees", [])]
    if template == "seat_cancelled" and booking.get("changedSeat"):
        people.append({**booking["changedSeat"], "organizer": False})
    calendar_note = None
    if method:
        calendar_note = labels["cancelled_calendar" if method == "CANCEL" else "calendar"]
    context = {
        "language": i18n.language_of(language),
        "subject": subject,
        "headline": headline,
        "L": labels,
        "title": booking["title"],
        **times,
        "people": people,
        "location": readable_location(booking.get("location")),
        "description": booking.get("description"),
        "reason": booking.get("reason")
        if template in ("cancelled", "declined", "rescheduled")
        else None,
        "links": links,
        "calendar_note": calendar_note,
    }

    message = EmailMessage()
    # Names and titles are typed by people: header_text keeps each on its own line.
    message["Subject"] = header_text(subject)
    message["From"] = sender
    message["To"] = mailbox(recipient.get("name"), recipient["email"])
    message["Reply-To"] = mailbox(organizer["name"], organizer["email"])
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(row_id, base_url)
    message["X-Slotwise-Booking-Uid"] = booking["uid"]
    message.set_content(_templates().get_template("booking.txt.j2").render(context))
    message.add_alternative(
        _templates().get_template("booking.html.j2").render(context), subtype="html"
    )
    if method:
        invite = ics.invitation(booking, method=method, stamp=now, manage_url=booking_url)
        message.add_attachment(
            invite,
            maintype="text",
            subtype="calendar",
            filename="invite.ics",
            params={"method": method},
        )
    check_header_lines(message)
    return message
