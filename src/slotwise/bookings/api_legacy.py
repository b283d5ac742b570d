"""The legacy (2024-04-15) bookings handlers. PLACEHOLDER: being written."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from slotwise.errors import Invalid
from slotwise.users.models import User


def _todo() -> Invalid:
    return Invalid("legacy bookings shapes are not written yet")


def create(
    raw: Any, session: Session, *, now: datetime, caller: User | None, holder: str | None
) -> JSONResponse:
    raise _todo()


def create_recurring(
    raw: Any, session: Session, *, now: datetime, caller: User | None
) -> JSONResponse:
    raise _todo()


def list_bookings(
    request: Request, session: Session, *, now: datetime, caller: User
) -> JSONResponse:
    raise _todo()


def get(uid: str, session: Session) -> JSONResponse:
    raise _todo()


def cancel(
    uid: str, raw: Any, session: Session, *, now: datetime, caller: User | None
) -> JSONResponse:
    raise _todo()


def mark_no_show(
    uid: str, raw: Any, session: Session, *, now: datetime, caller: User | None
) -> JSONResponse:
    raise _todo()
