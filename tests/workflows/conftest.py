"""Workflow tests: the outbox tests' real SMTP sink, settings and worker, at the slots tests'
frozen Monday (2030-03-25 06:00 UTC), which the tests move forward."""

from __future__ import annotations

from tests.outbox.conftest import clock, settings, smtp, worker

__all__ = ["clock", "settings", "smtp", "worker"]
