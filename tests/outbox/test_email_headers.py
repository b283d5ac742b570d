"""Text people type (attendee names, event type titles) never becomes a header line of its
own: not as CR/LF, not as an RFC 2047 encoded word that the email library decodes into one,
not as a Unicode line separator. Booked through the API, delivered over SMTP to a real sink.
"""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import compat32
from email.policy import default as default_policy

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from slotwise.emails.headers import check_header_lines, header_text, mailbox
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import FIRST_SLOT, v2
from tests.conftest import Account
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data, make_event_type, make_schedule

ENCODED_BCC = "=?utf-8?q?Ann=0D=0ABcc:_x@example.com?="
HEADERS = ["subject", "from", "to", "reply-to", "date", "message-id", "x-slotwise-booking-uid"]


@pytest.mark.parametrize(
    ("attendee_name", "title"),
    [
        (ENCODED_BCC, "Intro"),
        ("Ann", f"Intro {ENCODED_BCC}"),
        ("Ann\u2028Bcc: x@example.com", "Intro"),
        ("Ann \x85Bcc: x@example.com", "Intro =?utf-8?b?DQpCY2M6IHhAZXhhbXBsZS5jb20=?="),
    ],
)
def test_typed_text_stays_inside_its_header(
    client: TestClient,
    alice: Account,
    worker: Worker,
    smtp: SmtpSink,
    attendee_name: str,
    title: str,
) -> None:
    make_schedule(client, alice, "Europe/London")
    event_type = make_event_type(client, alice, title=title)
    attendee = {"name": attendee_name, "email": "ann@example.com", "timeZone": "UTC"}
    body = {"start": FIRST_SLOT, "eventTypeId": event_type, "attendee": attendee}
    data(client.post("/v2/bookings", headers=v2(), json=body), 201)

    assert worker.drain() == 2
    received = smtp.received
    assert sorted(mail.to for mail in received) == ["alice@example.com", "ann@example.com"]
    for mail in received:
        headers = [name.lower() for name in mail.message]
        assert "bcc" not in headers
        assert [name for name in headers if name in HEADERS] == HEADERS
        assert "x@example.com" not in mail.recipients
        assert "Ann" in mail.subject or "Intro" in mail.subject
        assert "\n" not in mail.subject
        assert "\r" not in mail.subject


typed = st.lists(
    st.one_of(
        st.text(max_size=5),
        st.sampled_from(["=?", "?=", "=?utf-8?q?", "=0D=0A", "\r\n", "Bcc: ", "\u2028", '"']),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(name=typed, subject=typed)
def test_any_text_folds_into_exactly_the_headers_set(name: str, subject: str) -> None:
    message = EmailMessage()
    message["Subject"] = header_text(subject)
    message["To"] = mailbox(name, "ann@example.com")
    message.set_content("body")
    check_header_lines(message)

    raw = message.as_bytes()
    assert sorted(message_from_bytes(raw, policy=compat32).keys()) == sorted(message.keys())
    reread = message_from_bytes(raw, policy=default_policy)
    # What a reader sees is the text sent (the library may drop a space between encoded words).
    assert "".join(str(reread["Subject"]).split()) == "".join(header_text(subject).split())
    assert reread["To"].addresses[0].addr_spec == "ann@example.com"  # type: ignore[attr-defined]
    display_name = reread["To"].addresses[0].display_name  # type: ignore[attr-defined]
    assert "\n" not in display_name
    assert "\r" not in display_name


def test_an_address_the_library_would_decode_is_refused() -> None:
    with pytest.raises(ValueError, match="encoded-word|cannot be written"):
        mailbox("Ann", "=?utf-8?q?x=0D=0A?=@example.com")
