"""Cal.com operations for resources slotwise serves in later issues (workflows, routing forms,
payments, verified contacts, private links, more of calendars, conferencing, out of office,
booking attendees): their actions already work against Cal.com's cloud, and intent search
can point people at them."""

from __future__ import annotations

from typing import Any

from slotwise.actions.definitions import (
    BOOKINGS_VERSION,
    EVENT_TYPES_VERSION,
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
_SELECTED_CALENDAR = {"integration": _TEXT, "externalId": _TEXT, "credentialId": _ID}
_OOO = "/v2/organizations/{orgId}/users/{userId}/ooo/{oooId}"
_PRIVATE_LINKS = "/v2/event-types/{eventTypeId}/private-links"
_FORMS = "/v2/organizations/{orgId}/routing-forms"


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


def _routing_forms() -> tuple[CalcomOperation, ...]:
    words = "routing form lead qualification questionnaire intake survey route"
    return (
        calcom_operation(
            "list-routing-forms", "GET", _FORMS,
            Curated("List routing forms", "List an organization's routing forms: the "
                    "questions that send a booker to the right event or person.", words,
                    columns=("id", "name", "teamId")),
            query=_TAKE_SKIP, fields={"orgId": _ID}, required=("orgId",),
        ),
        calcom_operation(
            "list-routing-form-responses", "GET", _FORMS + "/{routingFormId}/responses",
            Curated("List routing form responses", "List what people answered on a routing "
                    "form, and where each was routed.",
                    words + " answers submissions responses replies"),
            query=_TAKE_SKIP, fields={"orgId": _ID, "routingFormId": _UID},
            required=("orgId", "routingFormId"),
        ),
        calcom_operation(
            "create-routing-form-response", "POST", _FORMS + "/{routingFormId}/responses",
            Curated("Submit routing form response", "Submit answers to a routing form: runs "
                    "its routes and returns the event type and free slots it leads to.",
                    words + " submit fill send"),
            query={"start": _TEXT, "end": _TEXT, "timeZone": _TEXT},
            fields={"orgId": _ID, "routingFormId": _UID},
            required=("orgId", "routingFormId", "start", "end"),
        ),
    )  # fmt: skip


def _payments() -> tuple[CalcomOperation, ...]:
    words = "payment paid pay money charge price stripe invoice"
    return (
        calcom_operation(
            "list-payments", "GET", "/v1/payments",
            Curated("List payments", "List the payments of your bookings (amount, currency, "
                    "paid or refunded); v1 API.", words + " revenue earnings",
                    columns=("id", "bookingId", "amount", "currency", "success")),
        ),
        calcom_operation(
            "get-payment", "GET", "/v1/payments/{paymentId}",
            Curated("Get payment", "Get one payment by id; v1 API.", words + " amount"),
            fields={"paymentId": _ID}, required=("paymentId",),
        ),
        calcom_operation(
            "check-stripe-connection", "GET", "/v2/stripe/check",
            Curated("Check Stripe connection", "Tell whether your Stripe account is "
                    "connected, so paid event types can take payments.", words + " connected"),
        ),
        calcom_operation(
            "connect-stripe", "GET", "/v2/stripe/connect",
            Curated("Connect Stripe", "Get the link that connects a Stripe account for "
                    "taking payments.", words + " connect link account"),
        ),
    )  # fmt: skip


def _private_links() -> tuple[CalcomOperation, ...]:
    words = "private link secret hidden one-time single use expiring url share"
    limits = {"expiresAt": _TEXT, "maxUsageCount": _ID}
    return (
        calcom_operation(
            "list-private-links", "GET", _PRIVATE_LINKS,
            Curated("List private links", "List an event type's private booking links.",
                    words, api_version=EVENT_TYPES_VERSION,
                    columns=("linkId", "bookingUrl", "isExpired")),
            fields={"eventTypeId": _ID}, required=("eventTypeId",),
        ),
        calcom_operation(
            "create-private-link", "POST", _PRIVATE_LINKS,
            Curated("Create private link", "Make a private link to an event type that expires "
                    "at a date or after a number of bookings.", words + " new make",
                    api_version=EVENT_TYPES_VERSION),
            fields={"eventTypeId": _ID, **limits}, required=("eventTypeId",),
        ),
        calcom_operation(
            "update-private-link", "PATCH", _PRIVATE_LINKS + "/{linkId}",
            Curated("Update private link", "Change when a private link expires or how many "
                    "bookings it allows.", words + " expire", api_version=EVENT_TYPES_VERSION),
            fields={"eventTypeId": _ID, "linkId": _TEXT, **limits},
            required=("eventTypeId", "linkId"),
        ),
        calcom_operation(
            "delete-private-link", "DELETE", _PRIVATE_LINKS + "/{linkId}",
            Curated("Delete private link", "Delete a private link; it books nothing more.",
                    words, api_version=EVENT_TYPES_VERSION),
            fields={"eventTypeId": _ID, "linkId": _TEXT}, required=("eventTypeId", "linkId"),
        ),
    )  # fmt: skip


def _calendars() -> tuple[CalcomOperation, ...]:
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
        calcom_operation(
            "add-selected-calendar", "POST", "/v2/selected-calendars",
            Curated("Add selected calendar", "Check one more calendar for conflicts: its busy "
                    "times block slots.", words + " conflicts busy check include"),
            fields=_SELECTED_CALENDAR, required=("integration", "externalId", "credentialId"),
        ),
        calcom_operation(
            "remove-selected-calendar", "DELETE", "/v2/selected-calendars",
            Curated("Remove selected calendar", "Stop checking a calendar for conflicts.",
                    words + " conflicts busy exclude ignore"),
            query=_SELECTED_CALENDAR, required=("integration", "externalId", "credentialId"),
        ),
        calcom_operation(
            "update-destination-calendar", "PUT", "/v2/destination-calendars",
            Curated("Update destination calendar", "Choose the calendar that new bookings are "
                    "written to.", words + " destination write new events into"),
            fields={"integration": _TEXT, "externalId": _TEXT},
            required=("integration", "externalId"),
        ),
        calcom_operation(
            "save-ics-feed", "POST", "/v2/calendars/ics-feed/save",
            Curated("Save ICS feed", "Subscribe to ICS calendar feeds (by URL) whose events "
                    "count as busy.", words + " ics ical feed url subscribe"),
            fields={"urls": {"type": "array", "items": _TEXT}, "readOnly": {"type": "boolean"}},
            required=("urls",),
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


def _bookings() -> tuple[CalcomOperation, ...]:
    base = "/v2/bookings/{bookingUid}"
    return (
        calcom_operation(
            "reassign-booking-to-user", "POST", base + "/reassign/{userId}",
            Curated("Reassign booking to user", "Give a round-robin booking to a host you "
                    "choose.", "reassign another host specific person hand over transfer give",
                    api_version=BOOKINGS_VERSION),
            fields={"bookingUid": _UID, "userId": _ID, "reason": _TEXT},
            required=("bookingUid", "userId"),
        ),
    )  # fmt: skip


CALCOM_LATER: tuple[CalcomOperation, ...] = (
    *_workflows(),
    *_routing_forms(),
    *_payments(),
    *_private_links(),
    *_calendars(),
    *_conferencing(),
    *_out_of_office(),
    *_bookings(),
)
