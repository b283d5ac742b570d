"""Short calls the workflow tests share."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.outbox.models import OutboxMessage
from tests.conftest import Account
from tests.slots.helpers import data

REMINDER_STEP = {
    "stepNumber": 1,
    "action": "email_attendee",
    "template": "reminder",
    "sender": "Cal",
    "message": {
        "subject": "Soon: {EVENT_NAME} at {EVENT_TIME} {TIMEZONE}",
        "html": "<p>Hi {ATTENDEE_NAME}</p>",
    },
}


def workflow_body(
    event_type_ids: list[int] | None = None,
    *,
    trigger: str = "beforeEvent",
    offset: dict[str, Any] | None = None,
    steps: list[dict[str, Any]] | None = None,
    name: str = "Remind the attendee",
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "activation": {
            "isActiveOnAllEventTypes": event_type_ids is None,
            "activeOnEventTypeIds": event_type_ids or [],
        },
        "trigger": {"type": trigger},
        "steps": steps or [REMINDER_STEP],
    }
    if offset is not None or trigger in ("beforeEvent", "afterEvent"):
        body["trigger"]["offset"] = offset or {"value": 1, "unit": "hour"}
    return body


def create_workflow(client: TestClient, account: Account, body: dict[str, Any]) -> dict[str, Any]:
    created: dict[str, Any] = data(
        client.post("/v2/workflows", headers=account.headers, json=body), 201
    )
    return created


def reminder_rows(app: FastAPI) -> list[OutboxMessage]:
    """Every workflow row, oldest first."""
    with app.state.session_factory() as session:
        statement = (
            select(OutboxMessage)
            .where(OutboxMessage.kind.in_(["workflow_email", "workflow_sms"]))
            .order_by(OutboxMessage.id)
        )
        return list(session.scalars(statement))
