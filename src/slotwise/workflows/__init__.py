"""Workflows: reminders and follow-ups by email and SMS around a booking's life (Cal.com's
"workflows"). See ARCHITECTURE.md, "Workflows and verification"."""
