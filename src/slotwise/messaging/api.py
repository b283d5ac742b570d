"""``POST /v2/workflows/sms/status``: where Twilio reports what became of a text message
(form-encoded, signed with ``X-Twilio-Signature``). Not for API clients: no key, and a
request without Twilio's signature is refused."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request

from slotwise.http.deps import NowDep, SettingsDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.messaging import service
from slotwise.messaging.providers import STATUS_CALLBACK_PATH

router = APIRouter(tags=["Workflows"], responses=V2_ERROR_RESPONSES)


async def posted_form(request: Request) -> dict[str, str]:
    return {key: str(value) for key, value in (await request.form()).items()}


@router.post(
    STATUS_CALLBACK_PATH,
    response_model=SuccessEnvelope[dict[str, str]],
    include_in_schema=False,  # Twilio's, not an API for clients
)
def sms_status_callback(
    form: Annotated[dict[str, str], Depends(posted_form)],
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    x_twilio_signature: str = Header(default=""),
) -> SuccessEnvelope[dict[str, str]]:
    receipt = service.record_status(session, settings, form, x_twilio_signature, now=now)
    return success({"messageSid": receipt.message_sid, "status": receipt.status})
