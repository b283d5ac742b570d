"""``GET /v2/bookings/{bookingUid}/recordings`` and ``/transcripts`` (the booking's hosts and
its team's admins), and ``POST /v2/conferencing/{appSlug}/recordings/webhook``: where a
conferencing provider posts its signed recording events (no API key: the signature is the
credential; a forged, tampered or stale one is a 401)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from slotwise.auth.dependencies import OptionalCurrentUser
from slotwise.errors import Invalid, NotFound, Unauthorized
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.plugins import SignatureRefused, find_plugin
from slotwise.recordings import service
from slotwise.recordings.schemas import RecordingOutput, RecordingReceived

router = APIRouter(tags=["Bookings"], responses=V2_ERROR_RESPONSES)


async def raw_body(request: Request) -> bytes:
    return await request.body()


def request_headers(request: Request) -> dict[str, str]:
    return dict(request.headers)


@router.get(
    "/v2/bookings/{bookingUid}/recordings",
    response_model=SuccessEnvelope[list[RecordingOutput]],
)
def list_booking_recordings(
    bookingUid: str, caller: OptionalCurrentUser, session: ReadSessionDep
) -> SuccessEnvelope[list[RecordingOutput]]:
    """The meeting's recordings (an empty list when there are none)."""
    recordings = service.recordings_of_booking(session, caller, bookingUid)
    return success([RecordingOutput.of(r) for r in recordings])


@router.get("/v2/bookings/{bookingUid}/transcripts", response_model=SuccessEnvelope[list[str]])
def list_booking_transcripts(
    bookingUid: str, caller: OptionalCurrentUser, session: ReadSessionDep
) -> SuccessEnvelope[list[str]]:
    """The download links of the meeting's transcripts (an empty list when there are none)."""
    return success(service.transcripts_of_booking(session, caller, bookingUid))


@router.post(
    "/v2/conferencing/{appSlug}/recordings/webhook",
    response_model=SuccessEnvelope[RecordingReceived],
    include_in_schema=False,  # the provider's callback, not an API for clients
)
def receive_recording_webhook(
    appSlug: str,
    body: Annotated[bytes, Depends(raw_body)],
    headers: Annotated[dict[str, str], Depends(request_headers)],
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> SuccessEnvelope[RecordingReceived]:
    """A conferencing provider's signed recording event (see the app's plugin)."""
    plugin = find_plugin(appSlug)
    hooks = plugin.recording_webhooks() if plugin is not None else None
    secret = settings.conferencing_webhook_secrets.get(appSlug)
    if plugin is None or hooks is None or secret is None:
        raise NotFound(f"App with slug={appSlug} takes no recording webhooks here")
    try:
        report = hooks.recording_from_webhook(secret.get_secret_value(), headers, body, now=now)
    except SignatureRefused as exc:
        raise Unauthorized(str(exc)) from exc
    except ValueError as exc:
        raise Invalid.field("body", str(exc)) from exc
    if report is None:
        return success(RecordingReceived(received=True))
    recording = service.report_recording(session, plugin, report, now=now)
    return success(RecordingReceived(received=True, recordingId=recording.recording_id))
