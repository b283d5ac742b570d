"""Event types in the 2024-06-14 shapes (spec/api.md §3): ``lengthInMinutes``,
``bookingWindow``, ``seats``, ``confirmationPolicy`` ...

``bodies`` holds the create and update bodies (and the field names errors use), which turn
into the service's commands; each nested setting's shapes live by concern
(``location_inputs``, ``booking_field_inputs``, ``limit_inputs``, ``window_inputs``,
``setting_inputs``); ``output`` is the event type as 2024-06-14 clients read it.
"""
