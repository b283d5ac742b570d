"""Calendars: connected accounts (CalDAV now), the calendars whose busy times block slots
(selected), the one bookings are written to (destination), cached busy times, and the
outbox handler that writes bookings into the destination."""
