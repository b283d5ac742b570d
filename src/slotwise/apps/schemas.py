"""Shapes of /v2/apps: the catalog of installable apps, with what the caller installed."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from slotwise.apps.models import Credential
from slotwise.apps.service import CatalogEntry


class InstalledCredential(BaseModel):
    id: int
    type: str
    appId: str
    invalid: bool

    @classmethod
    def of(cls, credential: Credential) -> InstalledCredential:
        return cls(
            id=credential.id,
            type=credential.type,
            appId=credential.app_slug,
            invalid=credential.invalid,
        )


class AppOutput(BaseModel):
    slug: str
    name: str
    type: str
    category: str
    description: str
    credentialSchema: dict[str, Any]
    installed: bool
    credentials: list[InstalledCredential]

    @classmethod
    def of(cls, entry: CatalogEntry, credentials: list[Credential]) -> AppOutput:
        plugin = entry.plugin
        mine = [InstalledCredential.of(c) for c in credentials if c.app_slug == plugin.slug]
        return cls(
            slug=plugin.slug,
            name=plugin.name,
            type=plugin.type,
            category=plugin.kind.value,
            description=plugin.description,
            credentialSchema=dict(plugin.credential_schema),
            installed=bool(mine),
            credentials=mine,
        )
