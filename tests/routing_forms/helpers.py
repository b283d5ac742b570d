"""A routing form made through the API, and its public calls."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from tests.conftest import Account
from tests.slots.helpers import data

DAY = "2030-03-26"  # a Tuesday
WINDOW = {"start": DAY, "end": DAY, "timeZone": "UTC"}

COUNTRY = {
    "id": "country",
    "label": "Country",
    "identifier": "country",
    "type": "select",
    "required": True,
    "options": [{"id": "de", "label": "Germany"}, {"id": "fr", "label": "France"}],
}
SIZE = {"id": "size", "label": "Company size", "identifier": "size", "type": "number"}
EMAIL = {"id": "email", "label": "Email", "identifier": "email", "type": "email"}


def make_form(client: TestClient, owner: Account, **fields: Any) -> dict[str, Any]:
    body = {"name": "Inbound", "fields": [COUNTRY, SIZE, EMAIL], "routes": [], **fields}
    created: dict[str, Any] = data(
        client.post("/v2/routing-forms", headers=owner.headers, json=body), 201
    )
    return created


def submit(client: TestClient, form_id: str, answers: dict[str, Any], **query: Any) -> Response:
    return client.post(
        f"/v2/routing-forms/{form_id}/responses", params={**WINDOW, **query}, json=answers
    )
