"""Review tests: the outbox tests' real SMTP sink and a worker the test drives, at the slots
tests' frozen instant (Monday 2030-03-25 06:00Z)."""

from tests.outbox.conftest import clock, settings, smtp, worker

__all__ = ["clock", "settings", "smtp", "worker"]
