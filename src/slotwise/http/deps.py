"""Request-scoped dependencies shared by every router: settings, clock, database session.

The session dependency owns the transaction: it commits when the route function returns
(before the response goes out) and rolls back when it raises. Services never commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from slotwise.clock import Clock
from slotwise.config import Settings
from slotwise.db import transaction


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


async def get_now(clock: Annotated[Clock, Depends(get_clock)]) -> datetime:
    """The request's instant, read once so every rule in one request sees the same time."""
    return clock.now()


READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_session(request: Request) -> Iterator[Session]:
    """The request's session: a writer's transaction for methods that change data."""
    factory: sessionmaker[Session] = (
        request.app.state.session_factory
        if request.method in READ_ONLY_METHODS
        else request.app.state.write_session_factory
    )
    with transaction(factory) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
ClockDep = Annotated[Clock, Depends(get_clock)]
NowDep = Annotated[datetime, Depends(get_now)]
# scope="function": commit before the response is sent, so a failed commit is a 500, never
# a 2xx for data that was not stored.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
