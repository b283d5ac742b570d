"""Verification tests: the outbox tests' SMTP sink, settings and worker at a frozen instant."""

from __future__ import annotations

from tests.outbox.conftest import clock, settings, smtp, worker

__all__ = ["clock", "settings", "smtp", "worker"]
