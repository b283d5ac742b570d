"""The three counters agree: hits add up within a window, a new window starts again at one,
looking counts nothing, and hits racing from many threads (or two processes' engines) are
each counted once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from slotwise.db import make_engine
from slotwise.ratelimit.database import DatabaseCounter
from slotwise.ratelimit.limits import Count, Counter, Decision, Limit
from slotwise.ratelimit.memory import InProcessCounter
from slotwise.ratelimit.redis_counter import RedisCounter
from tests.conftest import backends

MINUTE = Limit(requests=3, seconds=60)
MakeCounter = Callable[[], Counter]
T0 = 1_800_000_000.0  # on a minute boundary (divisible by 60)


def counter_kinds() -> list[str]:
    return ["memory", "redis"] + (["postgres"] if "postgres" in backends() else [])


@pytest.fixture(params=counter_kinds())
def make_counter(request: pytest.FixtureRequest) -> Iterator[MakeCounter]:
    """A factory: each call is another process's view of the same counts."""
    made: list[Counter] = []
    engines = []

    def make() -> Counter:
        counter: Counter
        if request.param == "memory":
            counter = made[0] if made else InProcessCounter()  # one process: one counter
        elif request.param == "redis":
            prefix = request.getfixturevalue("redis_prefix")
            counter = RedisCounter(request.getfixturevalue("redis_url"), prefix=prefix)
        else:
            request.getfixturevalue("database_url")  # empties the tables
            engine = make_engine(request.getfixturevalue("postgres_worker_url"))
            engines.append(engine)
            counter = DatabaseCounter(engine)
        made.append(counter)
        return counter

    yield make
    for counter in made:
        counter.close()
    for engine in engines:
        engine.dispose()


@pytest.fixture
def backend() -> str:
    """The counters choose their own services; the API tests' parametrisation is not needed."""
    return "postgres" if "postgres" in backends() else "sqlite"


class TestOneWindow:
    def test_hits_add_up_and_the_fourth_is_over_the_limit(self, make_counter: MakeCounter) -> None:
        counter = make_counter()
        counts = [counter.hit("key:a", MINUTE, T0 + i) for i in range(4)]
        assert [c.hits for c in counts] == [1, 2, 3, 4]
        assert {c.window_start for c in counts} == {int(T0)}
        decisions = [Decision.of(c, MINUTE, T0 + 3) for c in counts]
        assert [d.allowed for d in decisions] == [True, True, True, False]
        assert [d.remaining for d in decisions] == [2, 1, 0, 0]
        assert decisions[-1].reset_after == 57
        assert decisions[-1].headers()["Retry-After"] == "57"

    def test_buckets_are_counted_apart(self, make_counter: MakeCounter) -> None:
        counter = make_counter()
        counter.hit("key:a", MINUTE, T0)
        counter.hit("key:a", MINUTE, T0)
        assert counter.hit("address:127.0.0.1", MINUTE, T0).hits == 1

    def test_peeking_counts_nothing(self, make_counter: MakeCounter) -> None:
        counter = make_counter()
        assert counter.peek("key:a", MINUTE, T0) == Count(0, int(T0))
        counter.hit("key:a", MINUTE, T0)
        assert counter.peek("key:a", MINUTE, T0 + 1) == Count(1, int(T0))
        assert counter.peek("key:a", MINUTE, T0 + 2) == Count(1, int(T0))


class TestNextWindow:
    def test_a_new_window_starts_again_at_one(self, make_counter: MakeCounter) -> None:
        counter = make_counter()
        for _ in range(5):
            counter.hit("key:a", MINUTE, T0 + 59)
        assert counter.hit("key:a", MINUTE, T0 + 60) == Count(1, int(T0) + 60)
        assert counter.peek("key:a", MINUTE, T0 + 61) == Count(1, int(T0) + 60)

    def test_an_ended_window_peeks_as_empty(self, make_counter: MakeCounter) -> None:
        counter = make_counter()
        counter.hit("key:a", MINUTE, T0)
        assert counter.peek("key:a", MINUTE, T0 + 120) == Count(0, int(T0) + 120)


class TestRaces:
    def test_every_racing_hit_is_counted_once(self, make_counter: MakeCounter) -> None:
        # Two "processes" (two engines or clients; one counter in process), 8 threads each.
        views = [make_counter(), make_counter()]
        with ThreadPoolExecutor(max_workers=16) as pool:
            counts = list(
                pool.map(lambda i: views[i % 2].hit("key:race", MINUTE, T0 + 1), range(200))
            )
        assert sorted(c.hits for c in counts) == list(range(1, 201))
        assert views[0].peek("key:race", MINUTE, T0 + 2).hits == 200
