"""Request-scoped dependencies shared by every router: settings, clock, database session.

The session dependency owns the transaction: it commits when the route function returns
(before the response goes out) and rolls back when it raises. Services never commit.
A route declares what it does with the database: ``ReadSessionDep`` (typed ``ReadSession``,
so mypy refuses a write through it) or ``WriteSessionDep`` (a writer's transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from sqlalchemy.orm import Session, sessionmaker

from slotwise.clock import Clock
from slotwise.config import Settings
from slotwise.db import ReadSession, transaction


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


async def get_now(clock: Annotated[Clock, Depends(get_clock)]) -> datetime:
    """The request's instant, read once so every rule in one request sees the same time."""
    return clock.now()


def get_session(request: Request) -> Iterator[Session]:
    """The request's one session. A route that declares ``WriteSessionDep`` gets a writer's
    transaction (``BEGIN IMMEDIATE`` on SQLite); every other route a reader's. The choice is
    the route's declaration, not its HTTP method."""
    factory: sessionmaker[Session] = (
        request.app.state.write_session_factory
        if declares_write_session(request)
        else request.app.state.session_factory
    )
    with transaction(factory) as session:
        yield session


def get_write_session(
    session: Annotated[Session, Depends(get_session, scope="function")],
) -> Session:
    """Marks a route as a writer (see ``get_session``); the session is the request's one."""
    return session


def declares_write_session(request: Request) -> bool:
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    return isinstance(dependant, Dependant) and _uses(dependant, get_write_session)


def _uses(dependant: Dependant, call: Callable[..., Any]) -> bool:
    return any(sub.call is call or _uses(sub, call) for sub in dependant.dependencies)


SettingsDep = Annotated[Settings, Depends(get_settings)]
ClockDep = Annotated[Clock, Depends(get_clock)]
NowDep = Annotated[datetime, Depends(get_now)]
# scope="function": commit before the response is sent, so a failed commit is a 500, never
# a 2xx for data that was not stored.
ReadSessionDep = Annotated[ReadSession, Depends(get_session, scope="function")]
WriteSessionDep = Annotated[Session, Depends(get_write_session, scope="function")]
# The request's session typed for writing whatever the route declared: only for the one
# best-effort write a read route may make, an API key's lastUsedAt, in a savepoint.
BookkeepingSessionDep = Annotated[Session, Depends(get_session, scope="function")]
