"""What the out-of-office domain publishes: an entry created, with a snapshot of what
subscribers need (the webhooks' OOO_CREATED body), so none reads the tables back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class PersonSnapshot:
    id: int
    name: str
    username: str
    email: str
    time_zone: str


@dataclass(frozen=True, slots=True)
class OooCreated:
    id: int
    uuid: str
    start_date: date
    end_date: date
    reason: str
    emoji: str
    reason_id: int
    notes: str | None
    created_at: datetime
    updated_at: datetime
    user: PersonSnapshot
    to_user: PersonSnapshot | None
    at: datetime  # when it was recorded
