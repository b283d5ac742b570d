"""The attendee's review page: the emailed link opens a form; sending it records the review
once; a second visit shows no form, a made-up link is a 404 page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.outbox.worker import Worker
from tests.conftest import Account
from tests.outbox.smtp_sink import SmtpSink
from tests.reviews.test_reviews import after_the_meeting, book, intro, review_links
from tests.slots.helpers import data

HTML = {"Accept": "text/html"}


def test_the_page_takes_one_review(
    client: TestClient, alice: Account, intro: int, clock: FrozenClock, worker: Worker,
    smtp: SmtpSink,
) -> None:  # fmt: skip
    book(client, intro)
    after_the_meeting(clock, worker)
    [secret] = review_links(smtp)
    page = client.get(f"/reviews/{secret}", headers=HTML)
    assert page.status_code == 200
    assert 'name="rating"' in page.text
    assert "Alice" in page.text or alice.username in page.text

    refused = client.post(f"/reviews/{secret}", headers=HTML, data={"rating": "9"})
    assert refused.status_code == 400
    assert "Choose a rating" in refused.text

    sent = client.post(
        f"/reviews/{secret}", headers=HTML, data={"rating": "5", "comment": "Great, thanks"}
    )
    assert sent.status_code == 200
    assert "your review was sent" in sent.text
    assert 'name="rating"' not in sent.text
    assert data(client.get(f"/v2/reviews/{secret}"))["comment"] == "Great, thanks"

    again = client.post(f"/reviews/{secret}", headers=HTML, data={"rating": "1"})
    assert again.status_code == 409
    assert "already used" in again.text
    assert data(client.get(f"/v2/reviews/{secret}"))["rating"] == 5
    assert client.get("/reviews/made-up", headers=HTML).status_code == 404


__all__ = ["intro"]  # the fixture, shared with the API tests
