"""Signing in and out, sessions in the database, CSRF, sign-in limits, sign-up and
password resets."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from slotwise.accounts.models import PasswordReset, WebSession
from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.db import transaction
from slotwise.outbox.models import OutboxMessage
from slotwise.outbox.worker import Worker
from tests.conftest import Account, handlers
from tests.web_host.helpers import PASSWORD, csrf_of, post_form, set_password, sign_in

HTML = {"Accept": "text/html"}


def count(app: FastAPI, model: type) -> int:
    with transaction(app.state.session_factory) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


class TestSignIn:
    def test_a_page_sends_a_stranger_to_sign_in_and_back(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        answer = client.get("/event-types?x=1", follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/auth/login?next=%2Fevent-types%3Fx%3D1"
        set_password(app, alice.email)
        page = client.get(answer.headers["location"])
        assert 'name="next" value="/event-types?x=1"' in page.text
        signed = client.post(
            "/auth/login",
            data={"email": "ALICE@example.com", "password": PASSWORD, "next": "/event-types?x=1",
                  "csrf_token": csrf_of(page.text)},
            follow_redirects=False,
        )  # fmt: skip
        assert signed.status_code == 303
        assert signed.headers["location"] == "/event-types?x=1"
        cookie = signed.headers["set-cookie"]
        assert "slotwise_session=" in cookie
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie.replace("Lax", "lax")
        assert "Secure" not in cookie  # http://localhost
        assert count(app, WebSession) == 1
        assert client.get("/event-types").status_code == 200

    def test_the_cookie_holds_a_token_the_database_keeps_only_hashed(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        sign_in(client, app, alice.email)
        token = client.cookies["slotwise_session"]
        with transaction(app.state.session_factory) as session:
            stored = session.scalars(select(WebSession.token_hash)).one()
        assert token not in stored
        assert len(stored) == 64

    def test_a_wrong_password_is_refused_and_starts_no_session(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        set_password(app, alice.email)
        for email, password in ((alice.email, "wrong password"), ("nobody@example.com", PASSWORD)):
            answer = post_form(client, "/auth/login", "/auth/login", email=email, password=password)
            assert answer.status_code == 400
            assert "Wrong email or password" in answer.text
        assert count(app, WebSession) == 0
        assert "slotwise_session" not in client.cookies

    def test_a_form_without_its_token_is_refused(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        set_password(app, alice.email)
        client.get("/auth/login")
        for token in (None, "forged"):
            data = {"email": alice.email, "password": PASSWORD}
            if token:
                data["csrf_token"] = token
            answer = client.post("/auth/login", data=data, follow_redirects=False)
            assert answer.status_code == 403
        assert count(app, WebSession) == 0

    def test_a_signed_in_form_needs_the_session_token_not_the_anonymous_one(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        client.get("/auth/login")
        anonymous = client.cookies["slotwise_csrf"]
        sign_in(client, app, alice.email)
        answer = client.post(
            "/event-types/new",
            data={"title": "X", "slug": "x", "length_in_minutes": "30", "csrf_token": anonymous},
            follow_redirects=False,
        )
        assert answer.status_code == 403

    def test_signing_out_ends_the_session_in_the_database(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        sign_in(client, app, alice.email)
        token = client.cookies["slotwise_session"]
        answer = post_form(client, "/event-types", "/auth/logout")
        assert answer.status_code == 303
        assert count(app, WebSession) == 0
        client.cookies.set("slotwise_session", token)  # a copied cookie opens nothing now
        assert client.get("/event-types", follow_redirects=False).status_code == 303

    def test_next_never_leaves_the_site(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        set_password(app, alice.email)
        for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
            answer = post_form(
                client, "/auth/login", "/auth/login",
                email=alice.email, password=PASSWORD, next=target,
            )  # fmt: skip
            assert answer.headers["location"] == "/event-types"


class TestSignInLimits:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return settings.model_copy(update={"rate_limit_sign_ins_per_account": 3})

    def test_attempts_are_limited_per_account_even_with_the_right_password(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        set_password(app, alice.email)
        statuses = [
            post_form(client, "/auth/login", "/auth/login",
                      email=alice.email, password="nope nope").status_code
            for _ in range(3)
        ]  # fmt: skip
        assert statuses == [400, 400, 400]
        blocked = post_form(
            client, "/auth/login", "/auth/login", email=alice.email, password=PASSWORD
        )
        assert blocked.status_code == 429
        assert "Too many sign-in attempts" in blocked.text
        assert count(app, WebSession) == 0


class TestSignUp:
    def test_sign_up_is_closed_by_default(self, client: TestClient, app: FastAPI) -> None:
        assert client.get("/auth/signup").status_code == 403
        client.get("/auth/login")
        answer = client.post(
            "/auth/signup",
            data={"email": "new@example.com", "username": "newbie", "password": "long enough",
                  "csrf_token": client.cookies["slotwise_csrf"]},
        )  # fmt: skip
        assert answer.status_code == 403

    def test_an_open_instance_creates_the_account_and_signs_it_in(
        self, client: TestClient, app: FastAPI
    ) -> None:
        app.state.settings = app.state.settings.model_copy(update={"signup_enabled": True})
        bad = post_form(
            client, "/auth/signup", "/auth/signup",
            email="not-an-email", username="Bad Name!", password="short",
        )  # fmt: skip
        assert bad.status_code == 400
        assert 'id="e-password"' in bad.text
        assert 'id="e-username"' in bad.text or 'id="e-email"' in bad.text
        good = post_form(
            client, "/auth/signup", "/auth/signup", name="Newbie", email="new@example.com",
            username="newbie", password="long enough", time_zone="Europe/Paris",
        )  # fmt: skip
        assert good.status_code == 303
        page = client.get("/event-types")
        assert page.status_code == 200
        assert '<span class="muted small">newbie</span>' in page.text


class TestPasswordReset:
    def test_a_reset_link_is_mailed_through_the_outbox_and_works_once(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        set_password(app, alice.email)
        sent = post_form(
            client, "/auth/forgot-password", "/auth/forgot-password", email=alice.email
        )
        unknown = post_form(
            client, "/auth/forgot-password", "/auth/forgot-password", email="no@example.com"
        )
        assert sent.status_code == unknown.status_code == 200
        assert sent.text.count("If an account uses that address") == 1
        assert "If an account uses that address" in unknown.text
        with transaction(app.state.session_factory) as session:
            rows = list(session.scalars(select(OutboxMessage)))
            stored = session.scalars(select(PasswordReset.token_hash)).one()
        assert [row.kind for row in rows] == ["account_email"]
        link = rows[0].payload["link"]
        assert link.startswith("http://localhost:8000/auth/forgot-password/")
        token = link.rsplit("/", 1)[1]
        assert token not in stored
        path = f"/auth/forgot-password/{token}"
        assert post_form(client, path, path, password="short").status_code == 400
        changed = post_form(client, path, path, password="a brand new one")
        assert changed.status_code == 303
        assert client.get(path).status_code == 404  # used
        old = post_form(client, "/auth/login", "/auth/login", email=alice.email, password=PASSWORD)
        assert old.status_code == 400
        sign_in(client, app, alice.email, "a brand new one")

    def test_the_email_is_delivered_with_the_link(
        self, client: TestClient, app: FastAPI, alice: Account, clock: FrozenClock
    ) -> None:
        post_form(client, "/auth/forgot-password", "/auth/forgot-password", email=alice.email)
        with transaction(app.state.session_factory) as session:
            link = session.scalars(select(OutboxMessage)).one().payload["link"]
        settings = app.state.settings
        worker = Worker(app.state.engine, settings, clock, handlers(settings, app))
        assert worker.drain() == 1
        written = list(settings.email_dir.glob("*.eml"))
        assert len(written) == 1
        email = message_from_bytes(written[0].read_bytes(), policy=policy.default)
        assert isinstance(email, EmailMessage)
        assert link in email.get_content()
        assert email["To"] == "Alice <alice@example.com>"
        assert email["Subject"] == "Reset your slotwise password"


def test_the_demo_user_can_sign_in(client: TestClient, app: FastAPI, clock: FrozenClock) -> None:
    from slotwise.demo.seed import DEMO_EMAIL, seed_demo_data
    from slotwise.users.passwords import password_hasher

    with transaction(app.state.write_session_factory) as session:
        seed_demo_data(
            session, now=clock.now(), hasher=password_hasher(app.state.settings),
            password="demo-password",
        )  # fmt: skip
    answer = post_form(
        client, "/auth/login", "/auth/login", email=DEMO_EMAIL, password="demo-password"
    )
    assert answer.status_code == 303
    assert "30 min meeting" in client.get("/event-types").text
