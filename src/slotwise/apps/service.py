"""Apps and credentials: the catalog a user sees, installing (a credential checked against
the plugin's schema and sealed), listing, removing, and what happens when a provider
refuses a credential (marked invalid, the owner emailed once through the outbox).
Never commits: the caller's transaction does."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from slotwise.apps import repository, sealing
from slotwise.apps.models import Credential
from slotwise.config import Settings
from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound
from slotwise.outbox import service as outbox
from slotwise.plugins import Plugin, PluginKind, all_plugins, find_plugin
from slotwise.users import repository as users

if TYPE_CHECKING:
    from jsonschema import ValidationError


CREDENTIAL_NOTICE_KIND = "app_credential_notice"
# Fields that say which account a credential is for: installing the same account again
# replaces its credential (a reconnect) instead of adding a second one.
_IDENTITY_FIELDS = ("url", "urls", "username", "email", "accountId")


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    plugin: Plugin
    installed: int  # how many credentials the user has for it


def catalog(
    session: ReadSession, user_id: int, kind: PluginKind | None = None
) -> list[CatalogEntry]:
    installed = repository.every(session, repository.owned_by_user(user_id))
    return [
        CatalogEntry(plugin, sum(1 for c in installed if c.app_slug == plugin.slug))
        for plugin in sorted(all_plugins().values(), key=lambda p: p.slug)
        if kind is None or plugin.kind is kind
    ]


def app_plugin(slug: str, kind: PluginKind | None = None) -> Plugin:
    plugin = find_plugin(slug)
    if plugin is None or (kind is not None and plugin.kind is not kind):
        raise NotFound(f"App with slug={slug} not found")
    return plugin


def install(
    session: Session,
    settings: Settings,
    user_id: int,
    slug: str,
    key: Mapping[str, Any],
    *,
    now: datetime,
) -> Credential:
    """Save a credential for the app (checked against its schema, sealed). The same
    account installed again gets its credential replaced and valid again."""
    plugin = app_plugin(slug)
    check_key(plugin, key)
    same = _same_account(session, settings, user_id, plugin, key)
    if same is not None:
        same.key_encrypted = sealing.seal(settings, key)
        same.invalid = False
        same.invalid_notified = False
        same.updated_at = now
        session.flush()
        return same
    return repository.add(
        session,
        Credential(
            user_id=user_id,
            app_slug=plugin.slug,
            type=plugin.type,
            key_encrypted=sealing.seal(settings, key),
            invalid=False,
            invalid_notified=False,
            created_at=now,
            updated_at=now,
        ),
    )


def check_key(plugin: Plugin, key: Mapping[str, Any]) -> None:
    """A 400 naming every field of the credential that does not fit the plugin's schema
    (never echoing a value: it may be a password)."""
    import jsonschema  # loaded by the first credential checked, not at start-up

    validator = jsonschema.Draft202012Validator(plugin.credential_schema)
    problems = [
        {"field": ".".join(str(p) for p in error.absolute_path) or "key", "message": _said(error)}
        for error in sorted(validator.iter_errors(dict(key)), key=lambda e: list(e.absolute_path))
    ]
    if problems:
        raise Invalid.fields(problems)


def _said(error: ValidationError) -> str:
    checks = {
        "required": "is required",
        "additionalProperties": "has a field this app does not take",
        "type": f"must be a {error.validator_value}",
        "minLength": "must not be empty",
        "maxLength": "is too long",
        "pattern": "is not in the expected format",
    }
    if error.validator == "required":
        missing = str(error.message).split("'")[1] if "'" in str(error.message) else "a field"
        return f"{missing} is required"
    return checks.get(str(error.validator), "is not valid")


def _same_account(
    session: Session, settings: Settings, user_id: int, plugin: Plugin, key: Mapping[str, Any]
) -> Credential | None:
    identity = {f: key[f] for f in _IDENTITY_FIELDS if f in key}
    if not identity:
        return None
    for credential in repository.every(session, repository.of_app(user_id, plugin.slug)):
        try:
            opened = sealing.unseal(settings, credential.key_encrypted)
        except sealing.UnreadableCredential:
            continue
        if all(opened.get(f) == v for f, v in identity.items()):
            return credential
    return None


def installed(
    session: ReadSession, user_id: int, kind: PluginKind | None = None
) -> list[Credential]:
    rows = repository.every(session, repository.owned_by_user(user_id))
    if kind is None:
        return rows
    slugs = {p.slug for p in all_plugins().values() if p.kind is kind}
    return [c for c in rows if c.app_slug in slugs]


def credential_of(session: ReadSession, user_id: int, credential_id: int) -> Credential:
    found = repository.find(session, repository.owned_by_user(user_id), credential_id)
    if found is None:
        raise NotFound(f"Credential with id={credential_id} not found")
    return found


def uninstall(session: Session, user_id: int, credential_id: int) -> Credential:
    credential = credential_of(session, user_id, credential_id)
    repository.remove(session, credential)
    return credential


def key_of(settings: Settings, credential: Credential) -> dict[str, Any]:
    """The credential in clear, for a plugin's hooks only."""
    return sealing.unseal(settings, credential.key_encrypted)


def credential_for_delivery(session: ReadSession, credential_id: int) -> Credential | None:
    return repository.find(session, repository.for_delivery(), credential_id)


def mark_invalid(session: Session, credential_id: int, *, now: datetime, reason: str) -> None:
    """The provider refused the credential: it is invalid from now on, and its owner is
    emailed the first time (an outbox row, in this transaction)."""
    credential = repository.find(session, repository.for_delivery(), credential_id)
    if credential is None:
        return
    credential.invalid = True
    credential.updated_at = now
    if not credential.invalid_notified:
        credential.invalid_notified = True
        _notify_owner(session, credential, now=now, reason=reason)
    session.flush()


def _notify_owner(session: Session, credential: Credential, *, now: datetime, reason: str) -> None:
    owner = users.get_by_id(session, credential.user_id)
    plugin = find_plugin(credential.app_slug)
    if owner is None:
        return
    outbox.enqueue(
        session,
        CREDENTIAL_NOTICE_KIND,
        {
            "to": {"email": owner.email, "name": owner.name},
            "app": plugin.name if plugin else credential.app_slug,
            "credentialId": credential.id,
            "reason": reason,
        },
        now=now,
        topic=f"credential:{credential.id}",
    )


def reseal_all(session: Session, *, old_key: str, new_key: str) -> int:
    """Every credential sealed again with ``new_key``; returns how many."""
    rows = repository.every(session, repository.every_credential())
    for credential in rows:
        credential.key_encrypted = sealing.reseal(
            credential.key_encrypted, old_key=old_key, new_key=new_key
        )
    session.flush()
    return len(rows)
