"""The action catalog: every API operation as a named action with a JSON Schema input,
its HTTP mapping, and an offline intent ranker (``slotwise action list --intent``)."""
