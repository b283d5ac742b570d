"""Verification codes: a booker's email before booking, and the addresses and numbers a
workflow may send to (Cal.com's verified resources)."""
