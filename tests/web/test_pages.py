"""The booking pages through the app (TestClient), on every database backend."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.bookings.helpers import book as book_api
from tests.conftest import Account
from tests.slots.helpers import slots as api_slots
from tests.web.helpers import (
    DAY,
    SLOT,
    book_form,
    bookings_of,
    day_buttons,
    field_error,
    host,
    set_user,
    slot_buttons,
)


class TestProfile:
    def test_shows_the_owner_and_visible_event_types(
        self, app: FastAPI, client: TestClient, alice: Account
    ) -> None:
        set_user(app, "alice", bio="I teach <b>pottery</b>.", name="Alice Liddell")
        host(client, alice, "intro", lengthInMinutesOptions=[15, 30])
        host(client, alice, "secret", hidden=True)
        response = client.get("/alice")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        html = response.text
        assert "<h1>Alice Liddell</h1>" in html
        assert "I teach &lt;b&gt;pottery&lt;/b&gt;." in html  # escaped, never markup
        assert 'href="/alice/intro"' in html
        assert "15 / 30 min" in html
        assert "/alice/secret" not in html

    def test_unknown_user_is_a_404_page_for_people_and_json_for_programs(
        self, client: TestClient
    ) -> None:
        response = client.get("/nobody-here", headers={"Accept": "text/html,*/*;q=0.8"})
        assert response.status_code == 404
        assert "Page not found" in response.text
        program = client.get("/nobody-here/meet")
        assert program.status_code == 404
        assert program.json()["error"]["code"] == "NotFoundException"
        assert client.post("/nobody-here").status_code == 404  # no page takes a POST there


class TestEventPage:
    def test_marks_days_with_slots_and_disables_the_rest(
        self, client: TestClient, alice: Account
    ) -> None:
        host(client, alice)
        response = client.get("/alice/intro", params={"tz": "Europe/London"})
        assert response.status_code == 200
        days = day_buttons(response.text)
        assert len(days) == 31
        assert days["2030-03-26"] is True  # a Tuesday
        assert days["2030-03-30"] is False  # a Saturday
        assert days["2030-03-24"] is False  # yesterday
        free = [day for day, ok in days.items() if ok]
        found = api_slots(
            client, eventTypeId=_event_id(client, alice), start="2030-03-01", end="2030-03-31",
            timeZone="Europe/London",
        )  # fmt: skip
        assert free == sorted(found)  # the same engine as GET /v2/slots

    def test_a_day_lists_its_slots_in_the_bookers_zone(
        self, client: TestClient, alice: Account
    ) -> None:
        host(client, alice)
        london = slot_buttons(client.get(f"/alice/intro?tz=Europe/London&date={DAY}").text)
        rome = slot_buttons(client.get(f"/alice/intro?tz=Europe/Rome&date={DAY}").text)
        assert london[0] == (SLOT, "09:00")
        assert rome[0] == (SLOT, "10:00")  # the same instant, shown an hour later
        assert [start for start, _ in london] == [start for start, _ in rome]
        assert len(london) == 16  # 09:00-17:00 in 30-minute slots

    def test_twelve_hour_format(self, client: TestClient, alice: Account) -> None:
        host(client, alice)
        shown = slot_buttons(client.get(f"/alice/intro?tz=Europe/London&date={DAY}&h=12").text)
        assert [label for _, label in shown[:2]] == ["9:00am", "9:30am"]
        assert shown[-1][1] == "4:30pm"

    def test_durations_to_choose_from(self, client: TestClient, alice: Account) -> None:
        host(client, alice, lengthInMinutesOptions=[15, 30], lengthInMinutes=30)
        html = client.get(f"/alice/intro?tz=Europe/London&date={DAY}&duration=15").text
        assert 'name="duration" value="15" checked' in html
        assert len(slot_buttons(html)) == 32
        unknown = client.get(f"/alice/intro?tz=Europe/London&date={DAY}&duration=45").text
        assert len(slot_buttons(unknown)) == 16  # not an option: the event type's length

    def test_seats_left(self, client: TestClient, alice: Account) -> None:
        event_type_id = host(
            client, alice, seats={"seatsPerTimeSlot": 3, "showAvailabilityCount": True}
        )
        assert book_api(client, event_type_id).status_code == 201
        html = client.get(f"/alice/intro?tz=Europe/London&date={DAY}").text
        assert re.search(r"09:00<span class=\"seats\">2 seats left</span>", html)
        assert "3 seats left" in html

    def test_next_and_previous_month(self, client: TestClient, alice: Account) -> None:
        host(client, alice)
        html = client.get("/alice/intro?tz=Europe/London").text
        assert 'aria-label="Previous month"' not in html  # nothing before this month
        assert "month=2030-04" in html
        april = client.get("/alice/intro?tz=Europe/London&month=2030-04").text
        assert "April 2030" in april
        assert day_buttons(april)["2030-04-01"] is True
        assert 'aria-label="Previous month"' in april

    def test_odd_query_values_fall_back_and_never_break_the_page(
        self, client: TestClient, alice: Account
    ) -> None:
        host(client, alice)
        for query in (
            "month=9999-12", "month=0001-01", "month=2030-13", "date=9999-12-31",
            "date=0001-01-01", "slot=9999-12-31T23:59:59Z", "slot=0001-01-01T00:00:00Z",
            "tz=../../etc/passwd", "tz=Mars/Olympus", "duration=99999999999999999999", "h=7",
            "duration=%C2%B2", "month=0000-01",
        ):  # fmt: skip
            response = client.get(f"/alice/intro?{query}")
            assert response.status_code == 200, query
            assert "March 2030" in response.text, query
        far = client.get("/alice/intro?month=2031-04").text
        assert 'aria-label="Next month"' not in far  # slots are offered a year out
        for slot in ("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2030-03-25T19:00:00Z"):
            assert book_form(client, "/alice/intro", slot=slot).status_code == 400, slot

        assert bookings_of(client, alice) == []

    def test_unknown_event_type_and_hidden_one(self, client: TestClient, alice: Account) -> None:
        host(client, alice, "secret", hidden=True)
        assert client.get("/alice/nope").status_code == 404
        assert client.get("/alice/secret").status_code == 200  # its own link books it

    def test_page_weight(self, client: TestClient, alice: Account) -> None:
        host(client, alice)
        html = client.get(f"/alice/intro?tz=Europe/London&date={DAY}").content
        css = client.get("/static/booking.css").content
        js = client.get("/static/booking.js").content
        assert len(html) + len(css) + len(js) < 100_000

    def test_branding_and_theme(self, app: FastAPI, client: TestClient, alice: Account) -> None:
        host(client, alice)
        set_user(app, "alice", brand_color="#ffcc00", dark_brand_color="#123456", theme="dark")
        html = client.get("/alice/intro").text
        assert '<html lang="en" data-theme="dark">' in html
        assert "--brand:#ffcc00;--brand-text:#111111" in html
        assert "--brand-dark:#123456;--brand-dark-text:#ffffff" in html

    def test_embed_has_no_chrome_and_keeps_embed(self, client: TestClient, alice: Account) -> None:
        host(client, alice)
        plain = client.get("/alice/intro").text
        embedded = client.get(f"/alice/intro?embed=1&date={DAY}").text
        assert "Scheduling by slotwise" in plain
        assert "Scheduling by slotwise" not in embedded
        assert 'class="embedded"' in embedded
        assert '<input type="hidden" name="embed" value="1">' in embedded


class TestBooking:
    def test_books_through_the_bookings_service(self, client: TestClient, alice: Account) -> None:
        host(client, alice)
        response = book_form(client, "/alice/intro", guests="bo@example.com, cy@example.com")
        assert response.status_code == 303
        location = response.headers["location"]
        uid = re.fullmatch(r"/booking/([0-9a-f]+)\?.*done=booked.*", location)
        assert uid is not None
        [booking] = bookings_of(client, alice)
        assert booking["uid"] == uid.group(1)
        assert booking["start"] == "2030-03-26T09:00:00.000Z"
        assert booking["attendees"][0]["timeZone"] == "Europe/Rome"
        assert booking["guests"] == ["bo@example.com", "cy@example.com"]
        page = client.get(location).text
        assert "This meeting is scheduled" in page
        assert "Tuesday, 26 March 2030, 10:00 – 10:30 (Europe/Rome)" in page
        # The emails' cancel link opens the cancel form; the plain link leaves it closed.
        assert '<details class="cancel" open>' not in page
        cancel = client.get(f"/booking/{uid.group(1)}?cancel=true").text
        assert '<details class="cancel" open>' in cancel

    def test_bad_email_is_shown_next_to_the_field_and_books_nothing(
        self, client: TestClient, alice: Account
    ) -> None:
        host(client, alice)
        response = book_form(client, "/alice/intro", email="ann@example")
        assert response.status_code == 400
        assert field_error(response.text, "email")
        assert field_error(response.text, "name") is None
        assert 'value="ann@example"' in response.text  # what was typed is kept
        assert bookings_of(client, alice) == []

    def test_missing_required_fields(self, client: TestClient, alice: Account) -> None:
        company = {"type": "text", "slug": "company", "label": "Company", "required": True}
        host(client, alice, bookingFields=[company])
        response = book_form(client, "/alice/intro", name="", company="")
        assert response.status_code == 400
        assert field_error(response.text, "company") == "is required"
        assert field_error(response.text, "name") == "is required"
        assert bookings_of(client, alice) == []
        done = book_form(client, "/alice/intro", company="Acme")
        assert done.status_code == 303
        [booking] = bookings_of(client, alice)
        assert booking["bookingFieldsResponses"]["company"] == "Acme"

    def test_typed_fields(self, client: TestClient, alice: Account) -> None:
        host(
            client, alice,
            bookingFields=[
                {"type": "number", "slug": "size", "label": "Team size", "required": True},
                {"type": "checkbox", "slug": "topics", "label": "Topics", "required": False,
                 "options": ["a", "b", "c"]},
                {"type": "boolean", "slug": "agree", "label": "I agree", "required": False},
            ],
        )  # fmt: skip
        for not_a_number in ("many", "nan", "inf", "1e999"):
            bad = book_form(client, "/alice/intro", size=not_a_number)
            assert bad.status_code == 400, not_a_number
            assert field_error(bad.text, "size") == "must be a number"
        posted = {"slot": SLOT, "tz": "UTC", "name": "Ann", "email": "ann@example.com",
                  "size": "12", "topics": ["a", "c"], "agree": "on"}  # fmt: skip
        assert client.post("/alice/intro", data=posted).status_code == 200  # followed
        [booking] = bookings_of(client, alice)
        answers = booking["bookingFieldsResponses"]
        assert (answers["size"], answers["topics"], answers["agree"]) == (12, ["a", "c"], True)

    def test_where_to_meet(self, client: TestClient, alice: Account) -> None:
        host(
            client, alice,
            locations=[
                {"type": "address", "address": "1 Main St", "public": True},
                {"type": "attendeePhone"},
            ],
        )  # fmt: skip
        form = client.get(f"/alice/intro?tz=UTC&slot={SLOT}").text
        assert "In person: 1 Main St" in form
        assert "Phone call, to your number" in form
        unchosen = book_form(client, "/alice/intro")
        assert field_error(unchosen.text, "location") == "pick where to meet"
        no_number = book_form(client, "/alice/intro", location="1")
        assert field_error(no_number.text, "location_value") == "enter your phone"
        assert bookings_of(client, alice) == []
        done = book_form(client, "/alice/intro", location="1", location_value="+442071234567")
        assert done.status_code == 303
        [booking] = bookings_of(client, alice)
        assert booking["location"] == "+442071234567"

    def test_a_taken_slot_says_so_and_shows_fresh_slots(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = host(client, alice)
        assert book_api(client, event_type_id, SLOT, name="Zed").status_code == 201
        response = book_form(client, "/alice/intro")
        assert response.status_code == 409
        assert "just taken by someone else" in response.text
        fresh = [start for start, _ in slot_buttons(response.text)]
        assert SLOT not in fresh
        assert fresh[0] == "2030-03-26T09:30:00Z"
        assert len(bookings_of(client, alice)) == 1

    def test_a_slot_never_offered(self, client: TestClient, alice: Account) -> None:
        host(client, alice)
        response = book_form(client, "/alice/intro", slot="2030-03-26T03:00:00Z")
        assert response.status_code == 400
        assert "no longer available" in response.text
        assert bookings_of(client, alice) == []

    def test_no_slot_chosen(self, client: TestClient, alice: Account) -> None:
        host(client, alice)
        response = book_form(client, "/alice/intro", slot="not a time")
        assert response.status_code == 400
        assert "Pick a time first." in response.text


class TestConfirmationRescheduleCancel:
    def booked(self, client: TestClient, alice: Account) -> str:
        host(client, alice)
        response = book_form(client, "/alice/intro")
        match = re.match(r"/booking/([0-9a-f]+)", response.headers["location"])
        assert match is not None
        return match.group(1)

    def test_a_booking_waiting_for_the_host(self, client: TestClient, alice: Account) -> None:
        host(client, alice, confirmationPolicy={"type": "always"})
        response = book_form(client, "/alice/intro", follow_redirects=True)
        assert "Waiting for Alice to confirm" in response.text
        ics = client.get(response.url.path + "/ics").content
        assert b"STATUS:TENTATIVE" in ics
        [booking] = bookings_of(client, alice)
        assert booking["status"] == "pending"

    def test_unknown_booking(self, client: TestClient) -> None:
        assert client.get("/booking/0123abcd").status_code == 404
        assert client.post("/booking/0123abcd/cancel", data={}).status_code == 404
        assert client.get("/reschedule/0123abcd").status_code == 404

    def test_ics_download(self, client: TestClient, alice: Account) -> None:
        uid = self.booked(client, alice)
        response = client.get(f"/booking/{uid}/ics")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/calendar")
        assert "attachment" in response.headers["content-disposition"]
        [event] = Calendar.from_ical(response.content).walk("VEVENT")
        assert event.decoded("dtstart") == datetime(2030, 3, 26, 9, tzinfo=UTC)
        assert event.decoded("dtend") == datetime(2030, 3, 26, 9, 30, tzinfo=UTC)
        assert str(event["uid"]) == f"{uid}@slotwise"
        assert str(event["status"]) == "CONFIRMED"

    def test_cancel_with_a_reason(self, client: TestClient, alice: Account) -> None:
        uid = self.booked(client, alice)
        response = client.post(
            f"/booking/{uid}/cancel", data={"reason": "Ill"}, follow_redirects=False
        )
        assert response.status_code == 303
        page = client.get(response.headers["location"]).text
        assert "This booking is cancelled" in page
        assert "Ill" in page
        [booking] = bookings_of(client, alice)
        assert (booking["status"], booking["cancellationReason"]) == ("cancelled", "Ill")
        again = client.post(f"/booking/{uid}/cancel", data={"reason": "twice"})
        assert again.status_code == 400
        assert "already cancelled" in again.text

    def test_reschedule(self, client: TestClient, alice: Account) -> None:
        uid = self.booked(client, alice)
        page = client.get(f"/reschedule/{uid}?tz=Europe/London&date=2030-03-27")
        assert page.status_code == 200
        assert "Rescheduling:" in page.text
        new_start = "2030-03-27T14:00:00Z"
        assert new_start in [start for start, _ in slot_buttons(page.text)]
        form = client.get(f"/reschedule/{uid}?tz=Europe/London&slot={new_start}").text
        assert "Reason for rescheduling" in form
        assert 'name="email"' not in form  # the booking keeps its answers
        moved = client.post(
            f"/reschedule/{uid}",
            data={"slot": new_start, "tz": "Europe/London", "rescheduleReason": "Clash"},
            follow_redirects=False,
        )
        assert moved.status_code == 303
        new_uid = re.match(r"/booking/([0-9a-f]+)", moved.headers["location"])
        assert new_uid is not None
        assert new_uid.group(1) != uid
        assert "Your booking was rescheduled" in client.get(moved.headers["location"]).text
        by_uid = {b["uid"]: b for b in bookings_of(client, alice)}
        assert by_uid[new_uid.group(1)]["start"] == "2030-03-27T14:00:00.000Z"
        assert by_uid[uid]["status"] == "cancelled"
        old = client.get(f"/booking/{uid}").text
        assert "This booking was rescheduled" in old
        assert f"/booking/{new_uid.group(1)}" in old

    def test_reschedule_to_a_taken_slot(self, client: TestClient, alice: Account) -> None:
        uid = self.booked(client, alice)
        taken = "2030-03-27T14:00:00Z"
        assert book_api(client, _event_id(client, alice), taken, name="Zed").status_code == 201
        response = client.post(f"/reschedule/{uid}", data={"slot": taken, "tz": "UTC"})
        assert response.status_code == 409
        assert "just taken" in response.text
        by_uid = {b["uid"]: b for b in bookings_of(client, alice)}
        assert by_uid[uid]["status"] == "accepted"  # nothing moved


class TestRouting:
    def test_api_paths_are_not_pages(self, client: TestClient) -> None:
        for path in ("/v2/nothing", "/v2/nothing/here", "/v1/nothing", "/docs/x"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert response.headers["content-type"] == "application/json", path
        assert client.get("/health").status_code == 200
        assert client.get("/docs").status_code == 200

    def test_pages_are_not_in_the_openapi(self, client: TestClient) -> None:
        paths = client.get("/openapi.json").json()["paths"]
        api_outside_versions = {"/events/"}  # Cal.com's platform SDK's public event lookup
        assert not [
            p
            for p in paths
            if not p.startswith(("/v1", "/v2", "/health")) and p not in api_outside_versions
        ]

    def test_embed_script(self, client: TestClient) -> None:
        response = client.get("/embed/embed.js")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/javascript")
        assert "slotwise:booked" in response.text or "slotwise:" in response.text


def _event_id(client: TestClient, account: Account) -> int:
    response = client.get(
        "/v2/event-types", headers={**account.headers, "cal-api-version": "2024-06-14"}
    )
    event_type_id: int = response.json()["data"][0]["id"]
    return event_type_id


class TestSeats:
    def test_a_seat_is_booked_seen_and_cancelled_by_its_own_link(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = host(client, alice, seats={"seatsPerTimeSlot": 3})
        assert book_api(client, event_type_id, name="Zed").status_code == 201
        response = book_form(client, "/alice/intro")
        assert response.status_code == 303
        match = re.fullmatch(
            r"/booking/([0-9a-f]+)\?.*seat=([0-9a-f]+).*", response.headers["location"]
        )
        assert match is not None
        uid, seat = match.groups()
        page = client.get(response.headers["location"]).text
        assert "ann@example.com" in page
        assert "zed@example.com" not in page  # seat holders do not see each other
        cancelled = client.post(f"/booking/{uid}/cancel", data={"seat": seat})
        assert cancelled.status_code == 200
        assert "This booking is cancelled" in cancelled.text
        [booking] = bookings_of(client, alice)
        assert booking["status"] == "accepted"  # Zed's seat stays
        assert [a["email"] for a in booking["attendees"]] == ["zed@example.com"]


def test_the_root_says_where_things_are(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "slotwise is running" in page.text
    assert 'href="/docs"' in page.text


def test_odd_form_values_never_break_the_form(client: TestClient, alice: Account) -> None:
    host(client, alice)
    for odd in ({"duration": "²"}, {"location": "²"}):
        assert book_form(client, "/alice/intro", **odd).status_code < 500, odd


def test_a_name_with_a_line_break_is_refused(client: TestClient, alice: Account) -> None:
    host(client, alice)
    response = book_form(client, "/alice/intro", name="Eve\nMallory")
    assert response.status_code == 400
    assert "control characters" in response.text
    assert bookings_of(client, alice) == []
