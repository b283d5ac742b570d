"""Organization member attributes through the API, and attribute routing: a form's route to
a team's round-robin event type narrows its hosts to the members whose attributes match the
answers (all of them when none match), in ``teamMemberIds`` and in the slots offered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.routing_forms.helpers import DAY, submit
from tests.slots.helpers import data, error
from tests.team_scheduling.helpers import hours
from tests.teams.helpers import make_organization

LANGUAGE = {
    "id": "lang",
    "label": "Language",
    "identifier": "lang",
    "type": "select",
    "required": True,
    "options": [
        {"id": "de", "label": "German"},
        {"id": "en", "label": "English"},
        {"id": "fr", "label": "French"},
    ],
}


def _org(
    client: TestClient, app: FastAPI, now: datetime, olga: Account, *people: Account
) -> tuple[str, int]:
    org_id = make_organization(app, olga, now)
    org = f"/v2/organizations/{org_id}"
    team = data(
        client.post(f"{org}/teams", headers=olga.headers, json={"name": "Sales", "slug": "sales"}),
        201,
    )
    for person in people:
        joining = {"userId": person.id, "accepted": True}
        data(client.post(f"{org}/memberships", headers=olga.headers, json=joining), 201)
        data(
            client.post(
                f"{org}/teams/{team['id']}/memberships", headers=olga.headers, json=joining
            ),
            201,
        )
    return org, team["id"]


@pytest.fixture
def world(client: TestClient, app: FastAPI, accounts: Accounts, clock: Any) -> dict[str, Any]:
    olga, mia, max_ = (accounts.create(username=n) for n in ("olga", "mia", "max"))
    hours(client, mia, "09:00", "11:00")
    hours(client, max_, "13:00", "15:00")
    org, team_id = _org(client, app, clock.now(), olga, mia, max_)
    attribute = data(
        client.post(
            f"{org}/attributes", headers=olga.headers,
            json={"name": "Languages", "slug": "languages", "type": "MULTI_SELECT",
                  "options": [{"value": "German"}, {"value": "English"}]},
        ),
        201,
    )  # fmt: skip
    german, english = (o["id"] for o in attribute["options"])
    for person, option in ((mia, german), (mia, english), (max_, english)):
        body = {"attributeId": attribute["id"], "attributeOptionId": option}
        data(
            client.post(f"{org}/attributes/options/{person.id}", headers=olga.headers, json=body),
            201,
        )
    event = data(
        client.post(
            f"{org}/teams/{team_id}/event-types",
            headers={**olga.headers, "cal-api-version": "2024-06-14"},
            json={"title": "Demo", "slug": "demo", "lengthInMinutes": 30,
                  "minimumBookingNotice": 0, "schedulingType": "roundRobin",
                  "hosts": [{"userId": mia.id}, {"userId": max_.id}]},
        ),
        201,
    )  # fmt: skip
    route = {
        "id": "by-language",
        "attributesQueryValue": {
            "attribute": "languages", "operator": "contains", "valueFromField": "lang"
        },
        "action": {"type": "eventTypeRedirectUrl", "eventTypeId": event["id"]},
    }  # fmt: skip
    body = {"name": "Leads", "teamId": team_id, "fields": [LANGUAGE], "routes": [route]}
    form = data(client.post("/v2/routing-forms", headers=olga.headers, json=body), 201)
    return {"org": org, "olga": olga, "mia": mia, "max": max_, "form": form, "event": event,
            "attribute": attribute, "team_id": team_id}  # fmt: skip


def _starts(routed: dict[str, Any]) -> list[str]:
    return [s["start"][11:16] for s in routed["slots"].get(DAY, [])]


def test_attribute_routing_narrows_round_robin_hosts(
    client: TestClient, world: dict[str, Any]
) -> None:
    mia, max_, form = world["mia"], world["max"], world["form"]
    assert form["routes"][0]["action"]["value"] == "team/sales/demo"
    german = data(submit(client, form["id"], {"lang": "de"}), 201)
    assert german["routing"]["teamMemberIds"] == [mia.id]  # only mia speaks German
    assert _starts(german) == ["09:00", "09:30", "10:00", "10:30"]  # mia's hours alone
    english = data(submit(client, form["id"], {"lang": "English"}), 201)
    assert english["routing"]["teamMemberIds"] == sorted([mia.id, max_.id])
    assert "13:00" in _starts(english)
    assert "09:00" in _starts(english)
    # nobody speaks French: every host (the documented fallback)
    french = data(submit(client, form["id"], {"lang": "fr"}), 201)
    assert french["routing"]["teamMemberIds"] == sorted([mia.id, max_.id])
    assert _starts(french) == _starts(english)


def test_organization_routes_list_filter_and_patch_responses(
    client: TestClient, world: dict[str, Any]
) -> None:
    org, olga, mia, form = world["org"], world["olga"], world["mia"], world["form"]
    listed = data(client.get(f"{org}/routing-forms", headers=olga.headers))
    assert [f["id"] for f in listed] == [form["id"]]
    by_team = client.get(f"{org}/routing-forms", headers=olga.headers, params={"teamIds": [999]})
    assert data(by_team) == []
    team_forms = data(
        client.get(f"{org}/teams/{world['team_id']}/routing-forms", headers=olga.headers)
    )
    assert [f["id"] for f in team_forms] == [form["id"]]
    responses = f"{org}/routing-forms/{form['id']}/responses"
    window = {"start": DAY, "end": DAY}
    routed = data(
        client.post(responses, headers=olga.headers, params=window, json={"lang": "de"}), 201
    )
    assert routed["routing"]["teamMemberIds"] == [mia.id]
    response_id = routed["routing"]["responseId"]
    patched = data(
        client.patch(f"{responses}/{response_id}", headers=olga.headers,
                     json={"response": {"lang": "en"}})
    )  # fmt: skip
    assert patched["response"] == {"lang": {"label": "Language", "value": "en"}}
    assert [r["id"] for r in data(client.get(responses, headers=olga.headers))] == [response_id]
    # a member of the organization is no admin of it
    assert client.get(responses, headers=mia.headers).status_code == 403


def test_attributes_api(client: TestClient, world: dict[str, Any]) -> None:
    org, olga, mia, max_ = world["org"], world["olga"], world["mia"], world["max"]
    attribute = world["attribute"]
    path = f"{org}/attributes/{attribute['id']}"
    assert data(client.get(path, headers=olga.headers))["slug"] == "languages"
    held = data(client.get(f"{org}/attributes/options/{mia.id}", headers=olga.headers))
    assert sorted(o["value"] for o in held) == ["English", "German"]
    english = next(o["id"] for o in attribute["options"] if o["value"] == "English")
    data(client.delete(f"{org}/attributes/options/{max_.id}/{english}", headers=olga.headers))
    assert data(client.get(f"{org}/attributes/options/{max_.id}", headers=olga.headers)) == []
    # a TEXT attribute takes a value per member; a second value replaces the first
    city = data(
        client.post(f"{org}/attributes", headers=olga.headers,
                    json={"name": "City", "type": "TEXT"}),
        201,
    )  # fmt: skip
    assign = f"{org}/attributes/options/{max_.id}"
    for value in ("Berlin", "Paris"):
        data(
            client.post(
                assign, headers=olga.headers, json={"attributeId": city["id"], "value": value}
            ),
            201,
        )
    assert [o["value"] for o in data(client.get(assign, headers=olga.headers))] == ["Paris"]
    problem = error(
        client.post(assign, headers=olga.headers, json={"attributeId": attribute["id"]}), 400
    )
    assert problem["details"][0]["field"] == "attributeOptionId"
    duplicate = {"name": "Languages again", "slug": "languages", "type": "TEXT"}
    assert client.post(f"{org}/attributes", headers=olga.headers, json=duplicate).status_code == 409
    assert client.get(path, headers=mia.headers).status_code == 403


def test_attribute_routing_needs_an_organization_and_a_known_attribute(
    client: TestClient, world: dict[str, Any], accounts: Accounts
) -> None:
    olga, form = world["olga"], world["form"]
    route = dict(form["routes"][0])
    route["attributesQueryValue"] = {"attribute": "shoe-size", "operator": "equals", "value": 9}
    problem = error(
        client.patch(
            f"/v2/routing-forms/{form['id']}", headers=olga.headers, json={"routes": [route]}
        ),
        400,
    )
    assert problem["details"][0]["field"] == "routes[0].attributesQueryValue.attribute"
