"""Recordings and transcripts of a booking's video meeting.

``report_recording`` is the plugin-facing door: a conferencing plugin (or the ingest route
reading its provider's signed webhook) reports a recording; the first report that makes it
downloadable publishes ``RecordingReady`` and each new transcript ``TranscriptGenerated``
(webhooks RECORDING_READY and RECORDING_TRANSCRIPTION_GENERATED). A report repeated
changes nothing and publishes nothing.

Reads are for the booking's hosts (its organizer and a team booking's other hosts) and the
admins of the team whose event type it is: a recording shows the meeting itself. Everyone
else with a key gets 403, as for the booking's other host-only routes (the uid is the
attendee's link, so "not yours" tells nothing new)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slotwise.booking_references import repository as references
from slotwise.bookings import repository as bookings
from slotwise.bookings.access import is_searchable
from slotwise.bookings.models import Booking
from slotwise.db import ReadSession
from slotwise.errors import Forbidden, NotFound, Unauthorized
from slotwise.events import publish
from slotwise.plugins import Plugin, RecordingReport
from slotwise.recordings import repository
from slotwise.recordings.events import RecordedBooking, RecordingReady, TranscriptGenerated
from slotwise.recordings.models import BookingRecording
from slotwise.teams import access as team_access
from slotwise.teams.models import MembershipRole
from slotwise.users.models import User

_FIELDS = (
    "status", "start_ts", "duration", "max_participants", "share_token", "download_link",
    "error",
)  # fmt: skip


def report_recording(
    session: Session, plugin: Plugin, report: RecordingReport, *, now: datetime
) -> BookingRecording:
    """Records (or completes) what ``plugin``'s provider says of a recording, in the
    caller's transaction. 404 when no booking has that room."""
    booking = _booking_of_room(session, plugin, report.room_name)
    recording = repository.by_provider_id(session, plugin.slug, report.recording_id)
    if recording is None:
        recording = BookingRecording(
            booking_id=booking.id,
            provider=plugin.slug,
            recording_id=report.recording_id,
            room_name=report.room_name,
            status=report.status or "finished",
            transcript_links=[],
            created_at=now,
            updated_at=now,
        )
        recording = _inserted_or_theirs(session, recording)
    was_ready = recording.download_link is not None
    for name in _FIELDS:
        value = getattr(report, name)
        if value is not None:
            setattr(recording, name, value)
    new_transcript = report.transcript_link is not None and report.transcript_link not in (
        recording.transcript_links or []
    )
    if new_transcript:
        recording.transcript_links = [*(recording.transcript_links or []), report.transcript_link]
    recording.updated_at = now
    session.flush()
    recorded = _recorded(booking)
    if not was_ready and recording.download_link is not None:
        publish(
            session,
            RecordingReady(
                recorded, recording.recording_id, recording.download_link, recording.duration, now
            ),
        )
    if new_transcript and report.transcript_link is not None:
        publish(
            session,
            TranscriptGenerated(
                recorded, recording.recording_id, report.transcript_link,
                recording.download_link, now,
            ),
        )  # fmt: skip
    return recording


def recordings_of_booking(
    session: ReadSession, caller: User | None, uid: str
) -> list[BookingRecording]:
    booking = _readable_booking(session, caller, uid)
    return repository.of_booking(session, booking.id)


def transcripts_of_booking(session: ReadSession, caller: User | None, uid: str) -> list[str]:
    """Every transcript's download link, recording by recording (empty if none)."""
    return [
        str(link)
        for recording in recordings_of_booking(session, caller, uid)
        for link in recording.transcript_links or []
    ]


def _readable_booking(session: ReadSession, caller: User | None, uid: str) -> Booking:
    if caller is None:
        raise Unauthorized("Reading a booking's recordings needs a host's API key")
    booking = bookings.by_uid(session, uid) if is_searchable(uid) else None
    if booking is None:
        raise NotFound(f"Booking with uid={uid} not found")
    if booking.user_id == caller.id:
        return booking
    if caller.id in bookings.other_host_ids(session, [booking.id])[booking.id]:
        return booking
    event_type = bookings.event_type_of(session, booking)
    if (
        event_type is not None
        and event_type.team_id is not None
        and team_access.has_role(session, event_type.team_id, caller.id, MembershipRole.ADMIN)
    ):
        return booking
    raise Forbidden("Only the booking's hosts and its team's admins may read its recordings")


def _inserted_or_theirs(session: Session, recording: BookingRecording) -> BookingRecording:
    """The new row, or the one a racing first report of the same recording committed first
    (PostgreSQL: the insert waits for it, then breaks the unique constraint)."""
    try:
        with session.begin_nested():
            session.add(recording)
            session.flush()
    except IntegrityError:
        theirs = repository.by_provider_id(session, recording.provider, recording.recording_id)
        if theirs is None:
            raise
        return theirs
    return recording


def _booking_of_room(session: Session, plugin: Plugin, room_name: str) -> Booking:
    booking_id = references.booking_id_of_external(session, plugin.type, room_name)
    booking = session.get(Booking, booking_id) if booking_id is not None else None
    if booking is None and is_searchable(room_name):
        booking = bookings.by_uid(session, room_name)
    if booking is None:
        raise NotFound(f"No booking has the meeting room {room_name}")
    return booking


def _recorded(booking: Booking) -> RecordedBooking:
    return RecordedBooking(
        id=booking.id,
        uid=booking.uid,
        user_id=booking.user_id,
        event_type_id=booking.event_type_id,
        title=booking.title,
        start_time=booking.start_time,
        end_time=booking.end_time,
    )
