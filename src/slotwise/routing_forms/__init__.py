"""Routing forms: qualify a visitor, then send them to an event type, a URL or a message."""
