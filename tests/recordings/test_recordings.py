"""Recordings and transcripts: a Daily-shaped provider posts signed events over HTTP; the
booking's hosts (and its team's admins) read them in Cal.com's shapes; RECORDING_READY and
RECORDING_TRANSCRIPTION_GENERATED webhooks are written once each; forged, tampered and
stale events change nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.outbox.models import OutboxMessage
from slotwise.recordings.models import BookingRecording
from tests.conftest import Account, Accounts
from tests.recordings.fake_daily import FakeDaily, new_secret
from tests.slots.helpers import data, error, make_event_type, make_schedule
from tests.team_scheduling.conftest import Teams
from tests.team_scheduling.helpers import book as book_team
from tests.team_scheduling.helpers import hours, team_event_type

BOOKINGS = {"cal-api-version": "2024-08-13"}
TRIGGERS = ["RECORDING_READY", "RECORDING_TRANSCRIPTION_GENERATED"]


@pytest.fixture
def booking(client: TestClient, alice: Account) -> dict[str, Any]:
    make_schedule(client, alice, "Europe/London")
    intro = make_event_type(client, alice, "intro", minimumBookingNotice=0)
    hook = {"subscriberUrl": "http://127.0.0.1:9/hook", "triggers": TRIGGERS, "active": True}
    data(client.post("/v2/webhooks", headers=alice.headers, json=hook), 201)
    body = {
        "start": "2030-03-26T09:00:00Z", "eventTypeId": intro,
        "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
    }  # fmt: skip
    created: dict[str, Any] = data(client.post("/v2/bookings", headers=BOOKINGS, json=body), 201)
    return created


def webhook_triggers(app: FastAPI) -> list[str]:
    with transaction(app.state.session_factory) as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "webhook").order_by(OutboxMessage.id)
        ).all()
        return [r.payload["trigger"] for r in rows if r.payload["trigger"].startswith("RECORDING")]


def stored(app: FastAPI) -> int:
    with transaction(app.state.session_factory) as session:
        return len(session.scalars(select(BookingRecording)).all())


def test_a_recording_and_its_transcript_reach_the_host_and_fire_webhooks_once(
    client: TestClient, app: FastAPI, alice: Account, booking: dict[str, Any],
    daily: FakeDaily, clock: FrozenClock,
) -> None:  # fmt: skip
    uid, at = booking["uid"], clock.now()
    recordings = f"/v2/bookings/{uid}/recordings"
    transcripts = f"/v2/bookings/{uid}/transcripts"
    assert data(client.get(recordings, headers=alice.headers)) == []
    assert data(client.get(transcripts, headers=alice.headers)) == []

    answer = daily.recording_ready(uid, "rec-1", at=at)
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"] == {"received": True, "recordingId": "rec-1"}
    [recording] = data(client.get(recordings, headers=alice.headers))
    assert recording == {
        "id": "rec-1", "roomName": uid, "startTs": int(at.timestamp()) - 1800,
        "status": "finished", "maxParticipants": 2, "duration": 1795, "shareToken": "share-1",
        "downloadLink": "https://files.example/rec-1.mp4", "error": None,
    }  # fmt: skip
    assert webhook_triggers(app) == ["RECORDING_READY"]

    assert daily.recording_ready(uid, "rec-1", at=at).status_code == 200  # a repeat
    assert webhook_triggers(app) == ["RECORDING_READY"]  # fired once
    assert daily.transcript_ready(uid, "rec-1", at=at).status_code == 200
    assert data(client.get(transcripts, headers=alice.headers)) == [
        "https://files.example/rec-1.vtt"
    ]
    assert daily.transcript_ready(uid, "rec-1", at=at).status_code == 200
    assert webhook_triggers(app) == TRIGGERS
    with transaction(app.state.session_factory) as session:
        [row] = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == "webhook")
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        ).all()
        body = row.payload["body"]
    assert body["triggerEvent"] == "RECORDING_TRANSCRIPTION_GENERATED"
    assert body["payload"]["downloadLinks"]["transcription"][0]["link"].endswith("rec-1.vtt")
    assert body["payload"]["uid"] == uid


def test_forged_tampered_stale_and_unknown_events_change_nothing(
    app: FastAPI, booking: dict[str, Any], daily: FakeDaily, clock: FrozenClock
) -> None:
    uid, now = booking["uid"], clock.now()
    forged = daily.post(
        "recording.ready-to-download",
        {"recording_id": "rec-9", "room_name": uid, "download_link": "https://x/y"},
        at=now, secret=new_secret(),
    )  # fmt: skip
    assert forged.status_code == 401
    assert daily.recording_ready(uid, "rec-2", at=now, tamper=False).status_code == 200
    tampered = daily.post(
        "recording.ready-to-download", {"recording_id": "rec-3", "room_name": uid},
        at=now, tamper=True,
    )  # fmt: skip
    assert tampered.status_code == 401
    stale = daily.recording_ready(uid, "rec-4", at=now - timedelta(minutes=10))
    assert stale.status_code == 401  # an old event replayed
    unknown_room = daily.recording_ready("no-such-room", "rec-5", at=now)
    assert unknown_room.status_code == 404
    ignored = daily.post("meeting.started", {"room": uid}, at=now)
    assert ignored.status_code == 200
    assert ignored.json()["data"] == {"received": True, "recordingId": None}
    assert stored(app) == 1  # rec-2 only
    unsigned = daily.post("recording.ready-to-download", {}, at=now)
    assert unsigned.status_code in (400, 404)


def test_an_app_without_a_secret_has_no_ingest_route(client: TestClient) -> None:
    error(client.post("/v2/conferencing/ics-feed/recordings/webhook", content=b"{}"), 404)
    error(client.post("/v2/conferencing/nope/recordings/webhook", content=b"{}"), 404)


def test_a_room_found_through_the_bookings_video_reference(
    client: TestClient, alice: Account, booking: dict[str, Any], daily: FakeDaily,
    clock: FrozenClock,
) -> None:  # fmt: skip
    reference = {"bookingId": booking["id"], "type": "daily_video", "uid": "acme-room-7"}
    created = client.post("/v1/booking-references", params=alice.v1, json=reference)
    assert created.status_code == 201, created.text
    assert daily.recording_ready("acme-room-7", "rec-7", at=clock.now()).status_code == 200
    [recording] = data(
        client.get(f"/v2/bookings/{booking['uid']}/recordings", headers=alice.headers)
    )
    assert recording["roomName"] == "acme-room-7"


def test_only_the_hosts_and_the_teams_admins_read_them(
    client: TestClient, app: FastAPI, accounts: Accounts, clock: FrozenClock, daily: FakeDaily,
) -> None:  # fmt: skip
    owner, carol, erin = (accounts.create(username=n) for n in ("olga", "carol", "erin"))
    member, outsider = accounts.create(username="mo"), accounts.create(username="bob")
    for host in (carol, erin):
        hours(client, host, "09:00", "17:00")
    team = Teams(app, clock).make(owner, members=[carol, erin, member])
    hosts = [{"userId": carol.id, "mandatory": False}, {"userId": erin.id, "mandatory": False}]
    event_type = team_event_type(client, owner, team, "collective", hosts=hosts)
    booked = book_team(client, event_type["id"], "2030-03-26T10:00:00Z")
    assert booked.status_code == 201, booked.text
    uid = booked.json()["data"]["uid"]
    assert daily.recording_ready(uid, "rec-t", at=clock.now()).status_code == 200
    path = f"/v2/bookings/{uid}/recordings"
    for reader in (carol, erin, owner):  # both hosts, and the team's owner (an admin)
        assert len(data(client.get(path, headers=reader.headers))) == 1
    for stranger in (member, outsider):  # a member who is no host; someone else
        error(client.get(path, headers=stranger.headers), 403)
        error(client.get(f"/v2/bookings/{uid}/transcripts", headers=stranger.headers), 403)
    error(client.get(path), 401)
