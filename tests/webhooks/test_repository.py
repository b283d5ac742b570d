"""The webhooks repository's scopes: what each kind of caller may reach."""

from __future__ import annotations

from datetime import datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Select

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.users.models import User
from slotwise.webhooks import repository
from slotwise.webhooks.models import Webhook
from tests.conftest import Accounts
from tests.slots.helpers import make_event_type


def _webhook(user_id: int, event_type_id: int | None, *, active: bool, now: datetime) -> Webhook:
    return Webhook(
        user_id=user_id,
        event_type_id=event_type_id,
        subscriber_url="https://example.com/hook",
        triggers=["BOOKING_CREATED"],
        active=active,
        created_at=now,
        updated_at=now,
    )


def test_each_scope_reaches_only_its_callers_webhooks(
    app: FastAPI, client: TestClient, accounts: Accounts, clock: FrozenClock
) -> None:
    ann, bob = accounts.create(username="ann"), accounts.create(username="bob")
    anns_type = make_event_type(client, ann, slug="anns")
    bobs_type = make_event_type(client, bob, slug="bobs")
    now = clock.now()
    with transaction(app.state.write_session_factory) as session:
        rows = [
            _webhook(ann.id, None, active=True, now=now),  # 0: ann's own
            _webhook(ann.id, None, active=False, now=now),  # 1: ann's own, off
            _webhook(ann.id, anns_type, active=True, now=now),  # 2: ann's event type's
            _webhook(bob.id, None, active=True, now=now),  # 3: bob's own
            _webhook(bob.id, bobs_type, active=True, now=now),  # 4: bob's event type's
        ]
        for row in rows:
            repository.add(session, row)
        ids = [row.id for row in rows]

    with transaction(app.state.session_factory) as session:

        def reached(scope: Select[Webhook]) -> list[int]:
            return [w.id for w in repository.every(session, scope)]

        assert reached(repository.owned_by_user(ann.id)) == ids[:3]
        assert reached(repository.of_user_scope(ann.id)) == ids[:2]
        user = session.get(User, ann.id)
        assert user is not None
        assert reached(repository.of_event_type_owned_by(user, anns_type)) == [ids[2]]
        assert reached(repository.of_event_type_owned_by(user, bobs_type)) == []
        assert repository.find(session, repository.owned_by_user(ann.id), ids[3]) is None

        subscribers = repository.active_subscribers(
            session, user_id=ann.id, event_type_id=anns_type
        )
        assert [w.id for w in subscribers] == [ids[0], ids[2]]
        no_type = repository.active_subscribers(session, user_id=bob.id, event_type_id=None)
        assert [w.id for w in no_type] == [ids[3]]
