"""The admin area: only instance admins see it; they create users and disable accounts, and
a disabled account can neither sign in, keep its session, nor use its API keys."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.web_host.helpers import PASSWORD, post_form, sign_in

USERS = "/settings/admin/users"


def test_only_instance_admins_reach_it(client: TestClient, app: FastAPI, alice: Account) -> None:
    sign_in(client, app, alice.email)
    assert client.get(USERS, headers={"Accept": "text/html"}).status_code == 404
    assert "Admin" not in client.get("/event-types").text


def test_an_admin_creates_and_disables_users(
    app: FastAPI, accounts: Accounts, admin: Account, alice: Account
) -> None:
    with TestClient(app) as root, TestClient(app) as other:
        sign_in(root, app, admin.email)
        page = root.get(USERS).text
        assert "alice@example.com" in page
        created = post_form(
            root, USERS, USERS, name="Nina", email="nina@example.com", username="nina",
            password="nina's password",
        )  # fmt: skip
        assert created.status_code == 303
        sign_in(other, app, "nina@example.com", "nina's password")

        sign_in(other, app, alice.email)  # alice's browser, signed in
        assert other.get("/event-types").status_code == 200
        disabled = post_form(root, USERS, f"{USERS}/{alice.id}/disable")
        assert disabled.status_code == 303
        assert "Disabled" in root.get(USERS).text
        assert other.get("/event-types", follow_redirects=False).status_code == 303
        assert other.get("/v2/me", headers=alice.headers).status_code == 401
        refused = post_form(other, "/auth/login", "/auth/login", email=alice.email,
                            password=PASSWORD)  # fmt: skip
        assert refused.status_code == 400
        assert "disabled" in refused.text

        post_form(root, USERS, f"{USERS}/{alice.id}/enable")
        assert other.get("/v2/me", headers=alice.headers).status_code == 200

        own = post_form(root, USERS, f"{USERS}/{admin.id}/disable")
        assert own.status_code == 400
        assert "your own account" in own.text
