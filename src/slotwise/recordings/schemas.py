"""Shapes of ``GET /v2/bookings/{uid}/recordings`` (Cal.com's ``RecordingItem``) and of the
ingest route's answer."""

from __future__ import annotations

from pydantic import BaseModel

from slotwise.recordings.models import BookingRecording


class RecordingOutput(BaseModel):
    id: str
    roomName: str
    startTs: int | None
    status: str
    maxParticipants: int | None
    duration: int | None
    shareToken: str | None
    downloadLink: str | None = None
    error: str | None = None

    @classmethod
    def of(cls, recording: BookingRecording) -> RecordingOutput:
        return cls(
            id=recording.recording_id,
            roomName=recording.room_name,
            startTs=recording.start_ts,
            status=recording.status,
            maxParticipants=recording.max_participants,
            duration=recording.duration,
            shareToken=recording.share_token,
            downloadLink=recording.download_link,
            error=recording.error,
        )


class RecordingReceived(BaseModel):
    received: bool
    recordingId: str | None = None  # None: an event the app ignores
