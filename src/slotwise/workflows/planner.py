"""Which reminders a booking change schedules: a subscriber to bookings' events that writes
outbox rows in the change's transaction (never called by bookings).

Each step of each workflow that applies to the booking (``repository.applying_to``) becomes
one row per recipient: kind ``workflow_email`` or ``workflow_sms``, topic ``workflow:<id>``,
the booking's id, and a snapshot of the booking as the change left it (the worker renders
the message from it, in the recipient's zone and language, without reading the booking).

- A change fires its trigger at once (created/confirmed -> NEW_EVENT, rescheduled ->
  RESCHEDULE_EVENT, cancelled -> EVENT_CANCELLED, requested -> BOOKING_REQUESTED, rejected ->
  BOOKING_REJECTED, no-show updated -> BOOKING_NO_SHOW_UPDATED).
- BEFORE_EVENT / AFTER_EVENT rows are due at the offset from the start / end, while the
  booking is accepted. Every later change drops the booking's rows still to come and writes
  them again from the new snapshot (a reschedule moves them to the new booking, a
  cancellation leaves none). A time already past when the row would be written is skipped:
  a reminder is never sent late.
- ``replan``: a workflow created, changed or (de)activated drops its rows still to come and
  writes them again for the accepted bookings not over yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.orm import Session

from slotwise.bookings import repository as bookings
from slotwise.bookings.events import BookingChanged, Change
from slotwise.bookings.models import BookingStatus
from slotwise.events import EventBus
from slotwise.outbox import service as outbox
from slotwise.teams import access
from slotwise.workflows import repository
from slotwise.workflows.models import (
    TIMED_TRIGGERS,
    Action,
    TimeUnit,
    Trigger,
    Workflow,
    WorkflowStep,
)

WORKFLOW_EMAIL_KIND = "workflow_email"
WORKFLOW_SMS_KIND = "workflow_sms"
KINDS = (WORKFLOW_EMAIL_KIND, WORKFLOW_SMS_KIND)

FIRED_BY: dict[Change, Trigger] = {
    Change.CREATED: Trigger.NEW_EVENT,
    Change.CONFIRMED: Trigger.NEW_EVENT,
    Change.RESCHEDULED: Trigger.RESCHEDULE_EVENT,
    Change.CANCELLED: Trigger.EVENT_CANCELLED,
    Change.REQUESTED: Trigger.BOOKING_REQUESTED,
    Change.REJECTED: Trigger.BOOKING_REJECTED,
    Change.NO_SHOW_UPDATED: Trigger.BOOKING_NO_SHOW_UPDATED,
}
_UNIT = {TimeUnit.DAY: "days", TimeUnit.HOUR: "hours", TimeUnit.MINUTE: "minutes"}
# Where a booker's phone number is found in the booking form's answers (Cal.com's names).
PHONE_ANSWERS = ("attendeePhoneNumber", "smsReminderNumber", "phone")


class Person(Protocol):
    """An attendee row or snapshot, a host row or snapshot: the attributes both have."""

    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def locale(self) -> str | None: ...


class BookingLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def uid(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str | None: ...
    @property
    def start_time(self) -> datetime: ...
    @property
    def end_time(self) -> datetime: ...
    @property
    def status(self) -> str: ...
    @property
    def location(self) -> str | None: ...
    @property
    def responses(self) -> Mapping[str, Any]: ...
    @property
    def booking_metadata(self) -> Mapping[str, Any]: ...
    @property
    def language(self) -> str: ...
    @property
    def cancellation_reason(self) -> str | None: ...
    @property
    def ics_uid(self) -> str: ...
    @property
    def ics_sequence(self) -> int: ...


def subscribe(bus: EventBus) -> None:
    bus.subscribe(BookingChanged, on_booking_changed)


def on_booking_changed(session: Session, event: BookingChanged) -> None:
    booking = event.booking
    if event.change not in (Change.CREATED, Change.REQUESTED):
        for booking_id in (booking.id, event.replaced_booking_id):
            if booking_id is not None:
                _drop_booking_rows(session, booking_id, now=event.at, why=event.change.value)
    workflows = repository.applying_to(
        session, host_id=booking.user_id, event_type_id=booking.event_type_id
    )
    if not workflows:
        return
    steps = repository.steps_of(session, [w.id for w in workflows])
    event_name = event.event_type.title if event.event_type is not None else booking.title
    snapshot = booking_context(booking, event.host, event.attendees, event_name, event.details)
    fired = FIRED_BY.get(event.change)
    for workflow in workflows:
        if fired is not None and workflow.trigger == fired.value:
            _enqueue_steps(
                session, workflow, steps[workflow.id], snapshot, due=event.at, now=event.at
            )
        elif booking.status == BookingStatus.ACCEPTED.value:
            _schedule_timed(session, workflow, steps[workflow.id], booking, snapshot, now=event.at)


def replan(
    session: Session,
    workflow: Workflow,
    steps: Sequence[WorkflowStep],
    event_type_ids: Sequence[int],
    *,
    now: datetime,
) -> int:
    """Drop what the workflow scheduled and schedule it again for the accepted bookings not
    over yet that it is active on; returns how many rows were written."""
    drop_reminders(session, workflow.id, now=now)
    if Trigger(workflow.trigger) not in TIMED_TRIGGERS:
        return 0
    hosts: list[int] = []
    if workflow.active_on_all:
        hosts = (
            [workflow.user_id]
            if workflow.user_id is not None
            else access.accepted_member_ids(session, workflow.team_id or 0)
        )
    upcoming = bookings.upcoming_accepted(
        session, now=now, host_ids=hosts, event_type_ids=[] if hosts else event_type_ids
    )
    written = 0
    for booking in upcoming:
        host = bookings.host_of(session, booking)
        attendees = bookings.attendees_of(session, [booking.id])[booking.id]
        event_type = bookings.event_type_of(session, booking)
        name = event_type.title if event_type is not None else booking.title
        snapshot = booking_context(booking, host, attendees, name, {})
        written += _schedule_timed(session, workflow, steps, booking, snapshot, now=now)
    return written


def drop_reminders(session: Session, workflow_id: int, *, now: datetime) -> int:
    return outbox.cancel_future_of_topic(
        session, topic_of(workflow_id), now=now, reason="the workflow changed or was deleted"
    )


def topic_of(workflow_id: int) -> str:
    return f"workflow:{workflow_id}"


def due_time(workflow: Workflow, start: datetime, end: datetime) -> datetime | None:
    """When a BEFORE_EVENT / AFTER_EVENT step runs: an exact duration from the start or the
    end (UTC arithmetic: "24 hours before" is 24 real hours, across a DST change too)."""
    if workflow.time is None or workflow.time_unit is None:
        return None
    offset = timedelta(**{_UNIT[TimeUnit(workflow.time_unit)]: workflow.time})
    if workflow.trigger == Trigger.BEFORE_EVENT.value:
        return start - offset
    if workflow.trigger == Trigger.AFTER_EVENT.value:
        return end + offset
    return None


def _drop_booking_rows(session: Session, booking_id: int, *, now: datetime, why: str) -> None:
    for kind in KINDS:
        outbox.cancel_future(
            session, booking_id, now=now, kind=kind, reason=f"replaced by the booking's {why}"
        )


def _schedule_timed(
    session: Session,
    workflow: Workflow,
    steps: Sequence[WorkflowStep],
    booking: BookingLike,
    snapshot: dict[str, Any],
    *,
    now: datetime,
) -> int:
    due = due_time(workflow, booking.start_time, booking.end_time)
    if due is None or due <= now:
        return 0  # never late: a reminder whose time has passed is not sent
    return _enqueue_steps(session, workflow, steps, snapshot, due=due, now=now)


def _enqueue_steps(
    session: Session,
    workflow: Workflow,
    steps: Sequence[WorkflowStep],
    snapshot: dict[str, Any],
    *,
    due: datetime,
    now: datetime,
) -> int:
    written = 0
    for step in steps:
        action = Action(step.action)
        for recipient in recipients(step, snapshot):
            payload = {
                "workflowId": workflow.id,
                "stepId": step.id,
                "trigger": workflow.trigger,
                "action": action.value,
                "template": step.template,
                "subject": step.email_subject,
                "body": step.reminder_body,
                "sender": step.sender,
                "includeCalendarEvent": step.include_calendar_event,
                "to": recipient,
                "booking": snapshot,
            }
            outbox.enqueue(
                session,
                WORKFLOW_EMAIL_KIND if action.by_email else WORKFLOW_SMS_KIND,
                payload,
                now=now,
                due_at=due,
                booking_id=snapshot["id"],
                topic=topic_of(workflow.id),
            )
            written += 1
    return written


def recipients(step: WorkflowStep, snapshot: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Who one step writes to: the host, every attendee, or the step's verified address or
    number (read in the host's zone and language). An attendee without a phone number gets
    no text."""
    action = Action(step.action)
    host = snapshot["organizer"]
    if action in (Action.EMAIL_HOST,):
        return [dict(host)]
    if action in (Action.EMAIL_ADDRESS, Action.SMS_NUMBER, Action.SMS_HOST, Action.WHATSAPP_NUMBER):
        key = "email" if action.by_email else "phone"
        return [{**host, "name": "", key: step.send_to}] if step.send_to else []
    people = [dict(a) for a in snapshot["attendees"]]
    if action is Action.EMAIL_ATTENDEE:
        return people
    return [p for p in people if p.get("phone")]


def booking_context(
    booking: BookingLike,
    host: Any,
    attendees: Iterable[Any],
    event_name: str,
    details: Mapping[str, Any],
) -> dict[str, Any]:
    """What a reminder says about the booking, frozen at the change."""
    answers = dict(booking.responses or {})
    answered = next((answers[k] for k in PHONE_ANSWERS if isinstance(answers.get(k), str)), None)
    people = []
    for a in attendees:
        phone = getattr(a, "phone_number", None) or answered
        people.append(
            {
                "name": a.name,
                "email": a.email,
                "timeZone": a.time_zone,
                "language": a.locale or booking.language,
                "timeFormat": getattr(a, "time_format", None),
                **({"phone": phone} if phone else {}),
            }
        )
    return {
        "id": booking.id,
        "uid": booking.uid,
        "title": booking.title,
        "eventName": event_name,
        "description": booking.description,
        "start": booking.start_time.isoformat(),
        "end": booking.end_time.isoformat(),
        "status": booking.status,
        "location": booking.location,
        "meetingUrl": (booking.booking_metadata or {}).get("videoCallUrl"),
        "responses": answers,
        "cancellationReason": details.get("reason") or booking.cancellation_reason,
        "icsUid": booking.ics_uid,
        "icsSequence": booking.ics_sequence,
        "organizer": {
            "name": host.name,
            "email": host.email,
            "timeZone": host.time_zone,
            "language": host.locale or "en",
            "timeFormat": host.time_format,
        },
        "attendees": people,
        "guests": [],
    }
