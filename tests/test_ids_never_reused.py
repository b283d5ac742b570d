"""A deleted row's id is never handed out again (SQLite would, without AUTOINCREMENT)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts


def test_a_deleted_users_id_is_not_given_to_the_next_user(
    client: TestClient, accounts: Accounts, admin: Account
) -> None:
    doomed = accounts.create(username="doomed")
    response = client.delete(f"/v1/users/{doomed.id}", params=admin.v1)
    assert response.status_code == 200
    newcomer = accounts.create(username="newcomer")
    assert newcomer.id > doomed.id
    # The old id stays dead: it does not resolve to the newcomer.
    assert client.get(f"/v1/users/{doomed.id}", params=admin.v1).status_code == 404
