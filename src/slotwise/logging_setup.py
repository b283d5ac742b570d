"""Logging that never writes a secret: API keys in query strings are masked."""

from __future__ import annotations

import logging
import re

SECRET_QUERY = re.compile(r"(?i)((?:api_?key|apiKey|token)=)[^&\s\"]+")
BEARER_KEY = re.compile(r"cal_[0-9a-f]{8,}")


def redact(text: str) -> str:
    return BEARER_KEY.sub("cal_***", SECRET_QUERY.sub(r"\1***", text))


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and arguments with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def install_redaction() -> None:
    redactor = RedactSecrets()
    for name in ("uvicorn.access", "uvicorn.error", "slotwise", "uvicorn"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(redactor)
