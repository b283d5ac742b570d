"""An invitation (a membership added with ``accepted: false``) is emailed through the outbox
to the invitee, delivered by the worker to a real SMTP sink; adding someone already
accepted, or a rolled-back invitation, sends nothing."""

from __future__ import annotations

from fastapi.testclient import TestClient

from slotwise.outbox.worker import Worker
from tests.conftest import Accounts
from tests.emails import conftest as email_fixtures
from tests.outbox.smtp_sink import SmtpSink
from tests.teams.helpers import add_member, data, make_team

# The email tests' world: the app pointed at a real SMTP sink, a worker the test drives.
clock = email_fixtures.clock
smtp = email_fixtures.smtp
receiver = email_fixtures.receiver
settings = email_fixtures.settings
worker = email_fixtures.worker


def test_an_invitation_is_emailed_to_the_invitee(
    client: TestClient, accounts: Accounts, smtp: SmtpSink, worker: Worker
) -> None:
    owner, guest = accounts.create(username="owner"), accounts.create(username="guest")
    team = make_team(client, owner, name="Sales <EMEA>")
    invited = add_member(client, team["id"], owner, guest, "ADMIN", accepted=False)
    worker.drain()
    [email] = smtp.wait_for(1)
    assert email.to == "guest@example.com"
    assert email.subject == "Owner invited you to join Sales <EMEA>"
    assert str(email.message["X-Slotwise-Team-Id"]) == str(team["id"])
    accept = f"http://localhost:8000/v2/teams/{team['id']}/memberships/{invited['id']}"
    text = email.text()
    assert accept in text
    assert 'the team "Sales <EMEA>" as ADMIN' in text
    assert "Sales &lt;EMEA&gt;" in email.html()  # HTML escapes what people typed
    # What the email says to do works.
    body = {"accepted": True}
    path = f"/v2/teams/{team['id']}/memberships/{invited['id']}"
    assert data(client.patch(path, headers=guest.headers, json=body))["accepted"] is True


def test_adding_an_accepted_member_or_a_refused_invitation_sends_nothing(
    client: TestClient, accounts: Accounts, smtp: SmtpSink, worker: Worker
) -> None:
    owner, member = accounts.create(username="owner"), accounts.create(username="member")
    team = make_team(client, owner)
    add_member(client, team["id"], owner, member, accepted=True)
    refused = client.post(
        f"/v2/teams/{team['id']}/memberships",
        headers=member.headers,  # a MEMBER may not invite: the request rolls back
        json={"userId": owner.id + 100},
    )
    assert refused.status_code == 403
    assert worker.drain() == 0
    assert smtp.received == []
