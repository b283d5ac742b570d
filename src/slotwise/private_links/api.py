"""/v2/event-types/{eventTypeId}/private-links: the owner's private links of an event type
(version-neutral: any ``cal-api-version`` or none). Another user's event type is a 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path

from slotwise.auth.dependencies import CurrentUser
from slotwise.db import ReadSession
from slotwise.event_types import service as event_types
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.private_links import service
from slotwise.private_links.models import LINK_HASH_LENGTH
from slotwise.private_links.schemas import (
    CreatePrivateLinkInput,
    DeletedPrivateLinkOutput,
    PrivateLinkOutput,
    UpdatePrivateLinkInput,
)
from slotwise.users.models import User

router = APIRouter(
    prefix="/v2/event-types/{eventTypeId}/private-links",
    tags=["Event Types Private Links"],
    responses=V2_ERROR_RESPONSES,
)
LinkPath = Annotated[str, Path(max_length=LINK_HASH_LENGTH * 2, description="The link's hash")]


def _slug(session: ReadSession, user: User, event_type_id: int) -> str:
    return event_types.get_event_type(session, user, event_type_id).slug


@router.post("", status_code=201, response_model=SuccessEnvelope[PrivateLinkOutput])
def create_private_link(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    eventTypeId: IdPath,
    body: CreatePrivateLinkInput = Body(default_factory=CreatePrivateLinkInput),
) -> SuccessEnvelope[PrivateLinkOutput]:
    link = service.create_link(session, user, eventTypeId, body.to_settings(), now=now)
    slug = _slug(session, user, eventTypeId)
    return success(PrivateLinkOutput.of(link, slug=slug, base_url=settings.base_url, now=now))


@router.get("", response_model=SuccessEnvelope[list[PrivateLinkOutput]])
def list_private_links(
    user: CurrentUser,
    session: ReadSessionDep,
    settings: SettingsDep,
    now: NowDep,
    eventTypeId: IdPath,
) -> SuccessEnvelope[list[PrivateLinkOutput]]:
    links = service.list_links(session, user, eventTypeId)
    slug = _slug(session, user, eventTypeId)
    return success(
        [PrivateLinkOutput.of(x, slug=slug, base_url=settings.base_url, now=now) for x in links]
    )


@router.patch("/{linkId}", response_model=SuccessEnvelope[PrivateLinkOutput])
def update_private_link(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    eventTypeId: IdPath,
    linkId: LinkPath,
    body: UpdatePrivateLinkInput = Body(default_factory=UpdatePrivateLinkInput),
) -> SuccessEnvelope[PrivateLinkOutput]:
    link = service.update_link(session, user, eventTypeId, linkId, body.to_settings(), now=now)
    slug = _slug(session, user, eventTypeId)
    return success(PrivateLinkOutput.of(link, slug=slug, base_url=settings.base_url, now=now))


@router.delete("/{linkId}", response_model=SuccessEnvelope[DeletedPrivateLinkOutput])
def delete_private_link(
    user: CurrentUser, session: WriteSessionDep, eventTypeId: IdPath, linkId: LinkPath
) -> SuccessEnvelope[DeletedPrivateLinkOutput]:
    link = service.delete_link(session, user, eventTypeId, linkId)
    return success(DeletedPrivateLinkOutput(linkId=link.link, message="Private link deleted"))
