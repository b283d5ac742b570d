"""Credentials: sealed with the instance key, listed without their keys, marked invalid with
one email to their owner, and re-sealed by ``slotwise admin rotate-encryption-key``."""

from __future__ import annotations

import random

import pytest
from cryptography.fernet import Fernet
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from slotwise.apps import sealing
from slotwise.apps import service as apps
from slotwise.apps.models import Credential
from slotwise.apps.service import CREDENTIAL_NOTICE_KIND
from slotwise.clock import FrozenClock
from slotwise.config import ENCRYPTION_KEY_FILE, Settings
from slotwise.db import transaction
from slotwise.errors import Invalid
from slotwise.outbox.models import OutboxMessage
from slotwise.outbox.worker import Worker
from slotwise.webhooks import secrets as webhook_secrets
from slotwise.webhooks.models import Webhook
from tests.cli.helpers import cli_env, invoke, json_output
from tests.conftest import Account, handlers
from tests.slots.helpers import data, error

KEY = {"url": "https://dav.example.com/", "username": "ann", "password": "s3cret-pw"}


def install(app: FastAPI, clock: FrozenClock, user: Account, key: dict[str, str] = KEY) -> int:
    with transaction(app.state.write_session_factory) as session:
        credential = apps.install(
            session, app.state.settings, user.id, "caldav-calendar", key, now=clock.now()
        )
        return credential.id


class TestSealing:
    def test_a_sealed_credential_hides_its_fields_and_opens_only_with_its_key(
        self, settings: Settings
    ) -> None:
        sealed = sealing.seal(settings, KEY)
        assert "s3cret-pw" not in sealed
        assert "ann" not in sealed
        assert sealing.unseal(settings, sealed) == KEY
        other = Settings(encryption_key=Fernet.generate_key().decode())  # type: ignore[arg-type]
        with pytest.raises(sealing.UnreadableCredential):
            sealing.unseal(other, sealed)

    def test_an_altered_credential_is_refused(self, settings: Settings) -> None:
        sealed = sealing.seal(settings, KEY)
        altered = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
        with pytest.raises(sealing.UnreadableCredential):
            sealing.unseal(settings, altered)

    def test_a_credential_that_does_not_fit_the_schema_is_a_400_without_its_values(
        self, app: FastAPI, clock: FrozenClock, alice: Account
    ) -> None:
        with pytest.raises(Invalid) as refused:
            install(app, clock, alice, {"url": "ftp://x", "username": "ann", "password": "pw-xyz"})
        assert "url" in refused.value.message
        assert "pw-xyz" not in refused.value.message


class TestAppsApi:
    def test_the_catalog_lists_installed_credentials_without_keys(
        self, app: FastAPI, client: TestClient, clock: FrozenClock, alice: Account, accounts: object
    ) -> None:
        credential_id = install(app, clock, alice)
        listed = data(client.get("/v2/apps", headers=alice.headers))
        by_slug = {a["slug"]: a for a in listed}
        caldav = by_slug["caldav-calendar"]
        assert caldav["category"] == "calendar"
        assert caldav["installed"] is True
        assert caldav["credentials"] == [
            {
                "id": credential_id,
                "type": "caldav_calendar",
                "appId": "caldav-calendar",
                "invalid": False,
            }
        ]
        assert "s3cret-pw" not in str(listed)
        assert by_slug["apple-calendar"]["installed"] is False
        bob = accounts.create(username="bob")  # type: ignore[attr-defined]
        theirs = data(client.get("/v2/apps", headers=bob.headers))
        assert all(a["credentials"] == [] for a in theirs)

    def test_a_category_filters_and_a_bad_one_is_a_400(
        self, client: TestClient, alice: Account
    ) -> None:
        calendars = data(
            client.get("/v2/apps", headers=alice.headers, params={"category": "calendar"})
        )
        assert {a["category"] for a in calendars} == {"calendar"}
        error(client.get("/v2/apps", headers=alice.headers, params={"category": "fax"}), 400)

    def test_no_key_is_a_401(self, client: TestClient) -> None:
        error(client.get("/v2/apps"), 401)


class TestInvalidCredentials:
    def test_the_owner_is_emailed_once(
        self, app: FastAPI, settings: Settings, clock: FrozenClock, alice: Account
    ) -> None:
        credential_id = install(app, clock, alice)
        for _ in range(2):
            with transaction(app.state.write_session_factory) as session:
                apps.mark_invalid(session, credential_id, now=clock.now(), reason="401")
        with transaction(app.state.session_factory) as session:
            assert session.get(Credential, credential_id).invalid is True  # type: ignore[union-attr]
            notices = session.scalar(
                select(func.count()).where(OutboxMessage.kind == CREDENTIAL_NOTICE_KIND)
            )
        assert notices == 1
        worker = Worker(
            app.state.engine, settings, clock, handlers(settings, app), rng=random.Random(1)
        )
        worker.drain()
        (email,) = list(settings.email_dir.glob("*.eml"))
        text = email.read_text()
        assert "To: Alice <alice@example.com>" in text
        assert "reconnect CalDAV Calendar" in text

    def test_reconnecting_the_same_account_makes_it_valid_again(
        self, app: FastAPI, clock: FrozenClock, alice: Account
    ) -> None:
        credential_id = install(app, clock, alice)
        with transaction(app.state.write_session_factory) as session:
            apps.mark_invalid(session, credential_id, now=clock.now(), reason="401")
        assert install(app, clock, alice, {**KEY, "password": "new-pw"}) == credential_id
        with transaction(app.state.session_factory) as session:
            credential = session.get(Credential, credential_id)
            assert credential is not None
            assert credential.invalid is False
            assert apps.key_of(app.state.settings, credential)["password"] == "new-pw"


class TestRotation:
    def test_rotation_reseals_credentials_and_webhook_secrets(
        self,
        app: FastAPI,
        client: TestClient,
        settings: Settings,
        clock: FrozenClock,
        alice: Account,
        database_url: str,
    ) -> None:
        credential_id = install(app, clock, alice)
        with transaction(app.state.write_session_factory) as session:
            session.add(
                Webhook(
                    user_id=alice.id,
                    subscriber_url="https://hooks.example.com/x",
                    triggers=["BOOKING_CREATED"],
                    active=True,
                    secret_encrypted=webhook_secrets.encrypt(settings, "hook-secret"),
                    created_at=clock.now(),
                    updated_at=clock.now(),
                )
            )
        key_file = settings.data_dir / ENCRYPTION_KEY_FILE
        old_key = key_file.read_text().strip()
        result = json_output(
            invoke(
                ["admin", "rotate-encryption-key", "--json"],
                cli_env(settings.data_dir, database_url),
            )
        )
        assert result == {"credentials": 1, "webhookSecrets": 1, "keyFile": True}
        new_key = key_file.read_text().strip()
        assert new_key != old_key
        assert (
            key_file.parent / (ENCRYPTION_KEY_FILE + ".previous")
        ).read_text().strip() == old_key
        assert key_file.stat().st_mode & 0o777 == 0o600
        rotated = Settings(data_dir=settings.data_dir)
        with transaction(app.state.session_factory) as session:
            credential = session.get(Credential, credential_id)
            hook = session.scalars(select(Webhook)).one()
        assert credential is not None
        assert apps.key_of(rotated, credential) == KEY
        assert webhook_secrets.decrypt(rotated, hook.secret_encrypted or "") == "hook-secret"
        with pytest.raises(sealing.UnreadableCredential):
            sealing.unseal(Settings(encryption_key=old_key), credential.key_encrypted)  # type: ignore[arg-type]

    def test_a_malformed_new_key_changes_nothing(
        self,
        app: FastAPI,
        settings: Settings,
        clock: FrozenClock,
        alice: Account,
        database_url: str,
    ) -> None:
        install(app, clock, alice)
        key_file = settings.data_dir / ENCRYPTION_KEY_FILE
        before = key_file.read_text()
        result = invoke(
            ["admin", "rotate-encryption-key", "--new-key", "not-a-key"],
            cli_env(settings.data_dir, database_url),
        )
        assert result.exit_code == 2
        assert "--new-key must be a Fernet key" in result.stderr
        assert key_file.read_text() == before
