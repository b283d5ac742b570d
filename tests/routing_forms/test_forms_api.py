"""Routing forms through the API: writing and reading forms, bad forms refused with every
problem named, responses validated, routed (event type slots, external URL, message,
fallback), stored with their route and linked to the booking made from them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from tests.conftest import Accounts
from tests.routing_forms.helpers import COUNTRY, DAY, EMAIL, SIZE, make_form, submit
from tests.slots.helpers import data, error, make_event_type, make_schedule
from tests.teams.helpers import add_member, make_team

BIG = {"field": "size", "operator": "greater_than", "value": 50}


def _routes(event_type_id: int) -> list[dict[str, object]]:
    return [
        {"id": "enterprise", "queryValue": BIG,
         "action": {"type": "eventTypeRedirectUrl", "eventTypeId": event_type_id}},
        {"id": "german", "queryValue": {"field": "country", "operator": "equals", "value": "de"},
         "action": {"type": "externalRedirectUrl", "value": "https://example.com/de?src=form"}},
        {"id": "thanks", "isFallback": True,
         "action": {"type": "customPageMessage", "value": "Thank you, we will be in touch."}},
    ]  # fmt: skip


class TestForms:
    def test_write_read_and_nobody_elses(self, client: TestClient, accounts: Accounts) -> None:
        alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
        event_type_id = make_event_type(client, alice, "demo")
        form = make_form(client, alice, routes=_routes(event_type_id))
        assert form["userId"] == alice.id
        assert form["teamId"] is None
        assert [f["id"] for f in form["fields"]] == ["country", "size", "email"]
        assert form["routes"][0]["action"]["value"] == "alice/demo"  # the booking path
        path = f"/v2/routing-forms/{form['id']}"
        assert data(client.get(path, headers=alice.headers))["name"] == "Inbound"
        assert [f["id"] for f in data(client.get("/v2/routing-forms", headers=alice.headers))] == [
            form["id"]
        ]
        assert client.get(path, headers=bob.headers).status_code == 404
        assert client.patch(path, headers=bob.headers, json={"name": "X"}).status_code == 404
        renamed = data(client.patch(path, headers=alice.headers, json={"name": "Leads"}))
        assert renamed["name"] == "Leads"
        assert renamed["routes"] == form["routes"]
        data(client.delete(path, headers=alice.headers))
        assert client.get(path, headers=alice.headers).status_code == 404

    def test_bad_forms_are_refused_naming_every_field(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
        bobs = make_event_type(client, bob, "bobs")
        body = {
            "name": "Bad",
            "fields": [COUNTRY, SIZE, EMAIL, {**SIZE, "identifier": "size2"}],
            "routes": [
                {"queryValue": {"field": "email", "operator": "between", "value": [1, 2]},
                 "action": {"type": "eventTypeRedirectUrl", "eventTypeId": bobs}},
                {"queryValue": {"all": [{"any": [
                    {"field": "country", "operator": "greater_than", "value": 3}]}]},
                 "action": {"type": "externalRedirectUrl", "value": "ftp://x"}},
            ],
        }  # fmt: skip
        problem = error(client.post("/v2/routing-forms", headers=alice.headers, json=body), 400)
        fields = [d["field"] for d in problem["details"]]
        assert fields == [
            "fields[3].id",
            "routes[0].queryValue.operator",
            "routes[0].action.eventTypeId",  # bob's event type: not one alice can route to
            "routes[1].queryValue.all[0].any[0].operator",
            "routes[1].action.value",
        ]
        assert "duplicate field id 'size'" in problem["message"]
        assert "between does not fit a email field" in problem["message"]
        assert data(client.get("/v2/routing-forms", headers=alice.headers)) == []

    def test_an_unknown_field_and_a_value_that_is_no_option(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice = accounts.create(username="alice")
        routes = [
            {"queryValue": {"field": "nope", "operator": "equals", "value": 1},
             "action": {"type": "customPageMessage", "value": "Hi"}},
            {"queryValue": {"field": "country", "operator": "in", "value": ["de", "xx"]},
             "action": {"type": "customPageMessage", "value": "Hi"}},
            {"isFallback": True, "action": {"type": "customPageMessage", "value": "A"}},
            {"isFallback": True, "action": {"type": "customPageMessage", "value": "B"}},
        ]  # fmt: skip
        body = {"name": "Bad", "fields": [COUNTRY], "routes": routes}
        problem = error(client.post("/v2/routing-forms", headers=alice.headers, json=body), 400)
        assert [d["field"] for d in problem["details"]] == [
            "routes[0].queryValue.field",
            "routes[1].queryValue.value",
            "routes[3].isFallback",
        ]


class TestResponses:
    def test_routes_in_order_with_fallback_and_stores_the_route(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice = accounts.create(username="alice")
        make_schedule(client, alice, "UTC")
        event_type_id = make_event_type(client, alice, "demo", minimumBookingNotice=0)
        form = make_form(client, alice, routes=_routes(event_type_id))
        # size > 50 wins over the German route (first match), and answers the slots
        routed = data(submit(client, form["id"], {"country": "de", "size": 80}), 201)
        assert routed["eventTypeId"] == event_type_id
        assert routed["routing"]["teamMemberIds"] == [alice.id]
        assert routed["slots"][DAY][0] == {"start": "2030-03-26T09:00:00.000Z"}
        # German (by the option's label too), with the answers as query parameters
        routed = data(submit(client, form["id"], {"country": "Germany", "email": "a@b.de"}), 201)
        url = urlsplit(routed["routingExternalRedirectUrl"])
        assert (url.scheme, url.netloc, url.path) == ("https", "example.com", "/de")
        assert parse_qs(url.query) == {"src": ["form"], "country": ["Germany"], "email": ["a@b.de"]}
        assert "eventTypeId" not in routed
        assert "slots" not in routed
        # nothing matches: the fallback's message
        routed = data(submit(client, form["id"], {"country": "fr", "size": "10"}), 201)
        assert routed["routingCustomMessage"] == "Thank you, we will be in touch."
        listed = data(
            client.get(
                f"/v2/routing-forms/{form['id']}/responses",
                headers=alice.headers, params={"sortCreatedAt": "asc"},
            )
        )  # fmt: skip
        assert [r["routeId"] for r in listed] == ["enterprise", "german", "thanks"]
        assert listed[2]["response"] == {
            "country": {"label": "Country", "value": "fr"},
            "size": {"label": "Company size", "value": 10},
        }

    def test_bad_answers_are_refused_and_nothing_is_stored(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice = accounts.create(username="alice")
        form = make_form(client, alice, routes=_routes(make_event_type(client, alice, "demo")))
        problem = error(
            submit(client, form["id"], {"size": "many", "email": "nope", "color": "red"}), 400
        )
        assert [d["field"] for d in problem["details"]] == ["color", "country", "size", "email"]
        problem = error(submit(client, form["id"], {"country": "xx"}), 400)
        assert problem["details"] == [{"field": "country", "message": "no option 'xx'"}]
        listed = client.get(f"/v2/routing-forms/{form['id']}/responses", headers=alice.headers)
        assert data(listed) == []
        assert submit(client, "no-such-form", {"country": "de"}).status_code == 404

    def test_calculate_slots_stores_nothing(self, client: TestClient, accounts: Accounts) -> None:
        alice = accounts.create(username="alice")
        make_schedule(client, alice, "UTC")
        event_type_id = make_event_type(client, alice, "demo", minimumBookingNotice=0)
        form = make_form(client, alice, routes=_routes(event_type_id))
        response = client.post(
            f"/v2/routing-forms/{form['id']}/calculate-slots",
            params={"start": DAY, "end": DAY}, json={"country": "fr", "size": 99},
        )  # fmt: skip
        routed = data(response)
        assert routed["eventTypeId"] == event_type_id
        assert routed["slots"][DAY]
        assert "responseId" not in routed["routing"]
        listed = client.get(f"/v2/routing-forms/{form['id']}/responses", headers=alice.headers)
        assert data(listed) == []

    def test_a_booking_made_with_the_response_links_it(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice = accounts.create(username="alice")
        make_schedule(client, alice, "UTC")
        event_type_id = make_event_type(client, alice, "demo", minimumBookingNotice=0)
        form = make_form(client, alice, routes=_routes(event_type_id))
        routed = data(submit(client, form["id"], {"country": "fr", "size": 99}), 201)
        response_id = routed["routing"]["responseId"]
        booking = data(
            client.post(
                "/v2/bookings",
                headers={"cal-api-version": "2024-08-13"},
                json={
                    "start": "2030-03-26T10:00:00Z", "eventTypeId": event_type_id,
                    "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "UTC"},
                    "metadata": {"routingFormResponseId": str(response_id)},
                },
            ),
            201,
        )  # fmt: skip
        path = f"/v2/routing-forms/{form['id']}/responses"
        linked = data(client.get(path, headers=alice.headers))
        assert linked[0]["routedToBookingUid"] == booking["uid"]
        filtered = client.get(
            path, headers=alice.headers, params={"routedToBookingUid": booking["uid"]}
        )
        assert [r["id"] for r in data(filtered)] == [response_id]
        other = client.get(path, headers=alice.headers, params={"routedToBookingUid": "nope"})
        assert data(other) == []


class TestTeamForms:
    def test_members_read_admins_write(self, client: TestClient, accounts: Accounts) -> None:
        olga, mia, bob = (accounts.create(username=n) for n in ("olga", "mia", "bob"))
        team = make_team(client, olga, slug="sales")
        add_member(client, team["id"], olga, mia)
        body = {"name": "Team form", "teamId": team["id"], "fields": [COUNTRY]}
        assert client.post("/v2/routing-forms", headers=mia.headers, json=body).status_code == 403
        assert client.post("/v2/routing-forms", headers=bob.headers, json=body).status_code == 404
        form = data(client.post("/v2/routing-forms", headers=olga.headers, json=body), 201)
        assert form["teamId"] == team["id"]
        assert form["userId"] is None
        path = f"/v2/routing-forms/{form['id']}"
        assert data(client.get(path, headers=mia.headers))["id"] == form["id"]
        assert client.patch(path, headers=mia.headers, json={"name": "X"}).status_code == 403
        assert client.get(path, headers=bob.headers).status_code == 404
