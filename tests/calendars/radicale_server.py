"""A real Radicale CalDAV server on 127.0.0.1 for the calendar tests: its own storage
folder and htpasswd file (plain passwords), so a wrong password is refused as by any
CalDAV server. ``stop()`` and ``start()`` again on the same port and storage: a calendar
that goes down and comes back."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

import caldav

from tests.outbox.smtp_sink import free_port


class RadicaleServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._users = folder / "users"
        self._users.write_text("")
        self._config = folder / "radicale.conf"
        self._config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "delay_on_error = 0\n"
            "[auth]\n"
            "type = htpasswd\n"
            # Radicale sleeps a second on every 401 by default (against password guessing),
            # and a CalDAV client's first request of each call is unauthenticated: a second a
            # call for nothing here.
            "delay = 0\n"
            f"htpasswd_filename = {self._users}\n"
            "htpasswd_encryption = plain\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {folder / 'collections'}\n"
            "[logging]\n"
            "level = warning\n"
        )
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self._config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("Radicale did not start")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def account(self, calendars: tuple[str, ...] = ("Personal", "Work")) -> Account:
        """A new user with these calendars (ids: their names in lower case)."""
        username = f"u{uuid.uuid4().hex[:10]}"
        password = f"pw-{uuid.uuid4().hex}"
        with self._users.open("a") as users:
            users.write(f"{username}:{password}\n")
        account = Account(self.url, username, password)
        with account.client() as client:
            principal = client.principal()
            for name in calendars:
                principal.make_calendar(name=name, cal_id=name.lower())
        return account

    def change_password(self, account: Account, password: str) -> None:
        """The account's password changed at the server: the stored one is refused."""
        lines = self._users.read_text().splitlines()
        kept = [line for line in lines if not line.startswith(f"{account.username}:")]
        self._users.write_text("\n".join([*kept, f"{account.username}:{password}"]) + "\n")


class Account:
    def __init__(self, url: str, username: str, password: str) -> None:
        self.url, self.username, self.password = url, username, password

    def client(self) -> caldav.DAVClient:
        return caldav.DAVClient(url=self.url, username=self.username, password=self.password)

    def calendar_url(self, name: str) -> str:
        return f"{self.url}{self.username}/{name.lower()}/"

    def key(self) -> dict[str, str]:
        return {"url": self.url, "username": self.username, "password": self.password}

    def add_event(
        self,
        calendar: str,
        start: datetime,
        end: datetime,
        title: str = "Dentist",
        rrule: str | None = None,
    ) -> str:
        uid = uuid.uuid4().hex
        ics = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20300101T000000Z\r\n"
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\nDTEND:{end:%Y%m%dT%H%M%SZ}\r\n"
            + (f"RRULE:{rrule}\r\n" if rrule else "")
            + f"SUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        with self.client() as client:
            client.calendar(url=self.calendar_url(calendar)).save_event(ics)
        return uid

    def events(self, calendar: str) -> list[dict[str, object]]:
        """Every event of the calendar: uid, start, end, summary."""
        with self.client() as client:
            found = client.calendar(url=self.calendar_url(calendar)).events()
            out = []
            for event in found:
                vevent = event.icalendar_component
                out.append(
                    {
                        "uid": str(vevent["UID"]),
                        "start": vevent.decoded("DTSTART"),
                        "end": vevent.decoded("DTEND"),
                        "summary": str(vevent.get("SUMMARY")),
                        "sequence": int(vevent.get("SEQUENCE", 0)),
                    }
                )
            return out
