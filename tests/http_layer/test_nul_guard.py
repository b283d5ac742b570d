"""No value may hold U+0000 (PostgreSQL cannot store it): every backend answers 400 and
writes nothing, whichever route and wherever the character hides."""

from __future__ import annotations

from fastapi.testclient import TestClient

from slotwise.http.nul_guard import carries_nul, lone_surrogate_field
from tests.conftest import Account

V2_EVENT_TYPES = {"cal-api-version": "2024-06-14"}


def event_type_count(client: TestClient, account: Account) -> int:
    response = client.get("/v2/event-types", headers={**account.headers, **V2_EVENT_TYPES})
    assert response.status_code == 200, response.text
    return len(response.json()["data"])


def test_a_nul_in_a_json_body_is_a_400_and_nothing_is_written(
    client: TestClient, alice: Account
) -> None:
    for field in ("title", "description", "slug"):
        body = {"lengthInMinutes": 30, "title": "Intro", "slug": "intro", field: "a\x00b"}
        response = client.post(
            "/v2/event-types", headers={**alice.headers, **V2_EVENT_TYPES}, json=body
        )
        assert response.status_code == 400, (field, response.text)
        assert response.json()["error"]["code"] == "BadRequestException"
        assert "NUL" in response.json()["error"]["message"]
    assert event_type_count(client, alice) == 0


def test_a_nul_in_the_query_or_path_is_a_400(client: TestClient, alice: Account) -> None:
    response = client.get("/v2/event-types", params={"username": "a\x00b"}, headers=V2_EVENT_TYPES)
    assert response.status_code == 400
    response = client.get("/v1/users/1%00", params=alice.v1)
    assert response.status_code == 400
    assert set(response.json()) == {"message"}  # v1 keeps its own error shape


def test_ordinary_requests_pass_untouched(client: TestClient, alice: Account) -> None:
    response = client.patch("/v2/me", headers=alice.headers, json={"bio": "back\\slash \\u0041"})
    assert response.status_code == 200
    assert (
        client.get("/v2/me", headers=alice.headers).json()["data"]["bio"] == "back\\slash \\u0041"
    )


def test_what_counts_as_a_nul() -> None:
    assert carries_nul("/x", b"", b'{"a": "\\u0000"}')
    assert carries_nul("/x", b"", b'{"a": "\\\\\\u0000"}')  # \\ then an escaped NUL
    assert not carries_nul("/x", b"", b'{"a": "\\\\u0000"}')  # the text backslash-u0000
    assert carries_nul("/x", b"q=%00", b"")
    assert carries_nul("/a\x00", b"", b"")
    assert not carries_nul("/x", b"q=%2500", b"{}")


def test_every_domain_refuses_a_nul_without_writing(client: TestClient, alice: Account) -> None:
    """The cases each domain once checked itself, now answered by the one guard."""
    before = client.get("/v2/me", headers=alice.headers).json()["data"]
    for body in ({"name": "nul\x00byte"}, {"bio": "\x00"}, {"metadata": {"note": "a\x00b"}}):
        assert client.patch("/v2/me", headers=alice.headers, json=body).status_code == 400
    assert client.get("/v2/me", headers=alice.headers).json()["data"] == before
    schedules = {**alice.headers, "cal-api-version": "2024-06-11"}
    body = {"name": "nul\x00", "timeZone": "UTC", "isDefault": True}
    assert client.post("/v2/schedules", headers=schedules, json=body).status_code == 400
    assert client.get("/v2/schedules", headers=schedules).json()["data"] == []
    slots = {"cal-api-version": "2024-09-04"}
    query = {
        "eventTypeSlug": "intro",
        "username": "a\x00b",
        "start": "2030-01-07",
        "end": "2030-01-08",
    }
    assert client.get("/v2/slots", params=query, headers=slots).status_code == 400
    assert client.get("/v2/slots/reservations/a%00b", headers=slots).status_code == 400


def test_a_lone_surrogate_is_a_400_naming_its_field_everywhere(
    client: TestClient, alice: Account
) -> None:
    """``"\\ud800"`` is valid JSON but no character: no driver can store it. Profile fields
    used to fail with a 500 while event types answered 400; now every route answers alike."""
    before = client.get("/v2/me", headers=alice.headers).json()["data"]
    json_headers = {**alice.headers, "content-type": "application/json"}
    for field in ("name", "bio"):
        body = f'{{"{field}": "a\\ud800b"}}'.encode()
        response = client.patch("/v2/me", headers=json_headers, content=body)
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["message"].startswith(f"Invalid request: {field}: is not valid text")
        assert error["details"][0]["field"] == field
    metadata = b'{"metadata": {"note": ["ok", "\\udfff"]}}'
    response = client.patch("/v2/me", headers=json_headers, content=metadata)
    assert response.json()["error"]["details"][0]["field"] == "metadata.note.1"
    assert client.get("/v2/me", headers=alice.headers).json()["data"] == before

    event_type = b'{"lengthInMinutes": 30, "title": "\\udc00", "slug": "intro"}'
    headers = {**json_headers, **V2_EVENT_TYPES}
    assert client.post("/v2/event-types", headers=headers, content=event_type).status_code == 400
    assert event_type_count(client, alice) == 0
    response = client.patch(f"/v1/users/{alice.id}", params=alice.v1, headers=json_headers,
                            content=b'{"name": "\\ud800"}')  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()) == {"message"}


def test_a_surrogate_pair_is_one_character_and_passes(client: TestClient, alice: Account) -> None:
    headers = {**alice.headers, "content-type": "application/json"}
    body = b'{"bio": "\\ud83d\\ude00 and the text \\\\ud800"}'
    assert client.patch("/v2/me", headers=headers, content=body).status_code == 200
    bio = client.get("/v2/me", headers=alice.headers).json()["data"]["bio"]
    assert bio == "\U0001f600 and the text \\ud800"


def test_where_a_lone_surrogate_is() -> None:
    assert lone_surrogate_field(b'{"a": {"b": ["x", "\\uDBFF"]}}') == "a.b.1"
    assert lone_surrogate_field(b'{"\\ud800": 1}') == "body"
    assert lone_surrogate_field(b'"\\ud800"') == "body"
    assert lone_surrogate_field(b'{"a": "\\ud83d\\ude00"}') is None
    assert lone_surrogate_field(b'{"a": "\\\\ud800"}') is None  # the text backslash-u-d800
    assert lone_surrogate_field(b"name=%5Cud800") is None  # not JSON: the route decides
