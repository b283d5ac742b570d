"""Rules every text input follows, wherever it goes."""

from __future__ import annotations

# No NUL in any value or key (PostgreSQL cannot store U+0000; http/nul_guard.py refuses it),
# as a JSON Schema pattern: published on every string of the OpenAPI (http/openapi.py).
NO_NUL_PATTERN = "^[^\\x00]*$"
