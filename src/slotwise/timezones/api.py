"""GET /v2/timezones: the places a person can pick, each with its IANA zone.

Public, as in Cal.com (its booking UI calls it before anyone signs in).
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from slotwise.core.timezones import city_time_zones
from slotwise.http.envelope import SuccessEnvelope, success

router = APIRouter(prefix="/v2/timezones", tags=["Timezones"])


class CityTimeZone(BaseModel):
    city: str
    timezone: str


@router.get("", response_model=SuccessEnvelope[list[CityTimeZone]])
def list_time_zones() -> SuccessEnvelope[list[CityTimeZone]]:
    return success([CityTimeZone(city=city, timezone=zone) for city, zone in city_time_zones()])
