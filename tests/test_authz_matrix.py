"""The authorization matrix: every route that takes an id, uid or name in its path, tried by
its owner, by another user and with no key, against what the table below says each may do.

The table is checked against the route table itself (``app.routes``): a new route with a path
parameter and no entry here fails ``test_every_route_with_a_path_parameter_is_listed``, so
nobody adds one without deciding who may call it.

Each case builds a fresh world (alice owns everything; bob is another user), tries the
outsiders first and the owner last: the owner still reaching the resource proves the
outsiders' attempts (a DELETE, a cancel) did not touch it.

Teams: alice owns a team (carol is a MEMBER of it, erin another member), dave administers
another team. ``team_member`` (carol) and ``other_team_admin`` (dave) are callers too; an
entry that does not name them expects what ``other_user`` gets (they are nobody special to
a user's own resources).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from slotwise.api_keys.models import ApiKey
from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.db import transaction
from slotwise.teams.models import Team
from slotwise.verification.models import VerifiedEmail, VerifiedPhone
from tests.conftest import Account, Accounts
from tests.slots.helpers import NOW, data, make_event_type, make_schedule, reserve
from tests.teams.helpers import make_organization
from tests.web_host.helpers import form_credentials, web_session

REACHED = "reached"  # neither refused for who asks (401, 403, 404) nor a 5xx
Outcome = int | str


@dataclass(frozen=True, slots=True)
class Access:
    owner: Outcome
    other_user: Outcome
    no_key: Outcome
    team_member: Outcome | None = None  # None: as other_user
    other_team_admin: Outcome | None = None

    def of(self, caller: str) -> Outcome:
        outcome: Outcome | None = getattr(self, caller)
        return self.other_user if outcome is None else outcome


# Outsiders first: see the module docstring.
CALLERS = ("other_user", "other_team_admin", "team_member", "no_key", "owner")
PRIVATE = Access(owner=REACHED, other_user=404, no_key=401)  # foreign ids are 404 (no leak)
PUBLIC = Access(owner=REACHED, other_user=REACHED, no_key=REACHED)  # a secret uid, a page
# A booking's host-only actions: the uid is no secret to whoever is asking (it is the
# attendee's link), so "not yours" says nothing new and is 403.
HOST_ONLY = Access(owner=REACHED, other_user=403, no_key=401)
# Cal.com's legacy DELETE answers 400 "does not exist" for a schedule it cannot find; a
# foreign id gets the same answer as an unknown one.
PRIVATE_LEGACY_DELETE = Access(owner=REACHED, other_user=400, no_key=401)

# The host's web pages (signed in by a session cookie, not a key): a signed-out browser is
# sent to sign in (303); another user's ids are 404 like unknown ones.
HOST_PAGE = Access(owner=REACHED, other_user=404, no_key=303)
ADMIN_PAGE = Access(owner=404, other_user=404, no_key=303)
SIGNED_IN = Access(owner=REACHED, other_user=REACHED, no_key=303)  # a list of one's own
# A password-reset link: public, and a made-up token is refused alike for everyone.
RESET_LINK_GET = Access(owner=404, other_user=404, no_key=404)
RESET_LINK_POST = Access(owner=400, other_user=400, no_key=400)
UNSIGNED = Access(owner=401, other_user=401, no_key=401)

TEAM_VR = "/v2/teams/{teamId}/verified-resources"
WORKFLOW = {
    "name": "Remind",
    "activation": {"isActiveOnAllEventTypes": True},
    "trigger": {"type": "newEvent"},
    "steps": [{"stepNumber": 1, "action": "email_host", "template": "reminder"}],
}
ROUTING_FORM = {
    "name": "Leads",
    "fields": [{"id": "note", "label": "Note", "type": "text"}],
    "routes": [{"isFallback": True, "action": {"type": "customPageMessage", "value": "Thanks"}}],
}
# A team's resources: outsiders (another team's admin too) get 404, as for an unknown id.
TEAM_READ = Access(owner=REACHED, other_user=404, no_key=401, team_member=REACHED)
TEAM_ADMIN = Access(owner=REACHED, other_user=404, no_key=401, team_member=403)
# An organization (alice owns it, carol is a MEMBER): its admins manage it, members get 403.
ORG_ADMIN = TEAM_ADMIN
ORG_MEMBER = TEAM_READ
ORG = "/v2/organizations/{orgId}"

# "METHOD path" -> (who may do what, the request's JSON body or None).
MATRIX: dict[str, tuple[Access, dict[str, Any] | None]] = {
    "GET /v1/users/{user_id}": (PRIVATE, None),
    "PATCH /v1/users/{user_id}": (PRIVATE, {"name": "Renamed"}),
    "DELETE /v1/users/{user_id}": (PRIVATE, None),
    "GET /v2/schedules/{scheduleId}": (PRIVATE, None),
    "PATCH /v2/schedules/{scheduleId}": (PRIVATE, {"name": "Renamed"}),
    "DELETE /v2/schedules/{scheduleId}": (PRIVATE_LEGACY_DELETE, None),
    "GET /v2/event-types/{username}/public": (PUBLIC, None),
    "GET /v2/event-types/{username}/{eventSlug}/public": (PUBLIC, None),
    "GET /v2/event-types/{eventTypeId}": (PRIVATE, None),
    "PATCH /v2/event-types/{eventTypeId}": (PRIVATE, {"title": "Renamed"}),
    "DELETE /v2/event-types/{eventTypeId}": (PRIVATE, None),
    # A reservation's uid is the booker's secret: whoever holds it may act on it.
    "GET /v2/slots/reservations/{uid}": (PUBLIC, None),
    "PATCH /v2/slots/reservations/{uid}": (
        PUBLIC,
        {"eventTypeId": "{eventTypeId}", "slotStart": "2030-03-26T10:00:00.000Z"},
    ),
    "DELETE /v2/slots/reservations/{uid}": (PUBLIC, None),
    # A booking's uid is the attendee's secret link (as in Cal.com): read, cancel, move.
    "GET /v2/bookings/{bookingUid}": (PUBLIC, None),
    "POST /v2/bookings/{bookingUid}/cancel": (PUBLIC, {"cancellationReason": "ill"}),
    "POST /v2/bookings/{bookingUid}/reschedule": (PUBLIC, {"start": "2030-03-26T11:00:00Z"}),
    "GET /v2/bookings/{bookingUid}/calendar-links": (PUBLIC, None),
    "GET /v2/bookings/{bookingUid}/attendees": (PUBLIC, None),
    # The booker's pay step (their secret uid): on to the provider or back to the booking.
    "GET /booking/{bookingUid}/pay": (PUBLIC, None),
    # A seller's payments and invoices (the host of the paid booking).
    "GET /v1/payments/{paymentId}": (PRIVATE, None),
    "POST /v2/payments/{paymentId}/mark-paid": (PRIVATE, None),
    "GET /v2/invoices/{invoiceId}": (PRIVATE, None),
    "GET /v2/invoices/{invoiceId}/html": (PRIVATE, None),
    "GET /v2/invoices/{invoiceId}/pdf": (PRIVATE, None),
    # What only the host decides.
    "POST /v2/bookings/{bookingUid}/confirm": (HOST_ONLY, None),
    "POST /v2/bookings/{bookingUid}/decline": (HOST_ONLY, {"reason": "busy"}),
    "POST /v2/bookings/{bookingUid}/mark-absent": (HOST_ONLY, {"host": True}),
    "POST /v2/bookings/{bookingUid}/mark-no-show": (HOST_ONLY, {"noShowHost": True}),
    "PATCH /v2/bookings/{bookingUid}/location": (
        HOST_ONLY,
        {"location": {"type": "address", "address": "1 Main St"}},
    ),
    "POST /v2/bookings/{bookingUid}/guests": (HOST_ONLY, {"guests": [{"email": "g@x.io"}]}),
    "POST /v2/bookings/{bookingUid}/attendees": (
        HOST_ONLY,
        {"email": "a@x.io", "name": "A", "timeZone": "Europe/London"},
    ),
    # References hold meeting passwords: the host's, like the host's actions.
    # Recordings show the meeting itself: its hosts' (and its team's admins'), likewise.
    "GET /v2/bookings/{bookingUid}/recordings": (HOST_ONLY, None),
    "GET /v2/bookings/{bookingUid}/transcripts": (HOST_ONLY, None),
    # A provider's recording events: the signature is the only credential (none here).
    "POST /v2/conferencing/{appSlug}/recordings/webhook": (UNSIGNED, None),
    # A review link's secret is the only credential: a made-up one is unknown to everyone.
    "GET /v2/reviews/{secret}": (RESET_LINK_GET, None),
    "POST /v2/reviews/{secret}": (RESET_LINK_GET, {"rating": 5}),
    "GET /v2/event-types/{eventTypeId}/reviews": (PRIVATE, None),
    # A routing form's public page: its id is its public link, as in the API's submit route.
    "GET /forms/{routingFormId}": (PUBLIC, None),
    "POST /forms/{routingFormId}": (PUBLIC, None),
    "GET /reviews/{secret}": (RESET_LINK_GET, None),
    "POST /reviews/{secret}": (RESET_LINK_GET, None),
    "GET /v2/bookings/{bookingUid}/references": (HOST_ONLY, None),
    "GET /v1/booking-references/{reference_id}": (PRIVATE, None),
    "PATCH /v1/booking-references/{reference_id}": (PRIVATE, {"meetingUrl": "https://x/y"}),
    "DELETE /v1/booking-references/{reference_id}": (PRIVATE, None),
    # Its host or a team admin (alice's personal booking: reached, then refused with 400).
    "POST /v2/bookings/{bookingUid}/reassign": (HOST_ONLY, None),
    "POST /v2/bookings/{bookingUid}/reassign/{userId}": (HOST_ONLY, None),
    "GET /v2/teams/{teamId}/bookings": (TEAM_READ, None),
    "GET /v1/attendees/{attendee_id}": (PRIVATE, None),
    "PATCH /v1/attendees/{attendee_id}": (PRIVATE, {"name": "Renamed"}),
    "DELETE /v1/attendees/{attendee_id}": (PRIVATE, None),
    "GET /v2/webhooks/{webhookId}": (PRIVATE, None),
    "PATCH /v2/webhooks/{webhookId}": (PRIVATE, {"active": False}),
    "DELETE /v2/webhooks/{webhookId}": (PRIVATE, None),
    "GET /v2/webhooks/{webhookId}/deliveries": (PRIVATE, None),
    "POST /v2/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": (PRIVATE, None),
    "POST /v2/webhooks/{webhookId}/ping": (PRIVATE, None),
    "POST /v2/event-types/{eventTypeId}/webhooks": (
        PRIVATE,
        {
            "subscriberUrl": "http://127.0.0.1:9/other",
            "triggers": ["BOOKING_CREATED"],
            "active": True,
        },
    ),
    "GET /v2/event-types/{eventTypeId}/webhooks": (PRIVATE, None),
    "DELETE /v2/event-types/{eventTypeId}/webhooks": (PRIVATE, None),
    "GET /v2/event-types/{eventTypeId}/webhooks/{eventTypeWebhookId}": (PRIVATE, None),
    "PATCH /v2/event-types/{eventTypeId}/webhooks/{eventTypeWebhookId}": (
        PRIVATE,
        {"active": False},
    ),
    "DELETE /v2/event-types/{eventTypeId}/webhooks/{eventTypeWebhookId}": (PRIVATE, None),
    # A team's event types: its members read, admins change; an outsider gets 404.
    "POST /v2/teams/{teamId}/event-types": (
        TEAM_ADMIN,
        {"title": "T", "slug": "t2", "lengthInMinutes": 30, "schedulingType": "collective"},
    ),
    "GET /v2/teams/{teamId}/event-types": (TEAM_READ, None),
    "GET /v2/teams/{teamId}/event-types/{teamEventTypeId}": (TEAM_READ, None),
    "PATCH /v2/teams/{teamId}/event-types/{teamEventTypeId}": (TEAM_ADMIN, {"title": "Renamed"}),
    "DELETE /v2/teams/{teamId}/event-types/{teamEventTypeId}": (TEAM_ADMIN, None),
    "POST /v2/organizations/{orgId}/teams/{orgTeamId}/event-types": (
        PRIVATE,
        {"title": "T", "slug": "t2", "lengthInMinutes": 30, "schedulingType": "collective"},
    ),
    "GET /v2/organizations/{orgId}/teams/{orgTeamId}/event-types": (PRIVATE, None),
    "GET /v2/organizations/{orgId}/teams/{orgTeamId}/event-types/{orgTeamEventTypeId}": (
        PRIVATE,
        None,
    ),
    "PATCH /v2/organizations/{orgId}/teams/{orgTeamId}/event-types/{orgTeamEventTypeId}": (
        PRIVATE,
        {"title": "Renamed"},
    ),
    "DELETE /v2/organizations/{orgId}/teams/{orgTeamId}/event-types/{orgTeamEventTypeId}": (
        PRIVATE,
        None,
    ),
    "GET /v1/webhooks/{webhook_id}": (PRIVATE, None),
    "PATCH /v1/webhooks/{webhook_id}": (PRIVATE, {"active": False}),
    "DELETE /v1/webhooks/{webhook_id}": (PRIVATE, None),
    "POST /v2/event-types/{eventTypeId}/private-links": (PRIVATE, {"maxUsageCount": 2}),
    "GET /v2/event-types/{eventTypeId}/private-links": (PRIVATE, None),
    "PATCH /v2/event-types/{eventTypeId}/private-links/{linkId}": (PRIVATE, {"maxUsageCount": 5}),
    "DELETE /v2/event-types/{eventTypeId}/private-links/{linkId}": (PRIVATE, None),
    "GET /v2/me/ooo/{oooId}": (PRIVATE, None),
    "PATCH /v2/me/ooo/{oooId}": (PRIVATE, {"notes": "Back soon"}),
    "DELETE /v2/me/ooo/{oooId}": (PRIVATE, None),
    # A private link's page: whoever holds the link may book through it.
    "GET /d/{link}/{slug}": (PUBLIC, None),
    "POST /d/{link}/{slug}": (PUBLIC, None),
    "GET /v2/workflows/{workflowId}": (PRIVATE, None),
    "PATCH /v2/workflows/{workflowId}": (PRIVATE, {"name": "Renamed"}),
    "DELETE /v2/workflows/{workflowId}": (PRIVATE, None),
    # A team's workflows: alice owns the team; bob is no member of it.
    "POST /v2/teams/{teamId}/workflows": (TEAM_ADMIN, WORKFLOW),
    "GET /v2/teams/{teamId}/workflows": (TEAM_ADMIN, None),
    "GET /v2/teams/{teamId}/workflows/{teamWorkflowId}": (TEAM_ADMIN, None),
    "PATCH /v2/teams/{teamId}/workflows/{teamWorkflowId}": (TEAM_ADMIN, {"name": "Renamed"}),
    "DELETE /v2/teams/{teamId}/workflows/{teamWorkflowId}": (TEAM_ADMIN, None),
    "GET /v2/verified-resources/emails/{verifiedEmailId}": (PRIVATE, None),
    "GET /v2/verified-resources/phones/{verifiedPhoneId}": (PRIVATE, None),
    "POST /v2/teams/{teamId}/verified-resources/emails/verification-code/request": (
        TEAM_ADMIN,
        {"email": "x@example.com"},
    ),
    "POST /v2/teams/{teamId}/verified-resources/phones/verification-code/request": (
        TEAM_ADMIN,
        {"phone": "+442071234567"},
    ),
    f"POST {TEAM_VR}/emails/verification-code/verify": (
        TEAM_ADMIN,
        {"email": "x@example.com", "code": "000000"},
    ),
    f"POST {TEAM_VR}/phones/verification-code/verify": (
        TEAM_ADMIN,
        {"phone": "+442071234567", "code": "000000"},
    ),
    f"GET {TEAM_VR}/emails": (TEAM_ADMIN, None),
    f"GET {TEAM_VR}/phones": (TEAM_ADMIN, None),
    f"GET {TEAM_VR}/emails/{{teamVerifiedEmailId}}": (TEAM_ADMIN, None),
    f"GET {TEAM_VR}/phones/{{teamVerifiedPhoneId}}": (TEAM_ADMIN, None),
    # The booking pages: public by name, or by the booking's secret uid.
    "GET /booking/{uid}": (PUBLIC, None),
    "GET /booking/{uid}/ics": (PUBLIC, None),
    "POST /booking/{uid}/cancel": (PUBLIC, None),
    "GET /reschedule/{uid}": (PUBLIC, None),
    "POST /reschedule/{uid}": (PUBLIC, None),
    # A team's booking pages: public by the team's slug (an organization's team's too).
    "GET /team/{teamSlug}": (PUBLIC, None),
    "GET /team/{teamSlug}/{teamEventSlug}": (PUBLIC, None),
    "POST /team/{teamSlug}/{teamEventSlug}": (PUBLIC, None),
    "GET /org/{orgSlug}/team/{orgTeamSlug}": (PUBLIC, None),
    "GET /org/{orgSlug}/team/{orgTeamSlug}/{orgTeamEventSlug}": (PUBLIC, None),
    "POST /org/{orgSlug}/team/{orgTeamSlug}/{orgTeamEventSlug}": (PUBLIC, None),
    "GET /v2/teams/{teamId}": (TEAM_READ, None),
    "PATCH /v2/teams/{teamId}": (TEAM_ADMIN, {"name": "Renamed"}),
    "DELETE /v2/teams/{teamId}": (TEAM_ADMIN, None),
    "GET /v2/teams/{teamId}/memberships": (TEAM_READ, None),
    "GET /v2/teams/{teamId}/schedules": (TEAM_ADMIN, None),
    "POST /v2/teams/{teamId}/memberships": (TEAM_ADMIN, {"userId": "{newcomer_id}"}),
    "GET /v2/teams/{teamId}/memberships/{membershipId}": (TEAM_READ, None),
    "PATCH /v2/teams/{teamId}/memberships/{membershipId}": (TEAM_ADMIN, {"role": "ADMIN"}),
    "DELETE /v2/teams/{teamId}/memberships/{membershipId}": (TEAM_ADMIN, None),
    "GET /v1/teams/{teamId}": (TEAM_READ, None),
    "PATCH /v1/teams/{teamId}": (TEAM_ADMIN, {"bio": "Renamed"}),
    "DELETE /v1/teams/{teamId}": (TEAM_ADMIN, None),
    "GET /v1/memberships/{userId}_{teamId}": (TEAM_READ, None),
    "PATCH /v1/memberships/{userId}_{teamId}": (TEAM_ADMIN, {"role": "ADMIN"}),
    "DELETE /v1/memberships/{userId}_{teamId}": (TEAM_ADMIN, None),
    f"GET {ORG}/teams": (ORG_ADMIN, None),
    f"POST {ORG}/teams": (ORG_ADMIN, {"name": "Legal"}),
    f"GET {ORG}/teams/me": (ORG_MEMBER, None),
    f"GET {ORG}/teams/event-types": (ORG_ADMIN, None),
    f"GET {ORG}/teams/{{orgTeamId}}": (ORG_ADMIN, None),
    f"PATCH {ORG}/teams/{{orgTeamId}}": (ORG_ADMIN, {"bio": "Deals"}),
    f"DELETE {ORG}/teams/{{orgTeamId}}": (ORG_ADMIN, None),
    f"GET {ORG}/teams/{{orgTeamId}}/memberships": (ORG_ADMIN, None),
    f"POST {ORG}/teams/{{orgTeamId}}/memberships": (ORG_ADMIN, {"userId": "{newcomer_id}"}),
    f"GET {ORG}/teams/{{orgTeamId}}/memberships/{{orgTeamMembershipId}}": (ORG_ADMIN, None),
    f"PATCH {ORG}/teams/{{orgTeamId}}/memberships/{{orgTeamMembershipId}}": (
        ORG_ADMIN,
        {"role": "ADMIN"},
    ),
    f"DELETE {ORG}/teams/{{orgTeamId}}/memberships/{{orgTeamMembershipId}}": (ORG_ADMIN, None),
    f"GET {ORG}/users": (ORG_ADMIN, None),
    f"POST {ORG}/users": (ORG_ADMIN, {"email": "hire@example.com"}),
    f"PATCH {ORG}/users/{{orgUserId}}": (ORG_ADMIN, {"name": "Renamed"}),
    f"DELETE {ORG}/users/{{orgUserId}}": (ORG_ADMIN, None),
    f"GET {ORG}/memberships": (ORG_ADMIN, None),
    f"POST {ORG}/memberships": (ORG_ADMIN, {"userId": "{newcomer_id}"}),
    f"GET {ORG}/memberships/{{orgMembershipId}}": (ORG_ADMIN, None),
    f"PATCH {ORG}/memberships/{{orgMembershipId}}": (ORG_ADMIN, {"role": "ADMIN"}),
    f"DELETE {ORG}/memberships/{{orgMembershipId}}": (ORG_ADMIN, None),
    # Routing forms: a person's own form (its id is its public link: anyone may submit a
    # response or ask where answers lead); an organization's forms are its admins'.
    "GET /v2/routing-forms/{routingFormId}": (PRIVATE, None),
    "PATCH /v2/routing-forms/{routingFormId}": (PRIVATE, {"name": "Renamed"}),
    "DELETE /v2/routing-forms/{routingFormId}": (PRIVATE, None),
    "GET /v2/routing-forms/{routingFormId}/responses": (PRIVATE, None),
    "POST /v2/routing-forms/{routingFormId}/responses": (PUBLIC, {}),
    "POST /v2/routing-forms/{routingFormId}/calculate-slots": (PUBLIC, {}),
    f"GET {ORG}/routing-forms": (ORG_ADMIN, None),
    f"GET {ORG}/teams/{{orgTeamId}}/routing-forms": (ORG_ADMIN, None),
    f"GET {ORG}/routing-forms/{{orgRoutingFormId}}/responses": (ORG_ADMIN, None),
    f"POST {ORG}/routing-forms/{{orgRoutingFormId}}/responses": (ORG_ADMIN, {}),
    f"PATCH {ORG}/routing-forms/{{orgRoutingFormId}}/responses/{{orgRoutingFormResponseId}}": (
        ORG_ADMIN,
        {"response": {}},
    ),
    # Member attributes: the organization's admins.
    f"GET {ORG}/attributes": (ORG_ADMIN, None),
    f"POST {ORG}/attributes": (ORG_ADMIN, {"name": "Tier", "type": "TEXT"}),
    f"GET {ORG}/attributes/{{orgAttributeId}}": (ORG_ADMIN, None),
    f"PATCH {ORG}/attributes/{{orgAttributeId}}": (ORG_ADMIN, {"name": "Renamed"}),
    f"DELETE {ORG}/attributes/{{orgAttributeId}}": (ORG_ADMIN, None),
    f"GET {ORG}/attributes/{{orgAttributeId}}/options": (ORG_ADMIN, None),
    f"POST {ORG}/attributes/{{orgAttributeId}}/options": (ORG_ADMIN, {"value": "Gold"}),
    f"PATCH {ORG}/attributes/{{orgAttributeId}}/options/{{orgAttributeOptionId}}": (
        ORG_ADMIN,
        {"value": "Silver"},
    ),
    f"DELETE {ORG}/attributes/{{orgAttributeId}}/options/{{orgAttributeOptionId}}": (
        ORG_ADMIN,
        None,
    ),
    f"GET {ORG}/attributes/options/{{orgUserId}}": (ORG_ADMIN, None),
    f"POST {ORG}/attributes/options/{{orgUserId}}": (
        ORG_ADMIN,
        {"attributeId": "{orgAttributeId}", "attributeOptionId": "{orgAttributeOptionId}"},
    ),
    f"DELETE {ORG}/attributes/options/{{orgUserId}}/{{orgHeldOptionId}}": (ORG_ADMIN, None),
    "GET /{username}": (PUBLIC, None),
    "GET /{username}/{slug}": (PUBLIC, None),
    "POST /{username}/{slug}": (PUBLIC, None),
    # The host's pages (web/host): session cookies and CSRF tokens, see call().
    "GET /auth/forgot-password/{token}": (RESET_LINK_GET, None),
    "POST /auth/forgot-password/{token}": (RESET_LINK_POST, None),
    "GET /event-types/{eventTypeId}": (HOST_PAGE, None),
    "POST /event-types/{eventTypeId}": (HOST_PAGE, None),
    "POST /event-types/{eventTypeId}/duplicate": (HOST_PAGE, None),
    "POST /event-types/{eventTypeId}/delete": (HOST_PAGE, None),
    "GET /availability/{scheduleId}": (HOST_PAGE, None),
    "POST /availability/{scheduleId}": (HOST_PAGE, None),
    "POST /availability/{scheduleId}/delete": (HOST_PAGE, None),
    "GET /bookings/{tab}": (SIGNED_IN, None),
    "POST /bookings/{bookingUid}/confirm": (HOST_PAGE, None),
    "POST /bookings/{bookingUid}/decline": (HOST_PAGE, None),
    "POST /bookings/{bookingUid}/cancel": (HOST_PAGE, None),
    "POST /bookings/{bookingUid}/no-show": (HOST_PAGE, None),
    "POST /settings/developer/api-keys/{apiKeyId}/delete": (HOST_PAGE, None),
    "GET /settings/developer/webhooks/{webhookId}": (HOST_PAGE, None),
    "POST /settings/developer/webhooks/{webhookId}": (HOST_PAGE, None),
    "POST /settings/developer/webhooks/{webhookId}/ping": (HOST_PAGE, None),
    "POST /settings/developer/webhooks/{webhookId}/delete": (HOST_PAGE, None),
    "POST /settings/developer/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": (
        HOST_PAGE,
        None,
    ),
    # Instance admins only (tests/web_host/test_admin.py): the world's users are not admins.
    "POST /settings/admin/users/{userId}/disable": (ADMIN_PAGE, None),
    "POST /settings/admin/users/{userId}/enable": (ADMIN_PAGE, None),
}
HOST_PAGES = ("/auth/", "/event-types/", "/availability/", "/bookings/", "/settings/")
# The route table names the event type's webhook {webhookId} like the user's; the world has
# one of each, so the matrix tells them apart.
ROUTE_PATHS = {
    "/forms/{routingFormId}": "/forms/{form_id}",
    "/v2/teams/{teamId}/event-types/{teamEventTypeId}": (
        "/v2/teams/{teamId}/event-types/{eventTypeId}"
    ),
    "/v2/event-types/{eventTypeId}/webhooks/{eventTypeWebhookId}": (
        "/v2/event-types/{eventTypeId}/webhooks/{webhookId}"
    ),
    "/v2/teams/{teamId}/workflows/{teamWorkflowId}": "/v2/teams/{teamId}/workflows/{workflowId}",
    "/v2/verified-resources/emails/{verifiedEmailId}": "/v2/verified-resources/emails/{id}",
    "/v2/verified-resources/phones/{verifiedPhoneId}": "/v2/verified-resources/phones/{id}",
    f"{TEAM_VR}/emails/{{teamVerifiedEmailId}}": f"{TEAM_VR}/emails/{{id}}",
    f"{TEAM_VR}/phones/{{teamVerifiedPhoneId}}": f"{TEAM_VR}/phones/{{id}}",
}
# Likewise an organization's team, its membership, user and membership (the routes name
# them {teamId}, {membershipId}, {userId} like the top-level team's).
_ORG_NAMES = {
    "{orgTeamId}": "{teamId}",
    "{orgTeamMembershipId}": "{membershipId}",
    "{orgUserId}": "{userId}",
    "{orgMembershipId}": "{membershipId}",
    "{orgTeamEventTypeId}": "{eventTypeId}",
    "{orgRoutingFormId}": "{routingFormId}",
    "{orgRoutingFormResponseId}": "{responseId}",
    "{orgAttributeId}": "{attributeId}",
    "{orgAttributeOptionId}": "{optionId}",
    "{orgHeldOptionId}": "{attributeOptionId}",
}
for _key in MATRIX:
    _path = _key.split(" ", 1)[1]
    if _path.startswith("/v2/organizations/") and "{org" in _path.removeprefix(ORG):
        _route = _path
        for _ours, _theirs in _ORG_NAMES.items():
            _route = _route.replace(_ours, _theirs)
        ROUTE_PATHS[_path] = _route
FORMS = {  # the pages' POSTs take forms, not JSON
    "POST /booking/{uid}/cancel": {"reason": "ill"},
    "POST /reschedule/{uid}": {"slot": "2030-03-26T12:00:00Z", "tz": "Europe/London"},
    "POST /{username}/{slug}": {
        "slot": "2030-03-26T13:00:00Z", "tz": "Europe/London", "name": "Cy",
        "email": "cy@example.com",
    },
    "POST /d/{link}/{slug}": {
        "slot": "2030-03-26T15:00:00Z", "tz": "Europe/London", "name": "Di",
        "email": "di@example.com",
    },
    "POST /team/{teamSlug}/{teamEventSlug}": {
        "slot": "2030-03-26T16:00:00Z", "tz": "Europe/London", "name": "Ed",
        "email": "ed@example.com",
    },
    "POST /org/{orgSlug}/team/{orgTeamSlug}/{orgTeamEventSlug}": {
        "slot": "2030-03-26T16:00:00Z", "tz": "Europe/London", "name": "Flo",
        "email": "flo@example.com",
    },
    "POST /event-types/{eventTypeId}": {"title": "Renamed", "slug": "intro",
                                        "length_in_minutes": "30"},
    "POST /availability/{scheduleId}": {"name": "Renamed", "time_zone": "Europe/London"},
    "POST /auth/forgot-password/{token}": {"password": "a new password"},
    "POST /reviews/{secret}": {"rating": "5"},
    "POST /bookings/{bookingUid}/no-show": {"email": "ann@example.com"},
    "POST /settings/developer/webhooks/{webhookId}": {
        "subscriber_url": "http://127.0.0.1:9/hook", "triggers": "BOOKING_CREATED",
    },
}  # fmt: skip
V1_PREFIX = "/v1/"
# The newest bookings version for its own actions (confirm, decline, mark-absent, in-place
# changes, reassignment); the legacy mark-no-show and the uid routes both versions serve take
# no header.
BOOKINGS_2024_08_13 = (
    "/confirm", "/decline", "/mark-absent", "/location", "/guests", "/attendees", "/reassign",
    "/reassign/{userId}",
)  # fmt: skip


def routes_with_path_parameters(app: FastAPI) -> set[str]:
    def walk(routes: list[Any]) -> Iterator[APIRoute]:
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # FastAPI's included routers
                yield from walk(route.original_router.routes)

    return {
        f"{method} {route.path}"
        for route in walk(app.routes)
        if "{" in route.path
        for method in route.methods
    }


def test_every_route_with_a_path_parameter_is_listed(app: FastAPI) -> None:
    listed = {
        f"{key.split(' ', 1)[0]} {ROUTE_PATHS.get(key.split(' ', 1)[1], key.split(' ', 1)[1])}"
        for key in MATRIX
    }
    unlisted = routes_with_path_parameters(app) - listed
    assert not unlisted, f"add these routes to MATRIX with who may call them: {sorted(unlisted)}"
    gone = listed - routes_with_path_parameters(app)
    assert not gone, f"MATRIX lists routes that no longer exist: {sorted(gone)}"


@dataclass
class World:
    alice: Account
    bob: Account
    ids: dict[str, str]
    sessions: dict[str, str]  # the host pages' session cookies, by caller
    carol: Account | None = None  # a member of alice's team
    dave: Account | None = None  # the admin of another team


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Webhooks to 127.0.0.1 may be saved (no worker runs: nothing is ever sent)."""
    return settings.model_copy(
        update={
            "webhook_allow_private_networks": True,
            "conferencing_webhook_secrets": {"daily-video": SecretStr("c2VjcmV0")},
        }
    )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)  # the Monday before the booked Tuesday


@pytest.fixture
def world(client: TestClient, accounts: Accounts, app: FastAPI, clock: FrozenClock) -> World:
    alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
    ids = personal_resources(client, app, alice)
    carol, dave = accounts.create(username="carol"), accounts.create(username="dave")
    ids |= team_resources(client, app, clock, accounts, alice, carol, dave)
    sessions = {
        caller: web_session(app, account.email)
        for caller, account in (
            ("owner", alice), ("other_user", bob), ("team_member", carol),
            ("other_team_admin", dave),
        )
    }  # fmt: skip
    return World(
        alice, bob, {name: str(value) for name, value in ids.items()}, sessions, carol, dave
    )


def personal_resources(client: TestClient, app: FastAPI, alice: Account) -> dict[str, Any]:
    """One of each thing alice owns by herself, by the path parameter that names it."""
    schedule_id = make_schedule(client, alice, "Europe/London")
    event_type_id = make_event_type(client, alice, "intro", minimumBookingNotice=0)
    hook = {
        "subscriberUrl": "http://127.0.0.1:9/hook",
        "triggers": ["BOOKING_CREATED"],
        "active": True,
    }
    webhook = data(client.post("/v2/webhooks", headers=alice.headers, json=hook), 201)
    et_path = f"/v2/event-types/{event_type_id}/webhooks"
    et_webhook = data(client.post(et_path, headers=alice.headers, json=hook), 201)
    booking = data(
        client.post(
            "/v2/bookings",
            headers={"cal-api-version": "2024-08-13"},
            json={
                "start": "2030-03-26T09:00:00Z", "eventTypeId": event_type_id,
                "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
            },
        ),
        201,
    )  # fmt: skip
    reservation = data(reserve(client, event_type_id, "2030-03-26T14:00:00.000Z"), 201)
    deliveries = client.get(f"/v2/webhooks/{webhook['id']}/deliveries", headers=alice.headers)
    attendees = client.get("/v1/attendees", params=alice.v1).json()["attendees"]
    reference = client.post(
        "/v1/booking-references", params=alice.v1,
        json={"bookingId": booking["id"], "type": "caldav_calendar", "uid": "event.ics"},
    ).json()["booking_reference"]  # fmt: skip
    ooo = data(client.post("/v2/me/ooo", headers=alice.headers,
                           json={"start": "2030-05-01", "end": "2030-05-02"}), 201)  # fmt: skip
    link = data(client.post(f"/v2/event-types/{event_type_id}/private-links",
                            headers=alice.headers, json={}), 201)  # fmt: skip
    workflow = data(client.post("/v2/workflows", headers=alice.headers, json=WORKFLOW), 201)
    verified = verify_contacts(app, alice.id, None)
    form = data(client.post("/v2/routing-forms", headers=alice.headers, json=ROUTING_FORM), 201)
    payment_id, invoice_id = paid_booking(client, alice)
    return {
        "routingFormId": form["id"],
        "user_id": alice.id,
        "scheduleId": schedule_id,
        "eventTypeId": event_type_id,
        "username": "alice",
        "eventSlug": "intro",
        "slug": "intro",
        "uid": reservation["reservationUid"],
        "bookingUid": booking["uid"],
        "attendee_id": attendees[0]["id"],
        "webhookId": webhook["id"],
        "webhook_id": webhook["id"],
        "eventTypeWebhookId": et_webhook["id"],
        "deliveryId": data(deliveries)[0]["id"],
        "reference_id": reference["id"],
        "oooId": ooo["id"],
        "linkId": link["linkId"],
        "link": link["linkId"],
        "tab": "upcoming",
        "token": "no-such-reset-token",
        "secret": "no-such-review-link",
        "appSlug": "daily-video",
        "apiKeyId": api_key_id(app, alice),
        "workflowId": workflow["id"],
        "verifiedEmailId": verified["VerifiedEmailId"],
        "verifiedPhoneId": verified["VerifiedPhoneId"],
        "paymentId": payment_id,
        "invoiceId": invoice_id,
    }


def paid_booking(client: TestClient, alice: Account) -> tuple[int, int]:
    """A booking of alice's paid on site, marked paid: its payment and invoice."""
    paid = {"apps": {"manual": {"enabled": True, "price": 1500, "currency": "usd"}}}
    event_type_id = make_event_type(client, alice, "paid", minimumBookingNotice=0, metadata=paid)
    client.post(
        "/v2/bookings",
        headers={"cal-api-version": "2024-08-13"},
        json={
            "start": "2030-03-26T11:00:00Z", "eventTypeId": event_type_id,
            "attendee": {"name": "Pat", "email": "pat@example.com", "timeZone": "Europe/Rome"},
        },
    )  # fmt: skip
    [payment] = client.get("/v1/payments", params=alice.v1).json()["payments"]
    data(client.post(f"/v2/payments/{payment['id']}/mark-paid", headers=alice.headers))
    [invoice] = data(client.get("/v2/invoices", headers=alice.headers))
    return int(payment["id"]), int(invoice["id"])


def team_resources(
    client: TestClient,
    app: FastAPI,
    clock: FrozenClock,
    accounts: Accounts,
    alice: Account,
    carol: Account,
    dave: Account,
) -> dict[str, Any]:
    """alice's team (carol and erin members), dave's own team, alice's organization (carol
    and frank members) and what they hold."""
    erin, newcomer = accounts.create(username="erin"), accounts.create(username="newcomer")
    sales = {"name": "Sales", "slug": "sales"}
    team = data(client.post("/v2/teams", headers=alice.headers, json=sales), 201)
    members = f"/v2/teams/{team['id']}/memberships"
    for member in (carol, erin):
        body = {"userId": member.id, "accepted": True}
        membership = data(client.post(members, headers=alice.headers, json=body), 201)
    data(client.post("/v2/teams", headers=dave.headers, json={"name": "Support"}), 201)
    org_id = make_organization(app, alice, clock.now())
    org, frank = f"/v2/organizations/{org_id}", accounts.create(username="frank")
    for person in (carol, frank):  # carol a MEMBER of the organization, frank too
        joining = {"userId": person.id, "accepted": True}
        org_membership = data(
            client.post(f"{org}/memberships", headers=alice.headers, json=joining), 201
        )
    org_team = data(client.post(f"{org}/teams", headers=alice.headers, json=sales), 201)
    team_members = f"{org}/teams/{org_team['id']}/memberships"
    joining = {"userId": frank.id, "accepted": True}
    org_team_membership = data(client.post(team_members, headers=alice.headers, json=joining), 201)
    collective = {
        "title": "Panel", "slug": "panel", "lengthInMinutes": 30, "schedulingType": "collective",
    }  # fmt: skip
    team_event_type = data(
        client.post(f"/v2/teams/{team['id']}/event-types", headers=alice.headers, json=collective),
        201,
    )
    org_team_event_type = data(
        client.post(
            f"{org}/teams/{org_team['id']}/event-types",
            headers=alice.headers,
            json={**collective, "slug": "org-panel"},
        ),
        201,
    )
    team_workflows = f"/v2/teams/{team['id']}/workflows"
    team_workflow = data(client.post(team_workflows, headers=alice.headers, json=WORKFLOW), 201)
    verified = verify_contacts(app, alice.id, team["id"])
    org_form = data(
        client.post(
            "/v2/routing-forms", headers=alice.headers, json={**ROUTING_FORM, "teamId": org_id}
        ),
        201,
    )
    org_response = data(
        client.post(f"{org}/routing-forms/{org_form['id']}/responses", headers=alice.headers,
                    json={"note": "hi"}),
        201,
    )  # fmt: skip
    attribute = data(
        client.post(f"{org}/attributes", headers=alice.headers,
                    json={"name": "Level", "type": "SINGLE_SELECT", "options": [{"value": "A"}]}),
        201,
    )  # fmt: skip
    option_id = attribute["options"][0]["id"]
    data(
        client.post(f"{org}/attributes/options/{frank.id}", headers=alice.headers,
                    json={"attributeId": attribute["id"], "attributeOptionId": option_id}),
        201,
    )  # fmt: skip
    return {
        "orgRoutingFormId": org_form["id"],
        "orgRoutingFormResponseId": org_response["routing"]["responseId"],
        "orgAttributeId": attribute["id"],
        "orgAttributeOptionId": option_id,
        "orgHeldOptionId": option_id,
        "teamId": team["id"],
        "membershipId": membership["id"],  # erin's: carol may read it, not change it
        "newcomer_id": newcomer.id,
        # /v1/memberships/{userId}_{teamId}: erin's membership; the admin pages'
        # /settings/admin/users/{userId} are 404 to every (non-admin) caller anyway.
        "userId": erin.id,
        "orgId": org_id,
        "orgTeamId": org_team["id"],
        "orgTeamMembershipId": org_team_membership["id"],  # frank's
        "orgUserId": frank.id,
        "orgMembershipId": org_membership["id"],  # frank's
        "teamWorkflowId": team_workflow["id"],
        "teamEventTypeId": team_event_type["id"],
        "orgTeamEventTypeId": org_team_event_type["id"],
        "teamSlug": team["slug"],
        "teamEventSlug": team_event_type["slug"],
        "orgSlug": organization_slug(app, org_id),
        "orgTeamSlug": org_team["slug"],
        "orgTeamEventSlug": org_team_event_type["slug"],
        "teamVerifiedEmailId": verified["VerifiedEmailId"],
        "teamVerifiedPhoneId": verified["VerifiedPhoneId"],
    }


def organization_slug(app: FastAPI, org_id: int) -> str:
    """The organization's slug (its pages' ``/org/{orgSlug}``), given one."""
    with transaction(app.state.write_session_factory) as session:
        org = session.get(Team, org_id)
        assert org is not None
        org.slug = org.slug or "acme"
        return org.slug


def api_key_id(app: FastAPI, account: Account) -> int:
    with transaction(app.state.session_factory) as session:
        return int(session.scalars(select(ApiKey.id).where(ApiKey.user_id == account.id)).one())


def verify_contacts(app: FastAPI, user_id: int, team_id: int | None) -> dict[str, int]:
    """An email and a phone verified by alice (for herself, or for her team)."""
    with transaction(app.state.write_session_factory) as session:
        email = VerifiedEmail(user_id=user_id, team_id=team_id, email="a@example.com",
                              created_at=NOW)  # fmt: skip
        phone = VerifiedPhone(user_id=user_id, team_id=team_id, phone_number="+442071234567",
                              created_at=NOW)  # fmt: skip
        session.add_all([email, phone])
        session.flush()
        return {"VerifiedEmailId": email.id, "VerifiedPhoneId": phone.id}


def filled(template: str, ids: dict[str, str], *, page: bool) -> str:
    if page:  # the pages' {uid} is the booking's
        ids = {**ids, "uid": ids["bookingUid"]}
    return template.format(**ids)


def call(client: TestClient, key: str, world: World, caller: str) -> Any:
    method, template = key.split(" ", 1)
    page = not template.startswith(("/v1/", "/v2/"))
    path = filled(template, world.ids, page=page)
    account = {
        "owner": world.alice, "other_user": world.bob, "team_member": world.carol,
        "other_team_admin": world.dave,
    }.get(caller)  # fmt: skip
    headers: dict[str, str] = {}
    params: dict[str, str] = {}
    if account is not None:
        if template.startswith(V1_PREFIX):
            params = account.v1
        else:
            headers = dict(account.headers)
    if template.endswith(BOOKINGS_2024_08_13):
        headers["cal-api-version"] = "2024-08-13"
    _, body = MATRIX[key]
    if body is not None:
        body = {k: filled(v, world.ids, page=False) if isinstance(v, str) else v
                for k, v in body.items()}  # fmt: skip
        for id_field in ("eventTypeId", "userId", "attributeId", "attributeOptionId"):
            if body.get(id_field):
                body[id_field] = int(body[id_field])
    if template.startswith(HOST_PAGES):
        return call_host_page(client, world, caller, method, path, FORMS.get(key, {}))
    if key in FORMS:
        return client.request(method, path, headers=headers, data=FORMS[key])
    return client.request(method, path, headers=headers, params=params, json=body)


def call_host_page(
    client: TestClient, world: World, caller: str, method: str, path: str, form: dict[str, str]
) -> Any:
    """A browser: the caller's session cookie (none when signed out) and, on a POST, the
    form's CSRF token for that session."""
    app = client.app
    assert isinstance(app, FastAPI)
    cookies, token = form_credentials(app, world.sessions.get(caller))
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies.set(name, value)
    body = {**form, "csrf_token": token} if method == "POST" else None
    try:
        return client.request(
            method, path, data=body, headers={"Accept": "text/html"}, follow_redirects=False
        )
    finally:
        client.cookies.clear()


def matches(status: int, expected: Outcome) -> bool:
    if expected == REACHED:
        return status not in (401, 403, 404) and status < 500
    return status == expected


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_who_may_call_the_route(client: TestClient, world: World, key: str) -> None:
    access, _ = MATRIX[key]
    seen = {}
    for caller in CALLERS:
        response = call(client, key, world, caller)
        seen[caller] = response.status_code
    expected = {caller: access.of(caller) for caller in CALLERS}
    wrong = {c: s for c, s in seen.items() if not matches(s, expected[c])}
    assert not wrong, f"{key}: expected {expected}, answered {seen}"
