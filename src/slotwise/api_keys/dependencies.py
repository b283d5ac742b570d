"""Who is calling: the user behind the API key a request presents (v2 ``Authorization``,
v1 ``?apiKey=``). Routers import these through ``slotwise.auth``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from slotwise.api_keys import service
from slotwise.api_keys.service import Caller
from slotwise.http.credentials import presented_key_v1, presented_key_v2
from slotwise.http.deps import BookkeepingSessionDep, NowDep

if TYPE_CHECKING:  # users' routes authenticate through here: User is a type-only import
    from slotwise.users.models import User

# Authentication reads in the route's own session, whatever the route declared: on a read
# route its one write, the key's lastUsedAt, is a best-effort savepoint
# (service.authenticate_caller), hence BookkeepingSessionDep.


def current_caller_v2(request: Request, session: BookkeepingSessionDep, now: NowDep) -> Caller:
    return service.authenticate_caller(session, presented_key_v2(request), now=now)


def current_user_v2(caller: Annotated[Caller, Depends(current_caller_v2)]) -> User:
    return caller.user


def current_user_v1(request: Request, session: BookkeepingSessionDep, now: NowDep) -> User:
    return service.authenticate(session, presented_key_v1(request), now=now)


def user_on_demand(
    request: Request, session: BookkeepingSessionDep, now: NowDep
) -> Callable[[], User]:
    """For a route that needs the caller only for some queries: authenticates when called."""
    return lambda: service.authenticate(session, presented_key_v2(request), now=now)


def optional_user_v2(request: Request, session: BookkeepingSessionDep, now: NowDep) -> User | None:
    """The caller when an API key is sent (401 when it is not a valid one), else None."""
    presented = presented_key_v2(request)
    if presented is None:
        return None
    return service.authenticate(session, presented, now=now)


CurrentCaller = Annotated[Caller, Depends(current_caller_v2)]
CurrentUser = Annotated["User", Depends(current_user_v2)]
CurrentUserV1 = Annotated["User", Depends(current_user_v1)]
CallerOnDemand = Annotated[Callable[[], "User"], Depends(user_on_demand)]
OptionalCurrentUser = Annotated["User | None", Depends(optional_user_v2)]
