"""Team invitation emails: a subscriber to the teams domain's ``MemberInvited`` that writes
one outbox row (kind ``email``, like booking emails) in the invitation's transaction, and
the composer the email handler uses for such rows.

The row carries everything the email says (team, role, inviter, how to accept), so the
worker never reads the team again: a team renamed later does not change a sent invitation.
Accepting is an API call by the invitee (Cal.com's v1 rule: only the invited user accepts):
``PATCH /v2/teams/{teamId}/memberships/{membershipId}`` with ``{"accepted": true}``.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.emails.compose import message_id, templates
from slotwise.emails.headers import check_header_lines, header_text, mailbox
from slotwise.events import EventBus
from slotwise.outbox import service as outbox
from slotwise.teams.events import MemberInvited

EMAIL_KIND = "email"
TEMPLATE = "team_invitation"


def subscribe(bus: EventBus) -> None:
    bus.subscribe(MemberInvited, on_member_invited)


def on_member_invited(session: Session, event: MemberInvited) -> None:
    membership_path = f"/v2/teams/{event.team_id}/memberships/{event.membership_id}"
    payload = {
        "template": TEMPLATE,
        "to": {
            "name": event.invitee_name,
            "email": event.invitee_email,
            "language": event.invitee_locale,
        },
        "invitation": {
            "teamId": event.team_id,
            "teamName": event.team_name,
            "teamSlug": event.team_slug,
            "isOrganization": event.is_organization,
            "role": event.role,
            "membershipId": event.membership_id,
            "membershipPath": membership_path,
            "inviter": {"name": event.inviter_name, "email": event.inviter_email},
        },
    }
    outbox.enqueue(
        session,
        EMAIL_KIND,
        payload,
        now=event.at,
        ordering_key=f"email:invitation:{event.membership_id}",
    )


def is_invitation(payload: dict[str, Any]) -> bool:
    return payload.get("template") == TEMPLATE


def compose_invitation(
    payload: dict[str, Any], *, row_id: int, sender: str, base_url: str, now: datetime
) -> EmailMessage:
    invitation, recipient = payload["invitation"], payload["to"]
    kind = "organization" if invitation["isOrganization"] else "team"
    subject = f"{invitation['inviter']['name']} invited you to join {invitation['teamName']}"
    context = {
        "subject": subject,
        "kind": kind,
        "team": invitation["teamName"],
        "role": invitation["role"],
        "inviter": invitation["inviter"],
        "name": recipient.get("name") or recipient["email"],
        "accept_url": base_url.rstrip("/") + invitation["membershipPath"],
    }
    message = EmailMessage()
    message["Subject"] = header_text(subject)
    message["From"] = sender
    message["To"] = mailbox(recipient.get("name"), recipient["email"])
    message["Reply-To"] = mailbox(invitation["inviter"]["name"], invitation["inviter"]["email"])
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(row_id, base_url)
    message["X-Slotwise-Team-Id"] = str(invitation["teamId"])
    message.set_content(templates().get_template("team_invitation.txt.j2").render(context))
    message.add_alternative(
        templates().get_template("team_invitation.html.j2").render(context), subtype="html"
    )
    check_header_lines(message)
    return message
