"""/v2/me: the caller's own profile (version-neutral: every cal-api-version gets this shape)."""

from __future__ import annotations

from fastapi import APIRouter

from slotwise.auth.dependencies import CurrentUser
from slotwise.errors import fields_named
from slotwise.http.deps import (
    NowDep,
    WriteSessionDep,
)
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.users import service
from slotwise.users.schemas import FIELD_NAMES, MeOutput, UpdateMeInput, profile_changes

router = APIRouter(prefix="/v2/me", tags=["Me"], responses=V2_ERROR_RESPONSES)


@router.get("", response_model=SuccessEnvelope[MeOutput])
def get_me(user: CurrentUser) -> SuccessEnvelope[MeOutput]:
    return success(MeOutput.from_model(user))


@router.patch("", response_model=SuccessEnvelope[MeOutput])
def update_me(
    body: UpdateMeInput, user: CurrentUser, session: WriteSessionDep, now: NowDep
) -> SuccessEnvelope[MeOutput]:
    with fields_named(FIELD_NAMES):
        updated = service.update_user(session, user, user, profile_changes(body), now=now)
    return success(MeOutput.from_model(updated))
