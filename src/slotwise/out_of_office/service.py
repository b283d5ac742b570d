"""A person's out-of-office entries (``/v2/me/ooo``): create, list, read, change, delete.

Rules: the last day is not before the first; two entries of one person never share a day
(a 400 naming the other entry); the redirect names another existing user, never oneself.
Creating an entry publishes ``OooCreated`` (webhooks send OOO_CREATED).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from slotwise.commands import UNSET, Unset
from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound
from slotwise.events import publish
from slotwise.out_of_office import repository
from slotwise.out_of_office.events import OooCreated, PersonSnapshot
from slotwise.out_of_office.models import REASON_EMOJI, REASON_IDS, OooReason, OutOfOfficeEntry
from slotwise.out_of_office.repository import SortOrder
from slotwise.users import repository as users
from slotwise.users.models import User


@dataclass(frozen=True, slots=True)
class OooInput:
    """A create (every date given) or a change (UNSET: left as it is)."""

    start: date | Unset = UNSET
    end: date | Unset = UNSET
    reason: OooReason | Unset = UNSET
    notes: str | None | Unset = UNSET
    to_user_id: int | None | Unset = UNSET


def create_entry(
    session: Session, user: User, given: OooInput, *, now: datetime
) -> OutOfOfficeEntry:
    entry = OutOfOfficeEntry(
        uuid=str(uuid.uuid4()),
        user_id=user.id,
        reason=OooReason.UNSPECIFIED.value,
        created_at=now,
        updated_at=now,
    )
    _apply(session, user, entry, given)
    session.add(entry)
    session.flush()
    publish(session, _created(session, entry, user, now=now))
    return entry


def list_entries(
    session: ReadSession,
    user: User,
    *,
    take: int,
    skip: int,
    sort_start: SortOrder | None = None,
    sort_end: SortOrder | None = None,
) -> list[OutOfOfficeEntry]:
    return repository.page_of_user(
        session, user.id, take=take, skip=skip, sort_start=sort_start, sort_end=sort_end
    )


def get_entry(session: ReadSession, user: User, entry_id: int) -> OutOfOfficeEntry:
    entry = repository.get_of_user(session, user.id, entry_id)
    if entry is None:
        raise NotFound(f"Out-of-office entry with id {entry_id} not found")
    return entry


def update_entry(
    session: Session, user: User, entry_id: int, given: OooInput, *, now: datetime
) -> OutOfOfficeEntry:
    entry = get_entry(session, user, entry_id)
    _apply(session, user, entry, given)
    entry.updated_at = now
    session.flush()
    return entry


def delete_entry(session: Session, user: User, entry_id: int) -> OutOfOfficeEntry:
    entry = get_entry(session, user, entry_id)
    session.delete(entry)
    session.flush()
    return entry


def _apply(session: ReadSession, user: User, entry: OutOfOfficeEntry, given: OooInput) -> None:
    """Sets what ``given`` sets, after checking the whole result (nothing set on a 400)."""
    start = entry.start_date if isinstance(given.start, Unset) else given.start
    end = entry.end_date if isinstance(given.end, Unset) else given.end
    if start is None or end is None:
        raise Invalid.fields(
            [{"field": name, "message": "is required"}
             for name, value in (("start", start), ("end", end)) if value is None]
        )  # fmt: skip
    if end < start:
        raise Invalid.field("end", "must not be before start")
    clash = repository.overlapping(session, user.id, start, end, except_id=entry.id)
    if clash is not None:
        raise Invalid.field(
            "start",
            f"overlaps your out-of-office entry {clash.id} "
            f"({clash.start_date.isoformat()} to {clash.end_date.isoformat()})",
        )
    if not isinstance(given.to_user_id, Unset) and given.to_user_id is not None:
        _check_redirect(session, user, given.to_user_id)
    entry.start_date, entry.end_date = start, end
    if not isinstance(given.reason, Unset):
        entry.reason = given.reason.value
    if not isinstance(given.notes, Unset):
        entry.notes = given.notes
    if not isinstance(given.to_user_id, Unset):
        entry.to_user_id = given.to_user_id


def _check_redirect(session: ReadSession, user: User, to_user_id: int) -> None:
    if to_user_id == user.id:
        raise Invalid.field("toUserId", "must be someone else: bookers cannot be sent to you")
    if users.get_by_id(session, to_user_id) is None:
        raise Invalid.field("toUserId", f"no user with id {to_user_id}")


def _person(user: User) -> PersonSnapshot:
    return PersonSnapshot(user.id, user.name, user.username, user.email, user.time_zone)


def _created(
    session: ReadSession, entry: OutOfOfficeEntry, user: User, *, now: datetime
) -> OooCreated:
    to_user = users.get_by_id(session, entry.to_user_id) if entry.to_user_id else None
    reason = OooReason(entry.reason)
    return OooCreated(
        id=entry.id,
        uuid=entry.uuid,
        start_date=entry.start_date,
        end_date=entry.end_date,
        reason=reason.value,
        emoji=REASON_EMOJI[reason],
        reason_id=REASON_IDS[reason],
        notes=entry.notes,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        user=_person(user),
        to_user=_person(to_user) if to_user else None,
        at=now,
    )
