"""Branding fields round-trip on teams and organizations; ``nearest_branding`` gives a
team's own, and its organization's for what it leaves unset."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.errors import NotFound
from slotwise.teams.branding import Branding, nearest_branding
from slotwise.teams.commands import TeamSettings
from slotwise.teams.organizations import service as organizations
from slotwise.users import repository as users
from tests.conftest import Account
from tests.teams.helpers import data, make_team

BRANDING = {
    "brandColor": "#112233",
    "darkBrandColor": "#445566",
    "theme": "dark",
    "logoUrl": "https://example.com/logo.png",
    "bannerUrl": "https://example.com/banner.png",
    "hideBranding": True,
}


def branding_of(app: FastAPI, team_id: int) -> Branding:
    with transaction(app.state.session_factory) as session:
        return nearest_branding(session, team_id)


def test_a_top_level_team_wears_its_own(client: TestClient, alice: Account, app: FastAPI) -> None:
    team = make_team(client, alice, **BRANDING)
    assert branding_of(app, team["id"]) == Branding(
        brand_color="#112233", dark_brand_color="#445566", theme="dark",
        logo_url="https://example.com/logo.png", banner_url="https://example.com/banner.png",
        hide_branding=True,
    )  # fmt: skip
    bare = make_team(client, alice, name="Bare")
    assert branding_of(app, bare["id"]) == Branding()


def test_an_organization_team_falls_back_to_the_organizations(
    client: TestClient, alice: Account, app: FastAPI, clock: FrozenClock
) -> None:
    with transaction(app.state.write_session_factory) as session:
        owner = users.get_by_id(session, alice.id)
        assert owner is not None
        org_id = organizations.create_organization(
            session, owner, TeamSettings(name="Acme"), now=clock.now()
        ).id
    # Branding set through the API round-trips on the organization too.
    org = data(client.patch(f"/v2/teams/{org_id}", headers=alice.headers, json=BRANDING))
    assert {k: org[k] for k in BRANDING} == BRANDING
    body = {"name": "Sales", "brandColor": "#abcdef", "theme": "light"}
    teams = f"/v2/organizations/{org_id}/teams"
    team = data(client.post(teams, headers=alice.headers, json=body), 201)
    nearest = branding_of(app, team["id"])
    assert (nearest.brand_color, nearest.theme) == ("#abcdef", "light")  # its own
    assert (nearest.dark_brand_color, nearest.logo_url) == (
        "#445566", "https://example.com/logo.png",
    )  # fmt: skip
    assert nearest.hide_branding is True
    assert branding_of(app, org_id).brand_color == "#112233"  # the organization its own


def test_an_unknown_team_is_not_found(app: FastAPI) -> None:
    with pytest.raises(NotFound):
        branding_of(app, 999_999)
