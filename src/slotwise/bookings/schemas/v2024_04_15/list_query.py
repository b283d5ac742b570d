"""The legacy list's query parameters."""

from __future__ import annotations

from pydantic import BaseModel, Field

from slotwise.http.params import MAX_DATABASE_ID

LIST_STATUSES = ("upcoming", "recurring", "past", "cancelled", "unconfirmed")
DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class ListBookingsParamsLegacy(BaseModel):
    """The legacy list's published parameters (spec/legacy.md §3) as FastAPI validates them.
    ``filters[...]`` is Cal.com's bracket notation: repeated keys, ``[0]`` indices and
    filters not published here (``filters[userIds][]``, ``filters[teamsIds][]``) are read
    from the query string's items by ``api_legacy``; the two published are documentation."""

    filters_status: str | None = Field(
        None, alias="filters[status]", description="Legacy: " + "|".join(LIST_STATUSES)
    )
    filters_event_type_ids: list[str] | None = Field(
        None, alias="filters[eventTypeIds][]", description="Legacy: ids"
    )
    limit: int | None = Field(None, ge=1, le=MAX_LIMIT, description="Legacy page size")
    cursor: int | None = Field(None, ge=0, le=MAX_DATABASE_ID, description="Legacy offset")
