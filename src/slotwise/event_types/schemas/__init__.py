"""Request and response shapes for event types, one module per API version (the service
is shared): ``v2024_06_14`` and ``v2024_04_15`` (legacy, also served for 2024-06-11)."""
