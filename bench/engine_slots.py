"""Benchmark: the slot engine (slotwise.core.availability) in-process, no database.

    .venv/bin/python bench/engine_slots.py

Cases from the scheduling-engine issue: one host over 30 days (30-minute event, Mon-Fri
09:00-17:00 with two date overrides, 300 existing bookings), and a 50-host round-robin team
(own schedules in mixed time zones, 60 bookings each; S2) and the same with 200 hosts. Then how
the cost grows with days, bookings and hosts. Medians over repeated runs of the process's CPU
time, in milliseconds (CPU time is the stable figure on a shared machine; wall time is not).
"""

from __future__ import annotations

import random
import statistics
import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from slotwise.core.availability import EventRules, Host, available_slots
from slotwise.core.busy import ExistingBooking
from slotwise.core.intervals import Interval
from slotwise.core.working_hours import DateOverride, ScheduleRules, WeeklyHours

START = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday; the window crosses Europe's DST change
NOW = START - timedelta(days=1)
ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"]
EVENT = EventRules(length=timedelta(minutes=30), minimum_notice=timedelta(minutes=120))


def schedule(zone: str) -> ScheduleRules:
    return ScheduleRules(
        zone,
        (WeeklyHours(frozenset({1, 2, 3, 4, 5}), time(9), time(17)),),
        (
            DateOverride(date(2026, 3, 10), time(12), time(15)),
            DateOverride(date(2026, 3, 18), time(0), time(0)),
        ),
    )


def bookings(count: int, days: int, rng: random.Random) -> tuple[ExistingBooking, ...]:
    made = []
    for _ in range(count):
        day = START + timedelta(days=rng.randrange(days))
        begin = day + timedelta(hours=rng.randrange(0, 24), minutes=rng.choice((0, 15, 30, 45)))
        made.append(ExistingBooking(Interval(begin, begin + timedelta(minutes=30))))
    return tuple(made)


def hosts(count: int, per_host: int, days: int, rotating: bool) -> list[Host]:
    rng = random.Random(count * 1000 + per_host)
    return [
        Host(
            user_id=i + 1,
            schedule=schedule(ZONES[i % len(ZONES)] if count > 1 else "Europe/London"),
            bookings=bookings(per_host, days, rng),
            fixed=not rotating,
        )
        for i in range(count)
    ]


def median_ms(run: Callable[[], object], repeat: int) -> float:
    run()  # warm caches (zoneinfo, lru caches)
    times = []
    for _ in range(repeat):
        began = clock.process_time()
        run()
        times.append((clock.process_time() - began) * 1000)
    return statistics.median(times)


def case(
    host_count: int, per_host: int, days: int, rotating: bool, repeat: int
) -> tuple[float, int]:
    team = hosts(host_count, per_host, days, rotating)
    window = Interval(START, START + timedelta(days=days))
    booker = ZoneInfo("Europe/Berlin")
    result: list[object] = []

    def run() -> None:
        result[:] = available_slots(EVENT, team, window, now=NOW, booker_zone=booker)

    ms = median_ms(run, repeat)
    return ms, len(result)


def main() -> None:
    one, slots = case(1, 300, 30, rotating=False, repeat=200)
    print(f"1 host, 30 days, 300 bookings: median {one:.2f} ms ({slots} slots; target < 2 ms)")
    team, slots = case(50, 60, 30, rotating=True, repeat=30)
    print(f"50 round-robin hosts, 60 bookings each: median {team:.2f} ms ({slots} slots; < 5 ms)")
    big, slots = case(200, 60, 30, rotating=True, repeat=10)
    print(f"200 round-robin hosts, 60 bookings each: median {big:.2f} ms ({slots} slots; < 20 ms)")
    print()
    print("growth (median ms)")
    print("| days | bookings/host | hosts | ms |")
    print("|---:|---:|---:|---:|")
    for days, per_host, count in [
        (7, 300, 1), (30, 300, 1), (90, 300, 1), (365, 300, 1),
        (30, 0, 1), (30, 1000, 1), (30, 5000, 1),
        (30, 60, 10), (30, 60, 50), (30, 60, 200),
    ]:  # fmt: skip
        ms, _ = case(count, per_host, days, rotating=count > 1, repeat=20 if count > 10 else 50)
        print(f"| {days} | {per_host} | {count} | {ms:.2f} |")


if __name__ == "__main__":
    main()
