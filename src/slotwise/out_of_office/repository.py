"""Every query on out-of-office entries. A person's own entries start from ``of_user``;
the slots' reads (whose away days fall in a window) from ``of_users_between``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from sqlalchemy import Select, select

from slotwise.db import ReadSession
from slotwise.out_of_office.models import OutOfOfficeEntry

SortOrder = Literal["asc", "desc"]


def of_user(user_id: int) -> Select[OutOfOfficeEntry]:
    return select(OutOfOfficeEntry).where(OutOfOfficeEntry.user_id == user_id)


def get_of_user(session: ReadSession, user_id: int, entry_id: int) -> OutOfOfficeEntry | None:
    statement = of_user(user_id).where(OutOfOfficeEntry.id == entry_id)
    return session.scalars(statement).one_or_none()


def page_of_user(
    session: ReadSession,
    user_id: int,
    *,
    take: int,
    skip: int,
    sort_start: SortOrder | None,
    sort_end: SortOrder | None,
) -> list[OutOfOfficeEntry]:
    statement = of_user(user_id)
    order = []
    if sort_start is not None:
        column = OutOfOfficeEntry.start_date
        order.append(column.asc() if sort_start == "asc" else column.desc())
    if sort_end is not None:
        column = OutOfOfficeEntry.end_date
        order.append(column.asc() if sort_end == "asc" else column.desc())
    statement = statement.order_by(*order, OutOfOfficeEntry.id)
    return list(session.scalars(statement.offset(skip).limit(take)))


def overlapping(
    session: ReadSession, user_id: int, start: date, end: date, *, except_id: int | None
) -> OutOfOfficeEntry | None:
    """An entry of the user sharing a day with [start, end] (both inclusive)."""
    statement = of_user(user_id).where(
        OutOfOfficeEntry.start_date <= end, OutOfOfficeEntry.end_date >= start
    )
    if except_id is not None:
        statement = statement.where(OutOfOfficeEntry.id != except_id)
    return session.scalars(statement.order_by(OutOfOfficeEntry.start_date).limit(1)).first()


def of_users_between(
    session: ReadSession, user_ids: Sequence[int], first: date, last: date
) -> list[OutOfOfficeEntry]:
    """The users' entries sharing a day with [first, last]."""
    statement = select(OutOfOfficeEntry).where(
        OutOfOfficeEntry.user_id.in_(user_ids),
        OutOfOfficeEntry.start_date <= last,
        OutOfOfficeEntry.end_date >= first,
    )
    return list(session.scalars(statement.order_by(OutOfOfficeEntry.start_date)))
