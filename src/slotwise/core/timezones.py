"""IANA time zones: which names exist, and a readable city for each."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones


@lru_cache(maxsize=1)
def iana_time_zones() -> frozenset[str]:
    """Every zone name the bundled IANA database (tzdata) knows."""
    return frozenset(available_timezones())


def is_iana_time_zone(name: str) -> bool:
    return name in iana_time_zones()


def city_of(zone: str) -> str:
    """The place a zone is named after: 'America/Argentina/Buenos_Aires' -> 'Buenos Aires'."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@lru_cache(maxsize=1)
def city_time_zones() -> tuple[tuple[str, str], ...]:
    """(city, zone) for every canonical geographic zone, sorted by zone name.

    Legacy aliases (``US/Eastern``), fixed offsets (``Etc/GMT+5``) and abbreviations
    (``EST``) are left out: a person picks a place, as in Cal.com's time-zone picker.
    """
    regions = (
        "Africa/", "America/", "Antarctica/", "Arctic/", "Asia/",
        "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/",
    )  # fmt: skip
    zones = sorted(z for z in iana_time_zones() if z.startswith(regions))
    return tuple((city_of(zone), zone) for zone in zones) + (("UTC", "UTC"),)
