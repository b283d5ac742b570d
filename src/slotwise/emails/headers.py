"""Email headers that carry text typed by people (names, titles): written so that no such
text can become a header line of its own, on every Python the project supports."""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import compat32

# Every character str.splitlines() breaks at (CR, LF, VT, FF, FS, GS, RS, NEL, U+2028/9)
# plus the rest of the C0/C1 controls: the email library refuses a header holding one.
_BREAKS_AND_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def header_text(text: str) -> str:
    """User text made safe for one header line.

    Removing CR/LF is not enough: the email library decodes RFC 2047 encoded words
    (``=?utf-8?q?Ann=0D=0ABcc:...?=``) while it parses a header value, and Python releases
    before 3.11.10 / 3.12.5 then fold the decoded line break out raw (CVE-2024-6923). So no
    ``=?`` is left for it to decode: a space keeps the characters visible and inert.
    """
    return _BREAKS_AND_CONTROLS.sub(" ", text).replace("=?", "= ?").strip()


def mailbox(name: str | None, address: str) -> Address:
    """``Name <address>`` with the name made safe; an address the email library would read
    as something else (an encoded word in its local part) cannot be written and is refused."""
    written = Address(display_name=header_text(name or ""), addr_spec=address)
    if written.addr_spec != address:
        raise ValueError(f"the address {address!r} cannot be written into a header")
    return written


def check_header_lines(message: EmailMessage) -> None:
    """The serialized message must have exactly the headers that were set: the last word,
    whatever header a later change adds, should the library ever fold a line break out."""
    raw = message.as_bytes()
    written = BytesHeaderParser(policy=compat32).parsebytes(raw, headersonly=True)
    expected = sorted(name.lower() for name in message)
    found = sorted(name.lower() for name in written)
    if found != expected:
        raise ValueError(f"the email's headers came out as {found}, not {expected}")
