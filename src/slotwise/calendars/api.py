"""/v2/calendars, /v2/selected-calendars, /v2/destination-calendars (spec/api.md §14).

Cal.com routes calendar apps by name (``/v2/calendars/{calendar}/...``); the names we serve
(``apple``, ``caldav``) get literal paths, so a name we do not serve is Cal.com's 404.
Version-neutral: any ``cal-api-version`` or none."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response

from slotwise.auth.dependencies import CurrentUser
from slotwise.calendars import feeds, service
from slotwise.calendars.schemas import (
    AppleCredentialsInput,
    BusyTimeOutput,
    CalDavCredentialsInput,
    ConnectedCalendarsOutput,
    CredentialOutput,
    DestinationCalendarInput,
    DestinationCalendarOutput,
    DisconnectInput,
    IcsFeedInput,
    PrivateFeedOutput,
    SelectedCalendarInput,
    SelectedCalendarOutput,
)
from slotwise.core.intervals import Interval
from slotwise.errors import Invalid
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.http.envelope import (
    V2_ERROR_RESPONSES,
    ErrorEnvelope,
    SuccessEnvelope,
    format_instant,
    success,
)
from slotwise.slots.window import bound, zone_named

# 503: a calendar server that cannot be reached while the request waits for it.
router = APIRouter(
    tags=["Calendars"],
    responses={
        **V2_ERROR_RESPONSES,
        503: {"model": ErrorEnvelope, "description": "A calendar server could not be reached"},
    },
)
_IDS = 2**31 - 1


@router.get("/v2/calendars", response_model=SuccessEnvelope[ConnectedCalendarsOutput])
def list_calendars(
    user: CurrentUser, session: ReadSessionDep, settings: SettingsDep
) -> SuccessEnvelope[ConnectedCalendarsOutput]:
    """The caller's connected calendar accounts with their calendars (read from each
    provider now), which are selected, and the destination calendar."""
    accounts = service.connected(session, settings, user.id)
    return success(
        ConnectedCalendarsOutput.of(
            accounts, service.selected(session, user.id), service.destination(session, user.id)
        )
    )


@router.get("/v2/calendars/busy-times", response_model=SuccessEnvelope[list[BusyTimeOutput]])
def busy_times(
    request: Request,
    user: CurrentUser,
    session: ReadSessionDep,
    settings: SettingsDep,
    dateFrom: Annotated[str, Query(max_length=40)],
    dateTo: Annotated[str, Query(max_length=40)],
    loggedInUsersTz: Annotated[str | None, Query(max_length=64)] = None,
    timeZone: Annotated[str | None, Query(max_length=64)] = None,
) -> SuccessEnvelope[list[BusyTimeOutput]]:
    """Busy times of the named calendars (``calendarsToLoad[i][credentialId]``,
    ``calendarsToLoad[i][externalId]``; none named: the selected ones). Dates are whole
    days in ``loggedInUsersTz`` (default UTC)."""
    window = _window(dateFrom, dateTo, loggedInUsersTz or timeZone)
    calendars = _calendars_to_load(request)
    found = service.busy_times(session, settings, user.id, window, calendars)
    return success(
        [
            BusyTimeOutput(start=format_instant(i.start), end=format_instant(i.end), source=src)
            for i, src in found
        ]
    )


def _window(date_from: str, date_to: str, zone_name: str | None) -> Interval:
    problems: list[dict[str, str]] = []
    zone = zone_named(zone_name, "loggedInUsersTz", problems)
    first = bound(date_from, "dateFrom", zone, problems)
    last = bound(date_to, "dateTo", zone, problems)
    if problems or first is None or last is None:
        raise Invalid.fields(problems)
    start, end = first[0], last[1]
    if end <= start:
        raise Invalid.field("dateTo", "must be after dateFrom")
    return Interval(start, end)


def _calendars_to_load(request: Request) -> list[tuple[int, str]]:
    """``calendarsToLoad[i][credentialId]`` / ``[externalId]`` pairs from the query string
    (bracket notation, which a declared parameter cannot name)."""
    found: dict[str, dict[str, str]] = {}
    for name, value in request.query_params.multi_items():
        if name.startswith("calendarsToLoad[") and name.endswith("]"):
            index, _, field = name[len("calendarsToLoad[") : -1].partition("][")
            found.setdefault(index, {})[field] = value
    pairs = []
    for index, fields in sorted(found.items()):
        credential, external = fields.get("credentialId", ""), fields.get("externalId", "")
        if not credential.isdigit() or not 0 < int(credential) <= _IDS or not external:
            raise Invalid.field(
                f"calendarsToLoad[{index}]", "needs a credentialId (a number) and an externalId"
            )
        pairs.append((int(credential), external))
    return pairs


# --- per calendar app: credentials, check, disconnect -----------------------------------------


def _connect(
    name: str, user_id: int, session: Any, settings: Any, now: Any, body: AppleCredentialsInput
) -> SuccessEnvelope[CredentialOutput]:
    key = body.model_dump()
    credential = service.connect(session, settings, user_id, name, key, now=now)
    return success(CredentialOutput.of(credential))


@router.post("/v2/calendars/apple/credentials", response_model=SuccessEnvelope[CredentialOutput])
def save_apple_credentials(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    body: AppleCredentialsInput = Body(),
) -> SuccessEnvelope[CredentialOutput]:
    """Connect an iCloud account (Apple ID and an app-specific password), checked with
    iCloud first; the password is stored encrypted and never answered."""
    return _connect("apple", user.id, session, settings, now, body)


@router.post("/v2/calendars/caldav/credentials", response_model=SuccessEnvelope[CredentialOutput])
def save_caldav_credentials(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    body: CalDavCredentialsInput = Body(),
) -> SuccessEnvelope[CredentialOutput]:
    """Connect any CalDAV account (server URL, username, password), checked with the
    server first; the password is stored encrypted and never answered."""
    return _connect("caldav", user.id, session, settings, now, body)


def _app_routes(name: str) -> None:
    """GET /v2/calendars/{name}/check and POST /v2/calendars/{name}/disconnect."""

    @router.get(
        f"/v2/calendars/{name}/check",
        response_model=SuccessEnvelope[CredentialOutput],
        name=f"check_{name}_calendar",
    )
    def check(
        user: CurrentUser, session: ReadSessionDep, settings: SettingsDep
    ) -> SuccessEnvelope[CredentialOutput]:
        """200 when an account is connected and its server accepts the credential."""
        return success(CredentialOutput.of(service.check(session, settings, user.id, name)))

    @router.post(
        f"/v2/calendars/{name}/disconnect",
        response_model=SuccessEnvelope[CredentialOutput],
        name=f"disconnect_{name}_calendar",
    )
    def disconnect(
        user: CurrentUser, session: WriteSessionDep, body: DisconnectInput = Body()
    ) -> SuccessEnvelope[CredentialOutput]:
        """Remove the account (its selected calendars and destination with it)."""
        return success(CredentialOutput.of(service.disconnect(session, user.id, name, body.id)))


for _name in service.CALENDAR_APPS:
    _app_routes(_name)


# --- ICS feeds: subscribing to one, and each user's private feed of their bookings --------


@router.post("/v2/calendars/ics-feed/save", response_model=SuccessEnvelope[CredentialOutput])
def save_ics_feeds(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    body: IcsFeedInput = Body(),
) -> SuccessEnvelope[CredentialOutput]:
    """Subscribe to .ics feeds (read now: one that cannot be read is a 400); their events
    block the caller's slots."""
    credential = service.save_ics_feeds(session, settings, user.id, body.urls, now=now)
    return success(CredentialOutput.of(credential))


@router.post("/v2/calendars/ics-feed/private", response_model=SuccessEnvelope[PrivateFeedOutput])
def issue_private_feed(
    user: CurrentUser, session: WriteSessionDep, settings: SettingsDep, now: NowDep
) -> SuccessEnvelope[PrivateFeedOutput]:
    """A secret URL of the caller's bookings as an ICS feed (slotwise's own); asking again
    gives a new URL and the old one stops working."""
    token = feeds.issue(session, user.id, now=now)
    return success(PrivateFeedOutput(url=f"{settings.base_url}{FEED_PATH}?token={token}"))


FEED_PATH = "/v2/calendars/ics-feed/bookings.ics"


@router.get(
    FEED_PATH,
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "The ICS feed"}},
)
def private_feed(
    session: ReadSessionDep, now: NowDep, token: Annotated[str, Query(max_length=100)]
) -> Response:
    """The bookings feed a secret token opens (no API key: calendar apps fetch it)."""
    body = feeds.bookings_ics(session, token, now=now)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300"},
    )


# --- selected and destination calendars ------------------------------------------------------


@router.post("/v2/selected-calendars", response_model=SuccessEnvelope[SelectedCalendarOutput])
def add_selected_calendar(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    body: SelectedCalendarInput = Body(),
) -> SuccessEnvelope[SelectedCalendarOutput]:
    """Busy times of this calendar block the caller's slots from now on."""
    row = service.select_calendar(
        session,
        settings,
        user.id,
        integration=body.integration,
        external_id=body.externalId,
        credential_id=body.credentialId,
        now=now,
    )
    return success(SelectedCalendarOutput.of(row))


@router.delete("/v2/selected-calendars", response_model=SuccessEnvelope[SelectedCalendarOutput])
def remove_selected_calendar(
    user: CurrentUser,
    session: WriteSessionDep,
    integration: Annotated[str, Query(min_length=1, max_length=100)],
    externalId: Annotated[str, Query(min_length=1, max_length=1024)],
    credentialId: Annotated[int, Query(ge=1, le=_IDS)],
) -> SuccessEnvelope[SelectedCalendarOutput]:
    row = service.deselect_calendar(
        session,
        user.id,
        integration=integration,
        external_id=externalId,
        credential_id=credentialId,
    )
    return success(SelectedCalendarOutput.of(row))


@router.put("/v2/destination-calendars", response_model=SuccessEnvelope[DestinationCalendarOutput])
def set_destination_calendar(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    body: DestinationCalendarInput = Body(),
) -> SuccessEnvelope[DestinationCalendarOutput]:
    """New bookings of the caller are written to this calendar."""
    row = service.set_destination(
        session,
        settings,
        user.id,
        integration=body.integration,
        external_id=body.externalId,
        now=now,
    )
    return success(DestinationCalendarOutput.of(row))
