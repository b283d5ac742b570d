"""/v2/workflows and /v2/teams/{teamId}/workflows: shapes, checks, who may call them."""

from __future__ import annotations

from datetime import datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.db import transaction
from slotwise.teams.models import Membership, MembershipRole, Team
from tests.conftest import Account, Accounts
from tests.slots.helpers import data, error, make_event_type, make_schedule
from tests.workflows.helpers import REMINDER_STEP, create_workflow, workflow_body


def make_team(app: FastAPI, members: dict[int, MembershipRole], now: datetime) -> int:
    """A team with accepted members (the teams API is another issue's)."""
    with transaction(app.state.write_session_factory) as session:
        team = Team(name="Sales", slug="sales", created_at=now, updated_at=now)
        session.add(team)
        session.flush()
        for user_id, role in members.items():
            session.add(
                Membership(
                    team_id=team.id, user_id=user_id, role=role.value, accepted=True,
                    created_at=now, updated_at=now,
                )
            )  # fmt: skip
        return team.id


class TestOwnWorkflows:
    def test_create_read_change_delete(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "Europe/London")
        intro = make_event_type(client, alice)
        created = create_workflow(client, alice, workflow_body([intro]))
        assert created["name"] == "Remind the attendee"
        assert created["userId"] == alice.id
        assert created["activation"] == {
            "isActiveOnAllEventTypes": False,
            "activeOnEventTypeIds": [intro],
        }
        assert created["trigger"] == {"type": "beforeEvent", "offset": {"value": 1, "unit": "hour"}}
        step = created["steps"][0]
        assert step["action"] == "email_attendee"
        assert step["recipient"] == "attendee"
        assert step["template"] == "reminder"
        assert step["message"]["subject"] == REMINDER_STEP["message"]["subject"]  # type: ignore[index]
        path = f"/v2/workflows/{created['id']}"
        assert data(client.get(path, headers=alice.headers)) == created
        assert [w["id"] for w in data(client.get("/v2/workflows", headers=alice.headers))] == [
            created["id"]
        ]
        changed = data(
            client.patch(
                path,
                headers=alice.headers,
                json={"name": "Nudge", "trigger": {"type": "NEW_EVENT"}},
            )
        )
        assert changed["name"] == "Nudge"
        assert changed["trigger"] == {"type": "newEvent"}
        assert changed["steps"] == created["steps"]
        assert data(client.delete(path, headers=alice.headers))["id"] == created["id"]
        error(client.get(path, headers=alice.headers), 404)

    def test_upper_snake_names_are_accepted(self, client: TestClient, alice: Account) -> None:
        body = workflow_body(trigger="AFTER_EVENT", offset={"value": 2, "unit": "DAY"})
        body["steps"] = [{**REMINDER_STEP, "action": "EMAIL_HOST", "template": "THANKYOU"}]
        created = create_workflow(client, alice, body)
        assert created["trigger"] == {"type": "afterEvent", "offset": {"value": 2, "unit": "day"}}
        assert created["steps"][0]["action"] == "email_host"
        assert created["steps"][0]["recipient"] == "const"
        assert created["activation"]["isActiveOnAllEventTypes"] is True

    def test_bad_input_is_one_400_and_writes_nothing(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        make_schedule(client, bob, "Europe/London")
        bobs = make_event_type(client, bob)
        body = workflow_body([bobs])
        body["trigger"] = {"type": "beforeEvent"}
        body["steps"] = [
            {**REMINDER_STEP, "action": "fax_attendee"},
            {**REMINDER_STEP, "stepNumber": 2, "template": "custom", "message": {"subject": "x"}},
        ]
        failure = error(client.post("/v2/workflows", headers=alice.headers, json=body), 400)
        assert "steps.0.action" in failure["message"]
        body["steps"][0]["action"] = "email_attendee"
        failure = error(client.post("/v2/workflows", headers=alice.headers, json=body), 400)
        fields = {d["field"] for d in failure["details"]}
        assert fields == {"trigger.offset", "activation.activeOnEventTypeIds", "steps.1.message"}
        assert data(client.get("/v2/workflows", headers=alice.headers)) == []

    def test_an_unverified_address_or_number_is_refused(
        self, client: TestClient, alice: Account
    ) -> None:
        body = workflow_body(
            steps=[
                {**REMINDER_STEP, "action": "email_address", "verifiedEmailId": 99},
                {**REMINDER_STEP, "stepNumber": 2, "action": "sms_number"},
            ]
        )
        failure = error(client.post("/v2/workflows", headers=alice.headers, json=body), 400)
        fields = {d["field"] for d in failure["details"]}
        assert fields == {"steps.0.verifiedEmailId", "steps.1.verifiedPhoneId"}

    def test_another_users_workflow_is_not_found(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        created = create_workflow(client, alice, workflow_body())
        bob = accounts.create(username="bob")
        path = f"/v2/workflows/{created['id']}"
        error(client.get(path, headers=bob.headers), 404)
        error(client.patch(path, headers=bob.headers, json={"name": "Mine"}), 404)
        error(client.delete(path, headers=bob.headers), 404)
        error(client.get(path), 401)
        assert data(client.get(path, headers=alice.headers))["name"] == created["name"]


class TestTeamWorkflows:
    def test_admins_manage_members_may_not_outsiders_see_nothing(
        self, app: FastAPI, client: TestClient, accounts: Accounts
    ) -> None:
        admin, member, outsider = (accounts.create(username=n) for n in ("ada", "mo", "out"))
        team = make_team(
            app,
            {admin.id: MembershipRole.ADMIN, member.id: MembershipRole.MEMBER},
            app.state.clock.now(),
        )
        make_schedule(client, member, "Europe/London")
        members_event = make_event_type(client, member)
        path = f"/v2/teams/{team}/workflows"
        created = data(
            client.post(path, headers=admin.headers, json=workflow_body([members_event])), 201
        )
        assert created["teamId"] == team
        assert "userId" not in created
        one = f"{path}/{created['id']}"
        assert data(client.get(one, headers=admin.headers))["id"] == created["id"]
        error(client.get(one, headers=member.headers), 403)
        error(client.post(path, headers=member.headers, json=workflow_body()), 403)
        error(client.get(one, headers=outsider.headers), 404)
        error(client.get(path, headers=outsider.headers), 404)
        # A team's workflow is not the admin's own.
        error(client.get(f"/v2/workflows/{created['id']}", headers=admin.headers), 404)
        assert data(client.delete(one, headers=admin.headers))["id"] == created["id"]

    def test_activation_names_only_event_types_of_members(
        self, app: FastAPI, client: TestClient, accounts: Accounts
    ) -> None:
        admin, stranger = accounts.create(username="ada"), accounts.create(username="st")
        team = make_team(app, {admin.id: MembershipRole.OWNER}, app.state.clock.now())
        make_schedule(client, stranger, "Europe/London")
        strangers = make_event_type(client, stranger)
        response = client.post(
            f"/v2/teams/{team}/workflows", headers=admin.headers, json=workflow_body([strangers])
        )
        assert error(response, 400)["details"][0]["field"] == "activation.activeOnEventTypeIds"
