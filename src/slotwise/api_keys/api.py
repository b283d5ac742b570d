"""POST /v2/api-keys/refresh: swap the key you are holding for a new one."""

from __future__ import annotations

from fastapi import APIRouter, Body

from slotwise.api_keys import service
from slotwise.api_keys.dependencies import CurrentCaller
from slotwise.api_keys.schemas import ApiKeyOutput, RefreshApiKeyInput
from slotwise.http.deps import (
    NowDep,
    WriteSessionDep,
)
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success

router = APIRouter(prefix="/v2/api-keys", tags=["Api Keys"], responses=V2_ERROR_RESPONSES)


@router.post("/refresh", response_model=SuccessEnvelope[ApiKeyOutput])
def refresh_api_key(
    caller: CurrentCaller,
    session: WriteSessionDep,
    now: NowDep,
    body: RefreshApiKeyInput = Body(default_factory=RefreshApiKeyInput),
) -> SuccessEnvelope[ApiKeyOutput]:
    """A new key (valid apiKeyDaysValid days, default 30, or forever); the presented key is
    deleted. The new key is in this response only."""
    issued = service.refresh_key(
        session,
        caller,
        now=now,
        days_valid=body.apiKeyDaysValid,
        never_expires=body.apiKeyNeverExpires,
    )
    return success(ApiKeyOutput(apiKey=issued.secret))
