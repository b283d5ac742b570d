"""The HTTP layer's error shapes and the ``cal-api-version`` resolution.

v2 paths answer Cal.com's HttpExceptionFilter envelope; v1 paths answer ``{"message"}`` only;
an unexpected exception is a 500 that leaks nothing of its cause.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy.exc import DataError

from slotwise.clock import FrozenClock
from slotwise.http.envelope import format_instant
from slotwise.http.versioning import API_VERSION_HEADER, ApiVersion, ApiVersionDep
from tests.conftest import Account

ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
SECRET = "secret internals"
HUGE = 2**64  # beyond SQLite's and PostgreSQL's integers


def v2_error(response: Response, status: int, code: str, path: str) -> dict[str, Any]:
    """Checks the v2 error envelope and returns its ``error`` object."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"status", "timestamp", "path", "error"}
    assert body["status"] == "error"
    assert body["path"] == path
    assert ISO_Z.match(body["timestamp"]), body["timestamp"]
    stamp = datetime.fromisoformat(body["timestamp"].replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - stamp) < timedelta(minutes=5)
    error = body["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str)
    assert error["message"]
    assert set(error) <= {"code", "message", "details"}
    return dict(error)


def v1_error(response: Response, status: int) -> str:
    """Checks v1's bare ``{"message"}`` body and returns the message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"message"}
    assert isinstance(body["message"], str)
    assert body["message"]
    return str(body["message"])


@pytest.fixture
def boom_app(app: FastAPI) -> FastAPI:
    """The app plus throwaway routes that fail unexpectedly (v2 and v1 paths)."""

    @app.get("/v2/test-boom")
    def _boom_v2() -> None:
        raise RuntimeError(SECRET)

    @app.get("/v1/test-boom")
    def _boom_v1() -> None:
        raise RuntimeError(SECRET)

    @app.get("/v2/test-data-error")
    def _data_error() -> None:
        raise DataError("SELECT 1", {}, FakeDriverError(SECRET))

    return app


class FakeDriverError(Exception):
    sqlstate = "22P02"  # invalid_text_representation: not a "number out of range"


@pytest.fixture
def version_app(app: FastAPI) -> FastAPI:
    """The app plus a throwaway route echoing the version the middleware resolved."""

    @app.get("/v2/test-version")
    def _echo(version: ApiVersionDep) -> dict[str, str]:
        assert isinstance(version, ApiVersion)
        return {"version": version.value}

    return app


class TestV2Envelope:
    def test_unknown_route_is_404_not_found_exception(self, client: TestClient) -> None:
        response = client.get("/v2/no-such-thing")
        error = v2_error(response, 404, "NotFoundException", "/v2/no-such-thing")
        assert error["message"] == "Cannot GET /v2/no-such-thing"

    def test_unknown_route_outside_v2_also_uses_the_envelope(self, client: TestClient) -> None:
        response = client.post("/nowhere")
        v2_error(response, 404, "NotFoundException", "/nowhere")

    def test_path_excludes_the_query_string(self, client: TestClient) -> None:
        response = client.get("/v2/missing", params={"apiKey": "cal_should_not_echo"})
        v2_error(response, 404, "NotFoundException", "/v2/missing")
        assert "cal_should_not_echo" not in response.text

    def test_wrong_method_is_405(self, client: TestClient, alice: Account) -> None:
        response = client.delete("/v2/me", headers=alice.headers)
        v2_error(response, 405, "MethodNotAllowedException", "/v2/me")
        allowed = {m.strip() for m in response.headers["allow"].split(",")}
        assert {"GET", "PATCH"} <= allowed
        assert "DELETE" not in allowed

    def test_a_literal_path_advertises_only_its_own_methods(
        self, client: TestClient, alice: Account
    ) -> None:
        """PATCH and DELETE /v2/schedules/{scheduleId} match the text ``default`` but refuse
        it as an id (400): /v2/schedules/default itself serves GET only."""
        headers = {**alice.headers, "cal-api-version": "2024-06-11"}
        response = client.post("/v2/schedules/default", headers=headers)
        v2_error(response, 405, "MethodNotAllowedException", "/v2/schedules/default")
        assert response.headers["allow"] == "GET"
        for method in ("PATCH", "DELETE"):
            assert (
                client.request(method, "/v2/schedules/default", headers=headers).status_code == 400
            )

    def test_validation_failure_is_400_naming_every_bad_field(
        self, client: TestClient, alice: Account
    ) -> None:
        response = client.patch(
            "/v2/me",
            headers=alice.headers,
            json={"timeFormat": 13, "weekStart": "Someday", "favouriteColour": "blue"},
        )
        error = v2_error(response, 400, "BadRequestException", "/v2/me")
        fields = {d["field"] for d in error["details"]}
        # Unknown fields are dropped on v2 (Cal.com's whitelist), so only the known bad ones.
        assert fields == {"timeFormat", "weekStart"}
        assert all(d["location"] == "body" for d in error["details"])
        assert all(d["message"] for d in error["details"])
        for field in fields:
            assert field in error["message"]
        assert "favouriteColour" not in error["message"]

    def test_v1_refuses_unknown_fields_by_name(self, client: TestClient, admin: Account) -> None:
        response = client.patch(
            f"/v1/users/{admin.id}", params=admin.v1, json={"favouriteColour": "blue"}
        )
        assert response.status_code == 400
        assert response.json() == {
            "message": "Invalid request: favouriteColour: is not a known field"
        }

    def test_malformed_json_is_400_not_500(self, client: TestClient, alice: Account) -> None:
        response = client.patch(
            "/v2/me",
            headers={**alice.headers, "content-type": "application/json"},
            content=b"{not json",
        )
        error = v2_error(response, 400, "BadRequestException", "/v2/me")
        assert error["details"][0]["field"] == "body"
        assert "not valid JSON" in error["message"]

    def test_missing_key_is_401_unauthorized_exception(self, client: TestClient) -> None:
        v2_error(client.get("/v2/me"), 401, "UnauthorizedException", "/v2/me")

    def test_unexpected_exception_is_500_without_internals(
        self, boom_app: FastAPI, caplog: pytest.LogCaptureFixture
    ) -> None:
        with TestClient(boom_app, raise_server_exceptions=False) as client:
            response = client.get("/v2/test-boom")
        error = v2_error(response, 500, "InternalServerErrorException", "/v2/test-boom")
        assert error["message"] == "Internal server error"
        assert "details" not in error
        assert SECRET not in response.text
        assert "Traceback" not in response.text
        assert "RuntimeError" not in response.text
        # ...but the operator's log has it, traceback and all.
        logged = [r for r in caplog.records if r.name == "slotwise.http"]
        assert logged
        assert logged[0].exc_info is not None
        assert SECRET in str(logged[0].exc_info[1])

    def test_other_database_data_errors_stay_500(self, boom_app: FastAPI) -> None:
        with TestClient(boom_app, raise_server_exceptions=False) as client:
            response = client.get("/v2/test-data-error")
        v2_error(response, 500, "InternalServerErrorException", "/v2/test-data-error")
        assert SECRET not in response.text


class TestNumbersOutOfRange:
    """A number too big for the database is the client's mistake (400), never a 500."""

    def test_huge_id_in_a_v1_path_is_400(self, client: TestClient, admin: Account) -> None:
        for method in ("GET", "PATCH", "DELETE"):
            response = client.request(
                method,
                f"/v1/users/{HUGE}",
                params=admin.v1,
                json={} if method == "PATCH" else None,
            )
            assert "user_id" in v1_error(response, 400)

    def test_huge_id_in_a_v2_body_is_400_and_changes_nothing(
        self, client: TestClient, alice: Account
    ) -> None:
        before = client.get("/v2/me", headers=alice.headers).json()["data"]
        response = client.patch(
            "/v2/me", headers=alice.headers, json={"defaultScheduleId": HUGE, "bio": "changed"}
        )
        error = v2_error(response, 400, "BadRequestException", "/v2/me")
        assert "defaultScheduleId" in error["message"]
        assert client.get("/v2/me", headers=alice.headers).json()["data"] == before

    def test_an_id_beyond_32_bits_is_refused_alike_on_both_databases(
        self, client: TestClient, admin: Account
    ) -> None:
        # Ids are bounded at the edge to PostgreSQL's INTEGER, so SQLite answers the same.
        response = client.get(f"/v1/users/{2**31}", params=admin.v1)
        assert "user_id" in v1_error(response, 400)
        response = client.get(f"/v1/users/{2**31 - 1}", params=admin.v1)
        assert "not found" in v1_error(response, 404)


class TestV1Errors:
    def test_unknown_v1_route_answers_message_only(self, client: TestClient) -> None:
        message = v1_error(client.get("/v1/no-such-thing"), 404)
        assert message == "Cannot GET /v1/no-such-thing"

    def test_v1_missing_key_answers_message_only(self, client: TestClient) -> None:
        v1_error(client.get("/v1/me"), 401)

    def test_v1_wrong_method_answers_message_only(self, client: TestClient, alice: Account) -> None:
        response = client.put(f"/v1/users/{alice.id}", params=alice.v1, json={})
        v1_error(response, 405)
        allowed = {m.strip() for m in response.headers["allow"].split(",")}
        assert allowed == {"GET", "PATCH", "DELETE"}

    def test_v1_validation_answers_message_naming_the_field(
        self, client: TestClient, alice: Account
    ) -> None:
        message = v1_error(client.get("/v1/users/not-a-number", params=alice.v1), 400)
        assert "user_id" in message

    def test_v1_unexpected_exception_answers_message_only(self, boom_app: FastAPI) -> None:
        with TestClient(boom_app, raise_server_exceptions=False) as client:
            response = client.get("/v1/test-boom")
        assert v1_error(response, 500) == "Internal server error"
        assert SECRET not in response.text
        assert "Traceback" not in response.text

    def test_a_path_merely_starting_with_v1_is_not_v1(self, client: TestClient) -> None:
        response = client.get("/v1x/anything")
        v2_error(response, 404, "NotFoundException", "/v1x/anything")


class TestApiVersionFromHeader:
    @pytest.mark.parametrize("version", list(ApiVersion))
    def test_known_values_are_kept(self, version: ApiVersion) -> None:
        assert ApiVersion.from_header(version.value) is version

    def test_the_known_versions_are_cal_coms(self) -> None:
        assert {v.value for v in ApiVersion} == {
            "2024-04-15",
            "2024-06-11",
            "2024-06-14",
            "2024-08-13",
            "2024-09-04",
        }

    @pytest.mark.parametrize(
        "raw",
        [
            None,
            "",
            "2024-01-01",
            "2099-12-31",
            "latest",
            " 2024-08-13",
            "2024-08-13 ",
            "2024-8-13",
            "V2024-08-13",
            "2024_08_13",
            "V2024_08_13",  # the enum member's name, not its value
        ],
    )
    def test_missing_empty_or_unknown_means_legacy(self, raw: str | None) -> None:
        assert ApiVersion.from_header(raw) is ApiVersion.V2024_04_15

    def test_other_case_means_legacy(self) -> None:
        # Dates have no letters, so "other case" is about a value that differs only in case
        # from a member name; none of them may resolve to a dated version.
        for version in ApiVersion:
            for raw in (version.name.lower(), version.name.upper()):
                assert ApiVersion.from_header(raw) is ApiVersion.V2024_04_15


class TestApiVersionMiddleware:
    @pytest.mark.parametrize("version", list(ApiVersion))
    def test_routes_receive_the_resolved_version(
        self, version_app: FastAPI, version: ApiVersion
    ) -> None:
        with TestClient(version_app) as client:
            response = client.get("/v2/test-version", headers={API_VERSION_HEADER: version.value})
        assert response.status_code == 200, response.text
        assert response.json() == {"version": version.value}

    @pytest.mark.parametrize("headers", [{}, {API_VERSION_HEADER: ""}, {API_VERSION_HEADER: "x"}])
    def test_routes_receive_legacy_when_header_is_missing_or_unknown(
        self, version_app: FastAPI, headers: dict[str, str]
    ) -> None:
        with TestClient(version_app) as client:
            response = client.get("/v2/test-version", headers=headers)
        assert response.status_code == 200, response.text
        assert response.json() == {"version": "2024-04-15"}

    def test_header_name_is_case_insensitive(self, version_app: FastAPI) -> None:
        with TestClient(version_app) as client:
            response = client.get("/v2/test-version", headers={"Cal-Api-Version": "2024-09-04"})
        assert response.json() == {"version": "2024-09-04"}

    def test_each_request_resolves_its_own_version(self, version_app: FastAPI) -> None:
        with TestClient(version_app) as client:
            first = client.get("/v2/test-version", headers={API_VERSION_HEADER: "2024-08-13"})
            second = client.get("/v2/test-version")
        assert first.json() == {"version": "2024-08-13"}
        assert second.json() == {"version": "2024-04-15"}


def test_error_timestamps_come_from_the_apps_clock(client: TestClient, clock: FrozenClock) -> None:
    clock.advance(days=400)  # far from the real time, so the system clock could not match
    response = client.get("/v2/me")
    assert response.status_code == 401
    assert response.json()["timestamp"] == format_instant(clock.now())
