"""/v2/me/ooo: the caller's out-of-office entries (version-neutral). Another person's
entry is a 404 like an unknown one."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query

from slotwise.auth.dependencies import CurrentUser
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.out_of_office import service
from slotwise.out_of_office.schemas import (
    CreateOutOfOfficeEntryInput,
    OutOfOfficeEntryOutput,
    UpdateOutOfOfficeEntryInput,
)

router = APIRouter(prefix="/v2/me/ooo", tags=["Me: out of office"], responses=V2_ERROR_RESPONSES)

Take = Annotated[int, Query(ge=1, le=250)]
Skip = Annotated[int, Query(ge=0, le=2**31 - 1)]
Sort = Annotated[Literal["asc", "desc"] | None, Query()]


@router.post("", status_code=201, response_model=SuccessEnvelope[OutOfOfficeEntryOutput])
def create_ooo_entry(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    body: CreateOutOfOfficeEntryInput = Body(),
) -> SuccessEnvelope[OutOfOfficeEntryOutput]:
    entry = service.create_entry(session, user, body.to_input(), now=now)
    return success(OutOfOfficeEntryOutput.of(entry))


@router.get("", response_model=SuccessEnvelope[list[OutOfOfficeEntryOutput]])
def list_ooo_entries(
    user: CurrentUser,
    session: ReadSessionDep,
    take: Take = 250,
    skip: Skip = 0,
    sortStart: Sort = None,
    sortEnd: Sort = None,
) -> SuccessEnvelope[list[OutOfOfficeEntryOutput]]:
    entries = service.list_entries(
        session, user, take=take, skip=skip, sort_start=sortStart, sort_end=sortEnd
    )
    return success([OutOfOfficeEntryOutput.of(e) for e in entries])


@router.get("/{oooId}", response_model=SuccessEnvelope[OutOfOfficeEntryOutput])
def get_ooo_entry(
    user: CurrentUser, session: ReadSessionDep, oooId: IdPath
) -> SuccessEnvelope[OutOfOfficeEntryOutput]:
    return success(OutOfOfficeEntryOutput.of(service.get_entry(session, user, oooId)))


@router.patch("/{oooId}", response_model=SuccessEnvelope[OutOfOfficeEntryOutput])
def update_ooo_entry(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    oooId: IdPath,
    body: UpdateOutOfOfficeEntryInput = Body(),
) -> SuccessEnvelope[OutOfOfficeEntryOutput]:
    entry = service.update_entry(session, user, oooId, body.to_input(), now=now)
    return success(OutOfOfficeEntryOutput.of(entry))


@router.delete("/{oooId}", response_model=SuccessEnvelope[OutOfOfficeEntryOutput])
def delete_ooo_entry(
    user: CurrentUser, session: WriteSessionDep, oooId: IdPath
) -> SuccessEnvelope[OutOfOfficeEntryOutput]:
    return success(OutOfOfficeEntryOutput.of(service.delete_entry(session, user, oooId)))
