"""slotwise: an open-source scheduling platform that speaks Cal.com's REST API."""

__version__ = "0.1.0"
