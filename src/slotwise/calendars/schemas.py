"""Request and response shapes of /v2/calendars, /v2/selected-calendars and
/v2/destination-calendars (spec/api.md §14; version-neutral)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from slotwise.apps.models import Credential
from slotwise.calendars.models import (
    EXTERNAL_ID_MAX_LENGTH,
    DestinationCalendar,
    SelectedCalendar,
)
from slotwise.calendars.service import ConnectedAccount
from slotwise.http.inputs import V2Input


class AppleCredentialsInput(V2Input):
    username: str = Field(description="The account's user name", min_length=1, max_length=512)
    password: str = Field(
        description="(Apple: an app-specific) password", min_length=1, max_length=512
    )


class CalDavCredentialsInput(AppleCredentialsInput):
    url: str = Field(description="The CalDAV server's URL", pattern="^https?://", max_length=2048)


class IcsFeedInput(V2Input):
    urls: list[str] = Field(min_length=1, max_length=20, description="The feeds' .ics URLs")
    readOnly: bool = Field(default=True, description="Feeds are always read-only")


class PrivateFeedOutput(BaseModel):
    url: str = Field(description="The secret URL of the caller's bookings feed; shown once")


class SelectedCalendarInput(V2Input):
    integration: str = Field(min_length=1, max_length=100, examples=["apple_calendar"])
    externalId: str = Field(min_length=1, max_length=EXTERNAL_ID_MAX_LENGTH)
    credentialId: int = Field(ge=1, le=2**31 - 1)
    delegationCredentialId: str | None = None


class DestinationCalendarInput(V2Input):
    integration: str = Field(min_length=1, max_length=100, examples=["apple_calendar"])
    externalId: str = Field(min_length=1, max_length=EXTERNAL_ID_MAX_LENGTH)
    delegationCredentialId: str | None = None


class DisconnectInput(V2Input):
    id: int = Field(ge=1, le=2**31 - 1, description="The credential's id")


class CredentialOutput(BaseModel):
    """Cal.com's credential record, without its key."""

    id: int
    type: str
    userId: int
    teamId: int | None = None
    appId: str
    invalid: bool

    @classmethod
    def of(cls, credential: Credential) -> CredentialOutput:
        return cls(
            id=credential.id,
            type=credential.type,
            userId=credential.user_id,
            appId=credential.app_slug,
            invalid=credential.invalid,
        )


class SelectedCalendarOutput(BaseModel):
    userId: int
    integration: str
    externalId: str
    credentialId: int

    @classmethod
    def of(cls, row: SelectedCalendar | DestinationCalendar) -> SelectedCalendarOutput:
        return cls(
            userId=row.user_id,
            integration=row.integration,
            externalId=row.external_id,
            credentialId=row.credential_id,
        )


DestinationCalendarOutput = SelectedCalendarOutput


class BusyTimeOutput(BaseModel):
    start: str
    end: str
    source: str | None = None


class ConnectedCalendarsOutput(BaseModel):
    connectedCalendars: list[dict[str, Any]]
    destinationCalendar: dict[str, Any] | None

    @classmethod
    def of(
        cls,
        accounts: list[ConnectedAccount],
        selected: list[SelectedCalendar],
        destination: DestinationCalendar | None,
    ) -> ConnectedCalendarsOutput:
        chosen = {(s.credential_id, s.external_id) for s in selected}
        return cls(
            connectedCalendars=[_account(a, chosen, destination) for a in accounts],
            destinationCalendar=_destination(destination, accounts),
        )


def _account(
    account: ConnectedAccount,
    chosen: set[tuple[int, str]],
    destination: DestinationCalendar | None,
) -> dict[str, Any]:
    credential, plugin = account.credential, account.plugin
    calendars = [
        {
            "externalId": c.external_id,
            "name": c.name,
            "primary": c.primary,
            "readOnly": c.read_only,
            "isSelected": (credential.id, c.external_id) in chosen,
            "credentialId": credential.id,
            "integration": credential.type,
        }
        for c in account.calendars
    ]
    primary = next((c for c in calendars if c["primary"]), None)
    shown: dict[str, Any] = {
        "integration": {
            "type": credential.type,
            "slug": plugin.slug,
            "title": plugin.name,
            "description": plugin.description,
            "invalidCredential": credential.invalid,
        },
        "credentialId": credential.id,
        "primary": primary,
        "calendars": calendars,
    }
    if account.error is not None:
        shown["error"] = {"message": account.error}
    return shown


def _destination(
    destination: DestinationCalendar | None, accounts: list[ConnectedAccount]
) -> dict[str, Any] | None:
    if destination is None:
        return None
    names = {(a.credential.id, c.external_id): c.name for a in accounts for c in a.calendars}
    return {
        "id": destination.id,
        "userId": destination.user_id,
        "integration": destination.integration,
        "externalId": destination.external_id,
        "credentialId": destination.credential_id,
        "name": names.get((destination.credential_id, destination.external_id)),
    }
