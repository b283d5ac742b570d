"""Shapes of /v2/me/ooo: Cal.com's ``CreateOutOfOfficeEntryDto`` and its output
``{id, uuid, userId, start, end, notes, toUserId, reason}``. ``start`` and ``end`` are
ISO dates or instants; only their (UTC) date counts, as Cal.com stores whole days."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PlainValidator, StringConstraints, WithJsonSchema

from slotwise.commands import UNSET
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.out_of_office.models import OooReason, OutOfOfficeEntry
from slotwise.out_of_office.service import OooInput

_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def _day(value: Any) -> date:
    """An ISO date, or an instant whose UTC date is meant (Cal.com sends T00:00:00.000Z)."""
    if not isinstance(value, str) or not _DATE_PREFIX.match(value):
        raise ValueError("must be an ISO date (YYYY-MM-DD) or date-time")
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError("must be a real date") from exc
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC)
        except OverflowError as exc:  # 0001-01-01T00:00+01:00 is in year 0 in UTC
            raise ValueError("must be a real date") from exc
    return moment.date()


Day = Annotated[
    date,
    PlainValidator(_day),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ],
            "examples": ["2030-04-01T00:00:00.000Z", "2030-04-01"],
        }
    ),
]
Notes = Annotated[str, StringConstraints(max_length=2000)]
Reason = Literal["unspecified", "vacation", "travel", "sick", "public_holiday"]


def _left_out() -> Any:
    return Field(default=None)


class CreateOutOfOfficeEntryInput(V2Input):
    start: Day = Field(description="The first day away")
    end: Day = Field(description="The last day away (whole day, in your time zone)")
    notes: Notes | None = None
    toUserId: DatabaseId | None = Field(default=None, description="Send bookers to this user")
    reason: Reason = Field(default="unspecified")

    def to_input(self) -> OooInput:
        given = self.model_fields_set
        return OooInput(
            start=self.start,
            end=self.end,
            reason=OooReason(self.reason),
            notes=self.notes if "notes" in given else UNSET,
            to_user_id=self.toUserId if "toUserId" in given else UNSET,
        )


class UpdateOutOfOfficeEntryInput(V2Input):
    start: Day = _left_out()
    end: Day = _left_out()
    notes: Notes | None = None
    toUserId: DatabaseId | None = None
    reason: Reason = _left_out()

    def to_input(self) -> OooInput:
        given = self.model_fields_set
        return OooInput(
            start=self.start if "start" in given else UNSET,
            end=self.end if "end" in given else UNSET,
            reason=OooReason(self.reason) if "reason" in given else UNSET,
            notes=self.notes if "notes" in given else UNSET,
            to_user_id=self.toUserId if "toUserId" in given else UNSET,
        )


class OutOfOfficeEntryOutput(BaseModel):
    id: int
    uuid: str
    userId: int
    start: str
    end: str
    notes: str | None
    toUserId: int | None
    reason: str

    @classmethod
    def of(cls, entry: OutOfOfficeEntry) -> OutOfOfficeEntryOutput:
        return cls(
            id=entry.id,
            uuid=entry.uuid,
            userId=entry.user_id,
            start=f"{entry.start_date.isoformat()}T00:00:00.000Z",
            end=f"{entry.end_date.isoformat()}T23:59:59.999Z",
            notes=entry.notes,
            toUserId=entry.to_user_id,
            reason=entry.reason,
        )
