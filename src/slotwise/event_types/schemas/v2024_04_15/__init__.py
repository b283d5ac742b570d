"""Event types in the legacy shapes (2024-04-15; 2024-06-11 gets the same), spec/legacy.md
§1: Cal.com's stored names (``length``, ``periodType``, ``seatsPerTimeSlot`` ...).

``bodies`` holds the create and update bodies (and the field names errors use), which turn
into the service's commands; ``output`` the event type, the wrapped GET and the grouped list;
``public`` the booking-page reads.
"""
