"""IANA time zones: which names exist, and a readable city for each."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

# "Factory" is tzdata's placeholder for "no zone configured yet", not a place.
_NOT_A_PLACE = {"Factory"}


@lru_cache(maxsize=1)
def iana_time_zones() -> frozenset[str]:
    """Every zone name of the IANA database, as the tzdata package lists it.

    Not ``zoneinfo.available_timezones()``: it also lists whatever files the host's
    /usr/share/zoneinfo holds, such as ``localtime`` (a link to the server's own zone).
    """
    names = files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    return frozenset(names) - _NOT_A_PLACE


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
