"""Template variables of workflow messages (spec/api.md §11), filled in for one recipient: in
their time zone, language and clock.

``{EVENT_NAME}``, ``{EVENT_DATE}``, ``{EVENT_TIME}`` ... are case-insensitive;
``{EVENT_DATE_<format>}`` (and ``{START_TIME_<format>}``, ``{EVENT_END_TIME_<format>}``) take
a dayjs format (``{EVENT_DATE_ddd, MMM D, YYYY h:mma}``); a booking field's answer is
``{<FIELD_NAME_IN_UPPER_SNAKE_CASE>}``. An unknown variable is left as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from babel import Locale
from babel.dates import format_date, get_day_names, get_month_names, get_period_names

from slotwise.emails import i18n
from slotwise.event_types.locations import readable_location

_VARIABLE = re.compile(r"\{([^{}\n]{1,80})\}")
_DAYJS = re.compile(
    r"\[[^\]]*\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|A|a|Z"
)
_FORMATTED = ("EVENT_DATE_", "START_TIME_", "EVENT_TIME_", "EVENT_END_TIME_")


def dayjs_format(instant: datetime, pattern: str, locale: Locale) -> str:
    """``instant`` (already in the reader's zone) written with a dayjs format, the month and
    day names in the reader's language."""

    def token(match: re.Match[str]) -> str:
        text = match.group(0)
        return _TOKENS[text](instant, locale) if text in _TOKENS else text[1:-1]

    return _DAYJS.sub(token, pattern)


def _hour12(moment: datetime) -> int:
    return moment.hour % 12 or 12


def _period(moment: datetime, locale: Locale) -> str:
    return str(get_period_names(locale=locale)["am" if moment.hour < 12 else "pm"])


def _offset(moment: datetime) -> str:
    text = moment.strftime("%z") or "+0000"
    return f"{text[:3]}:{text[3:]}"


_TOKENS: dict[str, Callable[[datetime, Locale], str]] = {
    "YYYY": lambda m, _: f"{m.year:04d}",
    "YY": lambda m, _: f"{m.year % 100:02d}",
    "MMMM": lambda m, loc: str(get_month_names("wide", locale=loc)[m.month]),
    "MMM": lambda m, loc: str(get_month_names("abbreviated", locale=loc)[m.month]),
    "MM": lambda m, _: f"{m.month:02d}",
    "M": lambda m, _: str(m.month),
    "DD": lambda m, _: f"{m.day:02d}",
    "D": lambda m, _: str(m.day),
    "dddd": lambda m, loc: str(get_day_names("wide", locale=loc)[m.weekday()]),
    "ddd": lambda m, loc: str(get_day_names("abbreviated", locale=loc)[m.weekday()]),
    "dd": lambda m, loc: str(get_day_names("short", locale=loc)[m.weekday()]),
    "d": lambda m, _: str(m.isoweekday() % 7),  # dayjs: Sunday is 0
    "HH": lambda m, _: f"{m.hour:02d}",
    "H": lambda m, _: str(m.hour),
    "hh": lambda m, _: f"{_hour12(m):02d}",
    "h": lambda m, _: str(_hour12(m)),
    "mm": lambda m, _: f"{m.minute:02d}",
    "m": lambda m, _: str(m.minute),
    "ss": lambda m, _: f"{m.second:02d}",
    "s": lambda m, _: str(m.second),
    "A": lambda m, loc: _period(m, loc).upper(),
    "a": lambda m, loc: _period(m, loc).lower(),
    "Z": lambda m, _: _offset(m),
}


def answer_name(field: str) -> str:
    """A booking field's name as a variable: ``companySize`` / ``company-size`` ->
    ``COMPANY_SIZE``."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", field)
    return re.sub(r"[^A-Za-z0-9]+", "_", snake).strip("_").upper()


def the_attendee(booking: Mapping[str, Any], recipient: Mapping[str, Any]) -> dict[str, Any]:
    """Whom ``{ATTENDEE_*}`` names: the recipient when they attend, else the first attendee."""
    attendees = booking.get("attendees") or []
    mine = [a for a in attendees if a.get("email") and a.get("email") == recipient.get("email")]
    return dict((mine or attendees or [{}])[0])


def values(
    booking: Mapping[str, Any], recipient: Mapping[str, Any], base_url: str
) -> dict[str, str]:
    """Every plain variable's text for this recipient."""
    zone_name = recipient.get("timeZone") or booking["organizer"]["timeZone"]
    language, clock = recipient.get("language"), recipient.get("timeFormat")
    locale = i18n.babel_locale(language)
    place = i18n.zone(zone_name)
    start = datetime.fromisoformat(booking["start"]).astimezone(place)
    end = datetime.fromisoformat(booking["end"]).astimezone(place)
    attendee = the_attendee(booking, recipient)
    attendee_place = i18n.zone(attendee.get("timeZone") or zone_name)
    first, _, last = (attendee.get("name") or "").partition(" ")
    uid = booking["uid"]
    answers = booking.get("responses") or {}
    found = {
        "EVENT_NAME": booking.get("eventName") or booking["title"],
        "EVENT_TITLE": booking["title"],
        "EVENT_DATE": format_date(start, format="full", locale=locale),
        "EVENT_TIME": i18n.clock_time(start, locale, clock),
        "START_TIME": i18n.clock_time(start, locale, clock),
        "EVENT_END_TIME": i18n.clock_time(end, locale, clock),
        "TIMEZONE": place.key,
        "LOCATION": readable_location(booking.get("location")) or "",
        "ORGANIZER_NAME": booking["organizer"]["name"],
        "ORGANIZER": booking["organizer"]["name"],
        "ATTENDEE_NAME": attendee.get("name") or "",
        "ATTENDEE": attendee.get("name") or "",
        "NAME": recipient.get("name") or attendee.get("name") or "",
        "ATTENDEE_FIRST_NAME": first,
        "ATTENDEE_LAST_NAME": last,
        "ATTENDEE_EMAIL": attendee.get("email") or "",
        "ATTENDEE_TIMEZONE": attendee_place.key,
        "EVENT_START_TIME_IN_ATTENDEE_TIMEZONE": i18n.clock_time(
            start.astimezone(attendee_place), locale, clock
        ),
        "EVENT_END_TIME_IN_ATTENDEE_TIMEZONE": i18n.clock_time(
            end.astimezone(attendee_place), locale, clock
        ),
        "ADDITIONAL_NOTES": str(answers.get("notes") or ""),
        "MEETING_URL": booking.get("meetingUrl") or "",
        "CANCEL_URL": f"{base_url}/booking/{uid}?cancel=true",
        "RESCHEDULE_URL": f"{base_url}/reschedule/{uid}",
        "RATING_URL": f"{base_url}/booking/{uid}?rating=true",
        "NO_SHOW_URL": f"{base_url}/booking/{uid}?noShow=true",
        "CANCELLATION_REASON": booking.get("cancellationReason") or "",
        "EVENT_DESCRIPTION": booking.get("description") or "",
    }
    for field, answer in answers.items():
        if isinstance(answer, str | int | float | bool) and answer_name(field) not in found:
            found[answer_name(field)] = str(answer)
        elif isinstance(answer, list) and answer_name(field) not in found:
            found[answer_name(field)] = ", ".join(str(item) for item in answer)
    return found


def render(
    template: str,
    booking: Mapping[str, Any],
    recipient: Mapping[str, Any],
    base_url: str,
    *,
    as_html: bool = False,
) -> str:
    """``template`` with every variable filled in; in HTML the values are escaped (a booker
    types their own name and answers)."""
    known = values(booking, recipient, base_url)
    place = i18n.zone(recipient.get("timeZone") or booking["organizer"]["timeZone"])
    locale = i18n.babel_locale(recipient.get("language"))

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        key = name.upper()
        text = known[key] if key in known else _formatted(name, booking, place, locale)
        if text is None:
            return match.group(0)
        return html.escape(text) if as_html else text

    return _VARIABLE.sub(fill, template)


def _formatted(name: str, booking: Mapping[str, Any], place: Any, locale: Locale) -> str | None:
    for prefix in _FORMATTED:
        if name.upper().startswith(prefix):
            field = "end" if prefix == "EVENT_END_TIME_" else "start"
            moment = datetime.fromisoformat(booking[field]).astimezone(place)
            return dayjs_format(moment, name[len(prefix) :], locale)
    return None
