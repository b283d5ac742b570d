"""Benchmark: reminders due in the same minute. Run from the repo root:

    .venv/bin/python bench/reminders.py [--rows 10000] [--postgres URL]

ROWS workflow rows (half emails to a real SMTP sink, half texts to a local Twilio-shaped
server, both on loopback in this process) are committed due across the next minute; one
worker per lane (SQLite) or two workers (PostgreSQL) deliver them on the real clock with the
default 1 s poll. Figures: throughput (rows/s from the first due time until the last
delivery) and lateness (delivery time minus due time) p50 / p99 / max.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent.parent))
from tests.outbox.smtp_sink import SmtpSink  # noqa: E402
from tests.workflows.twilio_server import ACCOUNT_SID, AUTH_TOKEN, TwilioServer  # noqa: E402

from slotwise.clock import SystemClock  # noqa: E402
from slotwise.composition import outbox_handlers  # noqa: E402
from slotwise.config import Settings  # noqa: E402
from slotwise.db import make_engine, make_session_factory, transaction  # noqa: E402
from slotwise.migrations.runner import upgrade  # noqa: E402
from slotwise.outbox import service as outbox  # noqa: E402
from slotwise.outbox.worker import Worker  # noqa: E402

START = datetime(2030, 3, 26, 9, 0, tzinfo=UTC)
BOOKING: dict[str, Any] = {
    "id": 1, "uid": "u" * 32, "title": "Intro", "eventName": "Intro", "description": None,
    "start": START.isoformat(), "end": (START + timedelta(minutes=30)).isoformat(),
    "status": "ACCEPTED", "location": "Office", "meetingUrl": None, "responses": {},
    "cancellationReason": None, "icsUid": "x@slotwise", "icsSequence": 0, "guests": [],
    "organizer": {"name": "Alice", "email": "alice@example.com", "timeZone": "Europe/London",
                  "language": "en", "timeFormat": 24},
    "attendees": [],
}  # fmt: skip


def payload(index: int, by_email: bool) -> dict[str, Any]:
    person = {
        "name": f"Reader {index}", "email": f"r{index}@example.com",
        "phone": f"+4420712{index:05d}", "timeZone": "Europe/Rome", "language": "it",
    }  # fmt: skip
    return {
        "workflowId": 1, "stepId": 1, "trigger": "BEFORE_EVENT",
        "action": "EMAIL_ATTENDEE" if by_email else "SMS_ATTENDEE", "template": "REMINDER",
        "subject": None, "body": None, "sender": "Cal", "includeCalendarEvent": False,
        "to": person, "booking": {**BOOKING, "attendees": [person]},
    }  # fmt: skip


def run(url: str, rows: int, workers: int, data_dir: Path) -> None:
    smtp, twilio = SmtpSink(), TwilioServer()
    smtp.start()
    twilio.start()
    settings = Settings(
        environment="test", data_dir=data_dir, database_url=url, embedded_worker=False,
        smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_starttls=False,
        sms_provider="twilio", twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=SecretStr(AUTH_TOKEN), twilio_phone_number="+15005550006",
        twilio_base_url=twilio.base_url, outbox_batch_size=100,
    )  # fmt: skip
    upgrade(url)
    engine = make_engine(url)
    due_from = datetime.now(UTC) + timedelta(seconds=5)
    with transaction(make_session_factory(engine, write_lock=True)) as session:
        for index in range(rows):
            due = due_from + timedelta(seconds=60 * index / rows)
            kind = "workflow_email" if index % 2 == 0 else "workflow_sms"
            outbox.enqueue(session, kind, payload(index, index % 2 == 0), now=due_from,
                           due_at=due, topic="workflow:1")  # fmt: skip
    registry = outbox_handlers(settings, engine)
    threads, stop = [], threading.Event()
    for _ in range(workers):
        for lane in registry.lanes():
            worker = Worker(
                engine, settings, SystemClock(), registry.make_handlers(lane), lane=lane
            )
            thread = threading.Thread(target=worker.run_forever, args=(stop,), daemon=True)
            thread.start()
            threads.append(thread)
    deadline = time.monotonic() + 600
    while len(smtp.received) + len(twilio.messages) < rows and time.monotonic() < deadline:
        time.sleep(0.2)
    stop.set()
    finished = datetime.now(UTC)
    with engine.connect() as connection:
        late = [
            (delivered - due).total_seconds()
            for due, delivered in connection.execute(
                text("SELECT due_at, delivered_at FROM outbox_messages WHERE state='delivered'")
            )
            for due, delivered in [(_utc(due), _utc(delivered))]
        ]
    late.sort()
    spent = (finished - due_from).total_seconds()
    print(f"{url.split(':')[0]}: {len(late)}/{rows} delivered in {spent:.1f} s "
          f"({len(late) / spent:.0f} rows/s); lateness p50 {statistics.median(late):.2f} s, "
          f"p99 {late[int(len(late) * 0.99) - 1]:.2f} s, max {late[-1]:.2f} s")  # fmt: skip
    smtp.stop()
    twilio.stop()
    engine.dispose()


def _utc(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--postgres")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.db", args.rows, 1, Path(folder))
    if args.postgres:
        with tempfile.TemporaryDirectory() as folder:
            run(args.postgres, args.rows, 2, Path(folder))


if __name__ == "__main__":
    main()
