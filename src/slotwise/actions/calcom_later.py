"""Cal.com operations for resources slotwise serves in later issues (organization workflows,
Google and Office 365 calendars, conferencing, organization out of
office): their actions already work against Cal.com's cloud, and intent search can point
people at them."""

from __future__ import annotations

from typing import Any

from slotwise.actions.definitions import (
    CalcomOperation,
    Curated,
    calcom_operation,
)

_ID = {"type": "integer", "minimum": 1}
_UID = {"type": "string"}
_TEXT = {"type": "string"}
_TAKE_SKIP = {
    "take": {"type": "integer", "minimum": 1, "description": "Items per page"},
    "skip": {"type": "integer", "minimum": 0, "description": "Items to skip"},
}
_ORG_TEAM = {"orgId": _ID, "teamId": _ID}
_WORKFLOWS = "/v2/organizations/{orgId}/teams/{teamId}/workflows"
_WORKFLOW_FIELDS: dict[str, Any] = {
    "name": _TEXT,
    "activation": {
        "type": "object",
        "description": "isActiveOnAllEventTypes, activeOnEventTypeIds",
    },
    "trigger": {"type": "object", "description": "type (beforeEvent, newEvent...), offset"},
    "steps": {"type": "array", "items": {"type": "object"}},
}
_CALENDAR = {"type": "string", "enum": ["google", "office365", "apple"]}
_CONFERENCING_APP = {"type": "string", "description": "google-meet, zoom, msteams..."}
_OOO = "/v2/organizations/{orgId}/users/{userId}/ooo/{oooId}"


def _workflows() -> tuple[CalcomOperation, ...]:
    words = "workflow automation reminder sms email text message follow up thank you"
    return (
        calcom_operation(
            "list-workflows", "GET", _WORKFLOWS,
            Curated("List workflows", "List a team's workflows: the automatic reminders and "
                    "follow-ups (email, SMS, WhatsApp) sent around bookings.", words,
                    columns=("id", "name", "trigger")),
            query=_TAKE_SKIP, fields=_ORG_TEAM, required=("orgId", "teamId"),
        ),
        calcom_operation(
            "get-workflow", "GET", _WORKFLOWS + "/{workflowId}",
            Curated("Get workflow", "Get one workflow: its trigger, event types and steps.",
                    words),
            fields={**_ORG_TEAM, "workflowId": _ID}, required=("orgId", "teamId", "workflowId"),
        ),
        calcom_operation(
            "create-workflow", "POST", _WORKFLOWS,
            Curated("Create workflow", "Create a workflow: send an email, SMS or WhatsApp "
                    "message before or after events, or when they are booked or cancelled.",
                    words + " before after hour every automatically"),
            fields={**_ORG_TEAM, **_WORKFLOW_FIELDS},
            required=("orgId", "teamId", "name", "trigger", "steps"),
        ),
        calcom_operation(
            "update-workflow", "PATCH", _WORKFLOWS + "/{workflowId}",
            Curated("Update workflow", "Change a workflow's trigger, event types, steps or "
                    "message text.", words + " wording"),
            fields={**_ORG_TEAM, "workflowId": _ID, **_WORKFLOW_FIELDS},
            required=("orgId", "teamId", "workflowId"),
        ),
        calcom_operation(
            "delete-workflow", "DELETE", _WORKFLOWS + "/{workflowId}",
            Curated("Delete workflow", "Delete a workflow; its messages stop.", words),
            fields={**_ORG_TEAM, "workflowId": _ID}, required=("orgId", "teamId", "workflowId"),
        ),
    )  # fmt: skip


def _calendars() -> tuple[CalcomOperation, ...]:
    # Templated for Google and Office 365, which slotwise does not serve; slotwise's own
    # literal paths (apple, caldav, ics-feed) have their own actions in definitions.py.
    words = "calendar google outlook office 365 apple icloud"
    return (
        calcom_operation(
            "connect-calendar", "GET", "/v2/calendars/{calendar}/connect",
            Curated("Connect calendar", "Get the link that connects a Google, Office 365 or "
                    "Apple calendar.", words + " connect link integrate"),
            fields={"calendar": _CALENDAR}, required=("calendar",),
        ),
        calcom_operation(
            "disconnect-calendar", "POST", "/v2/calendars/{calendar}/disconnect",
            Curated("Disconnect calendar", "Disconnect a connected Google, Office 365 or Apple "
                    "calendar account.",
                    words + " disconnect unlink"),
            fields={"calendar": _CALENDAR, "id": _ID}, required=("calendar", "id"),
        ),
    )  # fmt: skip


def _conferencing() -> tuple[CalcomOperation, ...]:
    words = "conferencing video app zoom meet teams"
    return (
        calcom_operation(
            "connect-conferencing-app", "POST", "/v2/conferencing/{app}/connect",
            Curated("Connect conferencing app", "Install a video conferencing app (Google "
                    "Meet, Zoom, Teams).", words + " connect install"),
            fields={"app": _CONFERENCING_APP}, required=("app",),
        ),
        calcom_operation(
            "disconnect-conferencing-app", "DELETE", "/v2/conferencing/{app}/disconnect",
            Curated("Disconnect conferencing app", "Uninstall a video conferencing app.",
                    words + " disconnect uninstall"),
            fields={"app": _CONFERENCING_APP}, required=("app",),
        ),
        calcom_operation(
            "set-default-conferencing-app", "POST", "/v2/conferencing/{app}/default",
            Curated("Set default conferencing app", "Make a video app the default location "
                    "of your meetings.", words + " default"),
            fields={"app": _CONFERENCING_APP}, required=("app",),
        ),
        calcom_operation(
            "get-default-conferencing-app", "GET", "/v2/conferencing/default",
            Curated("Get default conferencing app", "Tell which video app your meetings use "
                    "by default.", words + " default"),
        ),
    )  # fmt: skip


def _out_of_office() -> tuple[CalcomOperation, ...]:
    words = "ooo out of office away vacation holiday leave absence time off"
    fields = {"orgId": _ID, "userId": _ID, "oooId": _ID}
    return (
        calcom_operation(
            "update-out-of-office-entry", "PATCH", _OOO,
            Curated("Update out-of-office entry", "Change the dates, reason or redirect of an "
                    "out-of-office period.", words),
            fields={**fields, "start": _TEXT, "end": _TEXT, "notes": _TEXT, "toUserId": _ID},
            required=("orgId", "userId", "oooId"),
        ),
        calcom_operation(
            "delete-out-of-office-entry", "DELETE", _OOO,
            Curated("Delete out-of-office entry", "Delete an out-of-office period.", words),
            fields=fields, required=("orgId", "userId", "oooId"),
        ),
    )  # fmt: skip


CALCOM_LATER: tuple[CalcomOperation, ...] = (
    *_workflows(),
    *_calendars(),
    *_conferencing(),
    *_out_of_office(),
)
