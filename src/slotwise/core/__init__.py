"""The pure scheduling engine: plain data and functions over UTC instants.

No SQLAlchemy, no FastAPI, no clock reads (``now`` is always a parameter).
"""
