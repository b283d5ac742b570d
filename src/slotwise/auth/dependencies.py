"""Who is calling: the user behind the API key a request presents (``http.credentials``:
v2 ``Authorization``, v1 ``?apiKey=``). Both end in the same key check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from slotwise.api_keys import service as api_keys
from slotwise.http.credentials import presented_key_v1, presented_key_v2
from slotwise.http.deps import BookkeepingSessionDep, NowDep
from slotwise.users.models import User

# Authentication reads in the route's own session, whatever the route declared; on a read
# route its one write, the key's lastUsedAt, is a best-effort savepoint
# (api_keys.service.authenticate_caller), hence the session typed for writing.


def current_caller_v2(
    request: Request, session: BookkeepingSessionDep, now: NowDep
) -> api_keys.Caller:
    return api_keys.authenticate_caller(session, presented_key_v2(request), now=now)


def current_user_v2(caller: Annotated[api_keys.Caller, Depends(current_caller_v2)]) -> User:
    return caller.user


def current_user_v1(request: Request, session: BookkeepingSessionDep, now: NowDep) -> User:
    return api_keys.authenticate(session, presented_key_v1(request), now=now)


def user_on_demand(
    request: Request, session: BookkeepingSessionDep, now: NowDep
) -> Callable[[], User]:
    """For a route that needs the caller only for some queries: authenticates when called."""
    return lambda: api_keys.authenticate(session, presented_key_v2(request), now=now)


def optional_user_v2(request: Request, session: BookkeepingSessionDep, now: NowDep) -> User | None:
    """The caller when an API key is sent (401 when it is not a valid one), else None."""
    presented = presented_key_v2(request)
    if presented is None:
        return None
    return api_keys.authenticate(session, presented, now=now)


CurrentCaller = Annotated[api_keys.Caller, Depends(current_caller_v2)]
CurrentUser = Annotated[User, Depends(current_user_v2)]
CurrentUserV1 = Annotated[User, Depends(current_user_v1)]
CallerOnDemand = Annotated[Callable[[], User], Depends(user_on_demand)]
OptionalCurrentUser = Annotated[User | None, Depends(optional_user_v2)]
