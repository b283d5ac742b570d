"""Teams for the team-scheduling tests, made through the models (the teams API is another
branch's): ``teams.make(owner, members=..., admins=...)``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from fastapi import FastAPI

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.teams.models import Membership, MembershipRole, Team
from tests.conftest import Account


@dataclass
class Teams:
    app: FastAPI
    clock: FrozenClock

    def make(
        self,
        owner: Account,
        *,
        members: Sequence[Account] = (),
        admins: Sequence[Account] = (),
        pending: Sequence[Account] = (),
        slug: str = "sales",
        parent_id: int | None = None,
        is_organization: bool = False,
    ) -> int:
        now = self.clock.now()
        with transaction(self.app.state.write_session_factory) as session:
            team = Team(
                name=slug.title(), slug=slug, parent_id=parent_id,
                is_organization=is_organization, created_at=now, updated_at=now,
            )  # fmt: skip
            session.add(team)
            session.flush()
            roles = [(owner, MembershipRole.OWNER, True)]
            roles += [(a, MembershipRole.ADMIN, True) for a in admins]
            roles += [(m, MembershipRole.MEMBER, True) for m in members]
            roles += [(p, MembershipRole.MEMBER, False) for p in pending]
            for account, role, accepted in roles:
                session.add(
                    Membership(
                        team_id=team.id, user_id=account.id, role=role.value,
                        accepted=accepted, created_at=now, updated_at=now,
                    )
                )  # fmt: skip
            return team.id

    def join(self, team_id: int, account: Account, role: MembershipRole) -> None:
        now = self.clock.now()
        with transaction(self.app.state.write_session_factory) as session:
            session.add(
                Membership(
                    team_id=team_id, user_id=account.id, role=role.value, accepted=True,
                    created_at=now, updated_at=now,
                )
            )  # fmt: skip


@pytest.fixture
def teams(app: FastAPI, clock: FrozenClock) -> Teams:
    return Teams(app, clock)
