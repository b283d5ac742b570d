"""An invoice as a printable HTML page and as a PDF written by hand (PDF 1.4: one page, the
standard Helvetica font, text lines; no library). Amounts are minor units, shown with two
decimals (the currencies Stripe charges in mostly have two; zero-decimal ones such as JPY
are shown as such)."""

from __future__ import annotations

from html import escape

from slotwise.payments.models import Invoice

ZERO_DECIMAL = frozenset({"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf",
                          "ugx", "vnd", "vuv", "xaf", "xof", "xpf"})  # fmt: skip


def money(amount: int, currency: str) -> str:
    code = currency.upper()
    if currency.lower() in ZERO_DECIMAL:
        return f"{amount} {code}"
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(abs(amount), 100)
    return f"{sign}{whole}.{cents:02d} {code}"


def lines(invoice: Invoice) -> list[str]:
    """The invoice's text, one line each (what both renderings show)."""
    seller, buyer = invoice.seller, invoice.buyer
    out = [
        f"Invoice {invoice.number}",
        f"Issued {invoice.issued_at.strftime('%Y-%m-%d')}"
        + (" - REFUNDED" if invoice.status == "refunded" else ""),
        "",
        f"Seller: {seller.get('name') or ''} <{seller.get('email') or ''}>",
        f"Buyer: {buyer.get('name') or ''} <{buyer.get('email') or ''}>",
        f"Booking: {invoice.booking_uid}",
        "",
    ]
    for item in invoice.line_items:
        out.append(
            f"{item['quantity']} x {item['description']}: "
            f"{money(int(item['amount']), invoice.currency)}"
        )
    rate = invoice.tax_rate_basis_points / 100
    out += [
        "",
        f"Subtotal: {money(invoice.subtotal, invoice.currency)}",
        f"Tax ({rate:g} %): {money(invoice.tax, invoice.currency)}",
        f"Total: {money(invoice.total, invoice.currency)}",
        f"Status: {invoice.status}",
    ]
    return out


def html(invoice: Invoice) -> str:
    body = "\n".join(f"<p>{escape(line)}</p>" if line else "<br>" for line in lines(invoice))
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Invoice {invoice.number}</title>"
        "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}"
        "p{margin:.2em 0}@media print{body{margin:0}}</style></head>\n"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def pdf(invoice: Invoice) -> bytes:
    """A one-page PDF of the invoice's lines (Helvetica, WinAnsi: characters beyond Latin-1
    are shown as '?')."""
    text = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
    for index, line in enumerate(lines(invoice)):
        size = "/F1 16 Tf" if index == 0 else "/F1 11 Tf"
        text += [size, f"({_pdf_string(line)}) Tj", "T*"]
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _pdf_string(line: str) -> str:
    safe = line.encode("latin-1", errors="replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
