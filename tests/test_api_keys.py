"""API keys: how v2 reads them, what the database keeps of them, expiry and lastUsedAt."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from slotwise.api_keys import service as api_keys
from slotwise.api_keys.models import ApiKey
from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.db import Base, transaction
from slotwise.errors import Invalid
from slotwise.users.models import User
from tests.conftest import Account, Accounts

KEY_FORMAT = re.compile(r"^cal_[0-9a-f]{32}$")


def assert_v2_unauthorized(response: Any, path: str = "/v2/me") -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert set(body) == {"status", "timestamp", "path", "error"}
    assert body["status"] == "error"
    assert body["path"] == path
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["timestamp"])
    assert body["error"]["code"] == "UnauthorizedException"
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    assert "data" not in body


def key_row(app: FastAPI, account: Account) -> ApiKey:
    with app.state.session_factory() as session:
        rows = session.scalars(select(ApiKey).where(ApiKey.user_id == account.id)).all()
        assert len(rows) == 1
        return rows[0]


class TestPresentingAKey:
    @pytest.mark.parametrize(
        "template",
        ["Bearer {key}", "bearer {key}", "BEARER {key}", "bEaReR {key}", "{key}",
         "Bearer   {key}  ", "  {key}"],
    )  # fmt: skip
    def test_accepted_forms_of_the_authorization_header(
        self, client: TestClient, alice: Account, template: str
    ) -> None:
        header = {"Authorization": template.format(key=alice.api_key)}
        response = client.get("/v2/me", headers=header)
        assert response.status_code == 200, response.text
        assert response.json()["data"]["id"] == alice.id

    def test_no_header_is_a_401(self, client: TestClient, alice: Account) -> None:
        assert_v2_unauthorized(client.get("/v2/me"))

    @pytest.mark.parametrize(
        "value",
        ["Bearer", "Bearer   ", "Basic xyz", "", "   ", "Bearer cal_" + "0" * 32,
         "cal_" + "f" * 32, "Token {key}", "Basic {key}", "Bearer {key}x", "Bearer {upper}",
         "Bearer {key} {key}", "Bearer {prefix}"],
    )  # fmt: skip
    def test_unknown_or_malformed_keys_are_a_401(
        self, client: TestClient, alice: Account, value: str
    ) -> None:
        header = value.format(
            key=alice.api_key, upper=alice.api_key.upper(), prefix=alice.api_key[:8]
        )
        assert_v2_unauthorized(client.get("/v2/me", headers={"Authorization": header}))

    def test_the_api_key_query_parameter_does_not_authenticate_v2(
        self, client: TestClient, alice: Account
    ) -> None:
        assert client.get("/v1/me", params=alice.v1).status_code == 200  # the key is good
        assert_v2_unauthorized(client.get("/v2/me", params=alice.v1))

    def test_a_401_on_a_write_changes_nothing(self, client: TestClient, alice: Account) -> None:
        response = client.patch(
            "/v2/me", headers={"Authorization": "Bearer nope"}, json={"bio": "hacked"}
        )
        assert_v2_unauthorized(response)
        assert client.get("/v2/me", headers=alice.headers).json()["data"]["bio"] is None

    def test_an_expired_key_is_a_401(
        self, client: TestClient, accounts: Accounts, clock: FrozenClock
    ) -> None:
        account = accounts.create(expires_in_days=1)
        assert client.get("/v2/me", headers=account.headers).status_code == 200
        clock.advance(days=2)
        assert_v2_unauthorized(client.get("/v2/me", headers=account.headers))
        assert client.get("/v1/me", params=account.v1).status_code == 401

    def test_a_key_expires_at_exactly_its_expiry_instant(
        self, client: TestClient, accounts: Accounts, clock: FrozenClock
    ) -> None:
        account = accounts.create(expires_in_days=1)
        clock.advance(days=1, seconds=-1)
        assert client.get("/v2/me", headers=account.headers).status_code == 200
        clock.advance(seconds=1)
        assert_v2_unauthorized(client.get("/v2/me", headers=account.headers))

    def test_a_key_without_expiry_keeps_working(
        self, client: TestClient, alice: Account, clock: FrozenClock
    ) -> None:
        clock.advance(days=5000)
        assert client.get("/v2/me", headers=alice.headers).status_code == 200


class TestStorage:
    def test_key_format_prefix_and_hash(
        self, app: FastAPI, accounts: Accounts, clock: FrozenClock
    ) -> None:
        first, second = accounts.create(), accounts.create()
        for account in (first, second):
            assert KEY_FORMAT.match(account.api_key), account.api_key
            row = key_row(app, account)
            assert row.prefix == account.api_key[:8]
            assert row.prefix.startswith("cal_")
            assert row.hashed_key == hashlib.sha256(account.api_key.encode()).hexdigest()
            assert row.created_at == clock.now()
            assert row.expires_at is None
        assert first.api_key != second.api_key

    def test_expiry_is_stored_from_the_clock(
        self, app: FastAPI, accounts: Accounts, clock: FrozenClock
    ) -> None:
        from datetime import timedelta

        account = accounts.create(expires_in_days=30)
        assert key_row(app, account).expires_at == clock.now() + timedelta(days=30)

    def test_the_raw_key_appears_in_no_column_of_any_table(
        self, client: TestClient, app: FastAPI, accounts: Accounts
    ) -> None:
        account = accounts.create()
        assert client.get("/v2/me", headers=account.headers).status_code == 200
        assert client.get("/v1/me", params=account.v1).status_code == 200
        tables = {t.name: t for t in Base.metadata.sorted_tables}
        assert {"api_keys", "users"} <= set(tables)
        secret_part = account.api_key[4:]
        checked = 0
        with app.state.session_factory() as session:
            for name, table in tables.items():
                for row in session.execute(select(table)).all():
                    for value in row:
                        if value is None:
                            continue
                        rendered = value if isinstance(value, str) else repr(value)
                        assert account.api_key not in rendered, (name, value)
                        assert secret_part not in rendered, (name, value)
                        checked += 1
        assert checked > 0

    @pytest.mark.sqlite_only
    def test_the_raw_key_appears_nowhere_in_the_sqlite_files(
        self, client: TestClient, app: FastAPI, accounts: Accounts, settings: Settings
    ) -> None:
        account = accounts.create()
        assert client.get("/v2/me", headers=account.headers).status_code == 200
        assert client.get("/v1/me", params=account.v1).status_code == 200
        db_file = Path(settings.data_dir) / "slotwise.db"
        files = [db_file, db_file.with_name(db_file.name + "-wal")]
        contents = b"".join(f.read_bytes() for f in files if f.exists())
        # sanity: the rows really are in these bytes (so absence of the key means something)
        assert key_row(app, account).hashed_key.encode() in contents
        for needle in (account.api_key, account.api_key[4:], account.api_key.upper()):
            assert needle.encode() not in contents
            assert needle.encode("utf-16-le") not in contents


class TestLastUsedAt:
    def test_is_set_on_first_use_and_refreshed_at_most_once_a_minute(
        self, client: TestClient, app: FastAPI, alice: Account, clock: FrozenClock
    ) -> None:
        assert key_row(app, alice).last_used_at is None
        first_use = clock.now()
        assert client.get("/v2/me", headers=alice.headers).status_code == 200
        assert key_row(app, alice).last_used_at == first_use

        clock.advance(seconds=10)
        assert client.get("/v2/me", headers=alice.headers).status_code == 200
        assert key_row(app, alice).last_used_at == first_use  # not rewritten

        clock.advance(minutes=2)
        assert client.get("/v1/me", params=alice.v1).status_code == 200
        assert key_row(app, alice).last_used_at == clock.now()
        assert clock.now() != first_use

    def test_a_failed_call_does_not_touch_it(
        self, client: TestClient, app: FastAPI, accounts: Accounts, clock: FrozenClock
    ) -> None:
        account = accounts.create(expires_in_days=1)
        clock.advance(days=2)
        assert client.get("/v2/me", headers=account.headers).status_code == 401
        assert key_row(app, account).last_used_at is None

    def test_only_the_key_used_is_touched(
        self, client: TestClient, app: FastAPI, accounts: Accounts
    ) -> None:
        used, idle = accounts.create(), accounts.create()
        assert client.get("/v2/me", headers=used.headers).status_code == 200
        assert key_row(app, used).last_used_at is not None
        assert key_row(app, idle).last_used_at is None


class TestIssueKey:
    NOW = datetime(2030, 1, 1, tzinfo=UTC)

    @pytest.mark.parametrize(
        "kwargs",
        [{"expires_in_days": 0}, {"expires_in_days": -1}, {"expires_in_days": 3651},
         {"expires_in_days": 4000}, {"name": "x" * 201}],
    )  # fmt: skip
    def test_bad_input_is_invalid_and_issues_nothing(
        self, app: FastAPI, alice: Account, kwargs: dict[str, Any]
    ) -> None:
        with transaction(app.state.session_factory) as session:
            user = session.get(User, alice.id)
            assert user is not None
            with pytest.raises(Invalid):
                api_keys.issue_key(session, user, now=self.NOW, **kwargs)
            # the transaction commits: whatever issue_key left in the session is written
        with app.state.session_factory() as session:
            count = session.execute(
                text("SELECT count(*) FROM api_keys WHERE user_id = :u"), {"u": alice.id}
            ).scalar_one()
        assert count == 1  # only the key the fixture issued

    @pytest.mark.parametrize(
        "kwargs",
        [{"expires_in_days": 1}, {"expires_in_days": 3650}, {"name": "x" * 200},
         {"name": "  ci key  "}],
    )  # fmt: skip
    def test_boundary_values_are_accepted(
        self, app: FastAPI, alice: Account, kwargs: dict[str, Any]
    ) -> None:
        with transaction(app.state.session_factory) as session:
            user = session.get(User, alice.id)
            assert user is not None
            issued = api_keys.issue_key(session, user, now=self.NOW, **kwargs)
            assert KEY_FORMAT.match(issued.secret)
            assert issued.record.name == kwargs.get("name", "").strip()
        with app.state.session_factory() as session:
            names = session.scalars(select(ApiKey.name).where(ApiKey.user_id == alice.id)).all()
        assert len(names) == 2
