"""GET /v2/apps: the apps this server can install (its plugins), each with the caller's
credentials for it (never their keys). slotwise's own route: Cal.com lists apps in its web
app only. Installing and removing go through each kind's routes (/v2/calendars/...)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from slotwise.apps import service
from slotwise.apps.schemas import AppOutput
from slotwise.auth.dependencies import CurrentUser
from slotwise.http.deps import ReadSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.plugins import PluginKind

router = APIRouter(tags=["Apps"], responses=V2_ERROR_RESPONSES)


@router.get("/v2/apps", response_model=SuccessEnvelope[list[AppOutput]])
def list_apps(
    user: CurrentUser,
    session: ReadSessionDep,
    category: Annotated[PluginKind | None, Query()] = None,
) -> SuccessEnvelope[list[AppOutput]]:
    entries = service.catalog(session, user.id, category)
    credentials = service.installed(session, user.id)
    return success([AppOutput.of(entry, credentials) for entry in entries])
