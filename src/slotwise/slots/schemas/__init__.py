"""Request and response shapes of the slots endpoints, one module per API version:
``v2024_09_04`` (``/v2/slots``, ``/v2/slots/reservations``) and ``v2024_04_15`` (the legacy
``/v2/slots/available``, ``/v2/slots/reserve``, ``/v2/slots/selected-slot``). Each path serves
one family of versions, so the router picks the module by path, not by header."""

from slotwise.slots.schemas import v2024_04_15, v2024_09_04

__all__ = ["v2024_04_15", "v2024_09_04"]
