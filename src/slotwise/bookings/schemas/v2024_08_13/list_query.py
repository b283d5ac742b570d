"""The 2024-08-13 list's query parameters and how they become the read's ``ListQuery``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    Field,
)

from slotwise.bookings.repository import ListQuery
from slotwise.errors import Invalid
from slotwise.http.params import MAX_DATABASE_ID
from slotwise.slots.service import parse_instant

MAX_TAKE = 250
LIST_STATUSES = ("upcoming", "recurring", "past", "cancelled", "unconfirmed")
# The sort parameters, by the column each orders.
SORTS = {
    "sortStart": "start",
    "sortEnd": "end",
    "sortCreated": "created",
    "sortUpdatedAt": "updated",
}
SortDirection = Annotated[str | None, Field(pattern="^(asc|desc)$")]
QueryInstant = str | None  # ISO-8601, parsed by ``to_query`` (published as a string)


class ListBookingsParams_2024_08_13(BaseModel):
    """The 2024-08-13 list filters (spec/api.md §6.2) as FastAPI validates them: published
    as strings and bounded integers; ``to_query`` turns them into the ``ListQuery`` the read
    takes, naming every bad one in one 400."""

    status: str | None = Field(None, description="upcoming,recurring,past,cancelled,unconfirmed")
    attendeeEmail: str | None = Field(None, max_length=254)
    attendeeName: str | None = Field(None, max_length=200)
    bookingUid: str | None = Field(None, max_length=200)
    eventTypeIds: str | None = Field(None, description="Comma-separated ids")
    eventTypeId: str | None = None
    teamsIds: str | None = Field(None, description="Comma-separated team ids")
    teamId: str | None = None
    afterStart: QueryInstant = None
    beforeEnd: QueryInstant = None
    afterCreatedAt: QueryInstant = None
    beforeCreatedAt: QueryInstant = None
    afterUpdatedAt: QueryInstant = None
    beforeUpdatedAt: QueryInstant = None
    sortStart: SortDirection = None
    sortEnd: SortDirection = None
    sortCreated: SortDirection = None
    sortUpdatedAt: SortDirection = None
    take: int | None = Field(None, ge=1, le=MAX_TAKE)
    skip: int | None = Field(None, ge=0, le=MAX_DATABASE_ID)

    def to_query(self) -> ListQuery:
        problems: list[dict[str, str]] = []
        statuses = self._statuses(problems)
        ids = [
            _id_list(getattr(self, name), name, problems)
            for name in ("eventTypeIds", "eventTypeId", "teamsIds", "teamId")
        ]
        instants = {
            name: _instant(getattr(self, name), name, problems)
            for name in (
                "afterStart",
                "beforeEnd",
                "afterCreatedAt",
                "beforeCreatedAt",
                "afterUpdatedAt",
                "beforeUpdatedAt",
            )
        }
        if problems:
            raise Invalid.fields(problems)
        return ListQuery(
            statuses=statuses,
            attendee_email=self.attendeeEmail or None,
            attendee_name=self.attendeeName or None,
            booking_uid=self.bookingUid or None,
            event_type_ids=ids[0] + ids[1],
            after_start=instants["afterStart"],
            before_end=instants["beforeEnd"],
            after_created=instants["afterCreatedAt"],
            before_created=instants["beforeCreatedAt"],
            after_updated=instants["afterUpdatedAt"],
            before_updated=instants["beforeUpdatedAt"],
            order=tuple(
                (column, direction == "desc")
                for name, column in SORTS.items()
                if (direction := getattr(self, name)) is not None
            ),
            take=100 if self.take is None else self.take,
            skip=0 if self.skip is None else self.skip,
            team_ids=ids[2] + ids[3],
        )

    def _statuses(self, problems: list[dict[str, str]]) -> frozenset[str]:
        if not self.status:
            return frozenset()
        statuses = frozenset(part.strip() for part in self.status.split(","))
        if not statuses <= set(LIST_STATUSES):
            message = f"must be a list of {', '.join(LIST_STATUSES)}"
            problems.append({"field": "status", "message": message})
            return frozenset()
        return statuses


def _instant(raw: str | None, name: str, problems: list[dict[str, str]]) -> datetime | None:
    if raw is None:
        return None
    parsed = parse_instant(raw)
    if parsed is None:
        problems.append({"field": name, "message": "must be an ISO-8601 date-time"})
    return parsed


def _id_list(raw: str | None, name: str, problems: list[dict[str, str]]) -> tuple[int, ...]:
    if raw is None:
        return ()
    ids = []
    for part in raw.split(","):
        part = part.strip()
        if not part.isascii() or not part.isdigit() or not 1 <= int(part) <= MAX_DATABASE_ID:
            problems.append({"field": name, "message": "must be a comma-separated list of ids"})
            return ()
        ids.append(int(part))
    return tuple(ids)
