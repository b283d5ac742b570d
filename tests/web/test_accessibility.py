"""What a screen reader and a keyboard need from the pages' HTML: every control named,
days and times as real buttons, errors announced."""

from __future__ import annotations

from html.parser import HTMLParser

from fastapi.testclient import TestClient

from tests.conftest import Account
from tests.web.helpers import DAY, SLOT, book_form, host


class Controls(HTMLParser):
    """Collects form controls, label targets and whether each control sits in a label or in
    a fieldset with a legend."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.open_labels = 0
        self.open_fieldsets = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "label":
            self.open_labels += 1
            if found.get("for"):
                self.label_for.add(str(found["for"]))
        elif tag == "fieldset":
            self.open_fieldsets += 1
        elif tag in ("input", "select", "textarea") and found.get("type") != "hidden":
            self.controls.append({**found, "tag": tag, "wrapped": str(self.open_labels > 0)})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1
        elif tag == "fieldset":
            self.open_fieldsets -= 1


def unnamed(html: str) -> list[dict[str, str | None]]:
    parser = Controls()
    parser.feed(html)
    assert parser.controls
    return [
        c
        for c in parser.controls
        if c["wrapped"] != "True" and c.get("id") not in parser.label_for
        and not c.get("aria-label")
    ]  # fmt: skip


def test_every_control_has_a_label(client: TestClient, alice: Account) -> None:
    host(
        client, alice,
        lengthInMinutesOptions=[15, 30],
        bookingFields=[
            {"type": "select", "slug": "size", "label": "Size", "required": True,
             "options": ["S", "M"]},
            {"type": "radio", "slug": "tea", "label": "Tea", "required": False,
             "options": ["yes", "no"]},
            {"type": "boolean", "slug": "agree", "label": "I agree", "required": False},
        ],
    )  # fmt: skip
    for path in (f"/alice/intro?date={DAY}", f"/alice/intro?slot={SLOT}"):
        assert unnamed(client.get(path).text) == [], path


def test_days_and_times_are_buttons_and_errors_are_announced(
    client: TestClient, alice: Account
) -> None:
    host(client, alice)
    html = client.get(f"/alice/intro?tz=Europe/London&date={DAY}").text
    assert '<button type="submit" name="date" value="2030-03-26"' in html
    assert 'aria-pressed="true"' in html
    assert 'aria-label="Saturday 30 March, no times" disabled' in html
    assert f'<button type="submit" name="slot" value="{SLOT}"' in html
    failed = book_form(client, "/alice/intro", email="nope").text
    assert 'aria-invalid="true" aria-describedby="err-email"' in failed
    assert '<p class="field-error" id="err-email">' in failed
    taken = book_form(client, "/alice/intro", slot="2030-03-26T03:00:00Z").text
    assert 'role="alert" aria-live="assertive">' in taken
