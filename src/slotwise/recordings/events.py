"""What recordings publish: a recording became downloadable, a transcript was generated.
Each carries what a webhook needs of the booking, so subscribers never read it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RecordedBooking:
    id: int
    uid: str
    user_id: int
    event_type_id: int | None
    title: str
    start_time: datetime
    end_time: datetime


@dataclass(frozen=True, slots=True)
class RecordingReady:
    booking: RecordedBooking
    recording_id: str
    download_link: str | None
    duration: int | None
    at: datetime


@dataclass(frozen=True, slots=True)
class TranscriptGenerated:
    booking: RecordedBooking
    recording_id: str
    transcript_link: str
    download_link: str | None  # the recording's, when known
    at: datetime
