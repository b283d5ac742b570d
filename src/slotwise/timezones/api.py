"""GET /v2/timezones: the places a person can pick, each with its IANA zone.

Public, as in Cal.com (its booking UI calls it before anyone signs in). Cal.com's platform
SDK still asks ``/v2/schedules/time-zones`` for the same list (``legacy_router``, included
before the schedules router so that ``time-zones`` is not read as a schedule id).
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from slotwise.core.timezones import city_time_zones
from slotwise.http.envelope import SuccessEnvelope, success

router = APIRouter(prefix="/v2/timezones", tags=["Timezones"])
legacy_router = APIRouter(tags=["Timezones"])


class CityTimeZone(BaseModel):
    city: str
    timezone: str


@router.get("", response_model=SuccessEnvelope[list[CityTimeZone]])
@legacy_router.get(
    "/v2/schedules/time-zones",
    response_model=SuccessEnvelope[list[CityTimeZone]],
    deprecated=True,
    description="The old path of /v2/timezones, still called by Cal.com's platform SDK.",
)
def list_time_zones() -> SuccessEnvelope[list[CityTimeZone]]:
    return success([CityTimeZone(city=city, timezone=zone) for city, zone in city_time_zones()])
