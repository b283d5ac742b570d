"""Selected calendars' busy times for slot listings: fast, bounded, and never lost.

Each selected calendar has a cache row (``calendar_busy_cache``) covering a stretch from
yesterday to ``calendar_busy_horizon_days`` ahead:

* fresh (read less than ``calendar_busy_ttl_seconds`` ago) and covering the listing: used
  as it is, no provider call;
* stale or failed last time, but covering the listing: used as it is, and a refresh starts
  in the background;
* absent, not covering the listing, or invalidated by one of our own writes (a booking
  written or deleted there): read now, in the background, and the listing waits for it at
  most ``calendar_busy_wait_seconds`` (then falls back to the cached times).

A calendar that cannot be read in time (down, slow, refused credentials) is named in the
answer's ``unchecked`` set. **Its last known busy times still count** (they are the best
knowledge we have and most events do not move); a calendar never read has none, so its
events do not block anything until it can be read: the listing is flagged instead of
empty. A refused credential is marked invalid (its owner emailed once).

Background reads run in a small thread pool of this process, one at a time per calendar;
they write the cache in their own short transaction, after the listing has its answer (a
booking request holds the database's write lock while it checks its slot).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from slotwise.apps import service as apps
from slotwise.calendars import repository
from slotwise.calendars.models import CalendarBusyCache, SelectedCalendar
from slotwise.calendars.network import reach_of
from slotwise.config import Settings
from slotwise.core.intervals import Interval
from slotwise.db import ReadSession, make_session_factory, transaction
from slotwise.plugins import CalendarUnavailable, CredentialRefused, find_plugin

log = logging.getLogger(__name__)

_YESTERDAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Read:
    """What one read of a calendar gave: busy intervals over ``covers``, or a failure."""

    covers: Interval
    intervals: tuple[Interval, ...] = ()
    failure: str | None = None
    refused: bool = False


class CalendarBusyReader:
    """The calendars domain's ``busy.external.CalendarBusySource``."""

    def __init__(self, settings: Settings, engine: Engine, *, workers: int = 4) -> None:
        self._settings = settings
        self._writers = make_session_factory(engine, write_lock=True)
        self._readers = make_session_factory(engine)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="calendar-busy")
        self._lock = threading.Lock()
        self._reading: dict[int, Future[_Read]] = {}
        self._done: dict[int, Future[None]] = {}

    # --- the port ------------------------------------------------------------------------

    def busy_of_hosts(
        self, session: ReadSession, user_ids: Sequence[int], window: Interval, *, now: datetime
    ) -> tuple[dict[int, list[Interval]], set[str]]:
        found: dict[int, list[Interval]] = {user_id: [] for user_id in user_ids}
        unchecked: set[str] = set()
        for selected, cache in repository.selected_of_hosts(session, user_ids):
            intervals, checked = self._busy_of(selected, cache, window, now=now)
            found[selected.user_id].extend(intervals)
            if not checked:
                unchecked.add(selected.external_id)
        return found, unchecked

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait for background reads and their cache writes (tests, shutdown)."""
        with self._lock:
            pending = list(self._done.values())
        for done in pending:
            done.result(timeout=timeout)

    # --- one calendar --------------------------------------------------------------------

    def _busy_of(
        self,
        selected: SelectedCalendar,
        cache: CalendarBusyCache | None,
        window: Interval,
        *,
        now: datetime,
    ) -> tuple[list[Interval], bool]:
        """The calendar's busy intervals in ``window`` and whether they are checked."""
        covered = cache is not None and (
            cache.covers_from <= window.start and window.end <= cache.covers_until
        )
        # Invalidated by our own write (fetched_at NULL): read again now, like a cold
        # cache, so a cancelled booking's event stops blocking at once.
        if cache is not None and covered and cache.fetched_at is not None:
            if now - cache.fetched_at >= self._ttl or cache.failure is not None:
                self._refresh(selected.id, self._stretch(window, now), now=now)
            return _cached(cache, window), cache.failure is None
        pending = self._refresh(selected.id, self._stretch(window, now), now=now)
        try:
            read = pending.result(timeout=self._settings.calendar_busy_wait_seconds)
        except FutureTimeout:
            read = None
        if read is None or read.failure is not None:
            # The last known busy times count (a cache that does not cover the whole
            # listing still covers some of it); a calendar never read has none.
            return (_cached(cache, window) if cache is not None else []), False
        return [i for i in read.intervals if i.end > window.start and i.start < window.end], True

    @property
    def _ttl(self) -> timedelta:
        return timedelta(seconds=self._settings.calendar_busy_ttl_seconds)

    def _stretch(self, window: Interval, now: datetime) -> Interval:
        """What a read covers: the listing, and yesterday to the horizon."""
        horizon = now + timedelta(days=self._settings.calendar_busy_horizon_days)
        return Interval(min(window.start, now - _YESTERDAY), max(window.end, horizon))

    def _refresh(self, selected_id: int, stretch: Interval, *, now: datetime) -> Future[_Read]:
        """Start reading the calendar in the background (once at a time per calendar)."""
        with self._lock:
            running = self._reading.get(selected_id)
            if running is not None and not self._done[selected_id].done():
                return running
            read: Future[_Read] = Future()
            self._reading[selected_id] = read
            self._done[selected_id] = self._pool.submit(
                self._read_and_store, selected_id, stretch, now, read
            )
            return read

    def _read_and_store(
        self, selected_id: int, stretch: Interval, now: datetime, answer: Future[_Read]
    ) -> None:
        try:
            read = self._read(selected_id, stretch)
        except Exception as exc:  # a bug of ours must not leave the listing waiting
            log.exception("reading calendar %s failed", selected_id)
            read = _Read(stretch, failure=f"{type(exc).__name__}")
        answer.set_result(read)
        try:
            self._store(selected_id, read, now=now)
        except Exception:
            log.exception("storing calendar %s's busy times failed", selected_id)

    def _read(self, selected_id: int, stretch: Interval) -> _Read:
        with transaction(self._readers) as session:
            selected = repository.selected_by_id(session, selected_id)
            credential = (
                apps.credential_for_delivery(session, selected.credential_id)
                if selected is not None
                else None
            )
            if selected is None or credential is None:
                return _Read(stretch, failure="calendar no longer selected")
            plugin = find_plugin(credential.app_slug)
            key = apps.key_of(self._settings, credential)
            external_id = selected.external_id
        if plugin is None:
            return _Read(stretch, failure=f"app {credential.app_slug} is not installed")
        reach = reach_of(self._settings)
        try:
            blocks = plugin.calendar().busy_times(
                key, external_id, stretch.start, stretch.end, reach=reach
            )
        except CredentialRefused as exc:
            return _Read(stretch, failure=str(exc), refused=True)
        except CalendarUnavailable as exc:
            return _Read(stretch, failure=str(exc))
        return _Read(stretch, tuple(Interval(b.start, b.end) for b in blocks))

    def _store(self, selected_id: int, read: _Read, *, now: datetime) -> None:
        with transaction(self._writers) as session:
            selected = repository.selected_by_id(session, selected_id)
            if selected is None:
                return
            if read.refused:
                apps.mark_invalid(
                    session, selected.credential_id, now=now, reason=read.failure or ""
                )
            cache = repository.cache_of(session, selected_id)
            if read.failure is not None:
                if cache is not None:  # keep the last good intervals, say it failed
                    cache.failure, cache.failed_at = read.failure, now
                return
            if cache is None:
                cache = CalendarBusyCache(selected_calendar_id=selected_id)
                session.add(cache)
            cache.covers_from, cache.covers_until = read.covers.start, read.covers.end
            cache.intervals = [[i.start.isoformat(), i.end.isoformat()] for i in read.intervals]
            cache.fetched_at, cache.failure, cache.failed_at = now, None, None


def _cached(cache: CalendarBusyCache, window: Interval) -> list[Interval]:
    intervals = [
        Interval(datetime.fromisoformat(start), datetime.fromisoformat(end))
        for start, end in cache.intervals
    ]
    return [i for i in intervals if i.end > window.start and i.start < window.end]
