"""Who is calling. v2 reads ``Authorization`` (with or without ``Bearer ``, as Cal.com
accepts); v1 reads the ``apiKey`` query parameter. Both end in the same key check."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from slotwise.api_keys import service as api_keys
from slotwise.http.deps import NowDep, SessionDep
from slotwise.users.models import User

BEARER = "bearer "


def key_from_authorization(header: str | None) -> str | None:
    if header is None:
        return None
    header = header.strip()
    if header[: len(BEARER)].lower() == BEARER:
        header = header[len(BEARER) :].strip()
    return header or None


def current_caller_v2(request: Request, session: SessionDep, now: NowDep) -> api_keys.Caller:
    presented = key_from_authorization(request.headers.get("authorization"))
    return api_keys.authenticate_caller(session, presented, now=now)


def current_user_v2(caller: Annotated[api_keys.Caller, Depends(current_caller_v2)]) -> User:
    return caller.user


def current_user_v1(request: Request, session: SessionDep, now: NowDep) -> User:
    return api_keys.authenticate(session, request.query_params.get("apiKey"), now=now)


CurrentCaller = Annotated[api_keys.Caller, Depends(current_caller_v2)]
CurrentUser = Annotated[User, Depends(current_user_v2)]
CurrentUserV1 = Annotated[User, Depends(current_user_v1)]
