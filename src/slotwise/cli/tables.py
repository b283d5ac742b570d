"""Answers as Rich tables for people (``--json`` prints the raw JSON instead)."""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console
from rich.table import Table

MAX_COLUMNS = 7
MAX_CELL = 60
MAX_SLOTS_SHOWN = 12
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def unwrap(body: Any) -> Any:
    """What an answer carries: v2's ``data``, or v1's single ``{"bookings": [...]}`` key."""
    if isinstance(body, dict):
        if body.get("status") == "success" and "data" in body:
            return body["data"]
        if len(body) == 1:
            return next(iter(body.values()))
    return body


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _slot_time(date: str, item: Any) -> str:
    """``2050-09-05T09:00:00.000+02:00`` under the date 2050-09-05 reads ``09:00``."""
    start = item.get("start") if isinstance(item, dict) else item
    if isinstance(start, str) and start.startswith(date + "T"):
        return start[len(date) + 1 : len(date) + 6]
    return _cell(start)


def _columns(rows: list[dict[str, Any]], preferred: tuple[str, ...]) -> list[str]:
    present = [name for name in preferred if any(name in row for row in rows)]
    if present:
        return present
    columns: list[str] = []
    for row in rows:
        for name, value in row.items():
            scalar = not isinstance(value, dict | list)
            if scalar and name not in columns and len(columns) < MAX_COLUMNS:
                columns.append(name)
    return columns


def print_result(body: Any, *, columns: tuple[str, ...] = (), title: str | None = None) -> None:
    console = Console()
    data = unwrap(body)
    if data is None or data == [] or data == {}:
        console.print("(nothing)")
        return
    if isinstance(data, list) and all(isinstance(row, dict) for row in data):
        names = _columns(data, columns)
        table = Table(*names, title=title)
        for row in data:
            table.add_row(*(_cell(row.get(name)) for name in names))
        console.print(table)
        console.print(f"{len(data)} item{'s' if len(data) != 1 else ''}")
        return
    if isinstance(data, dict) and data and all(isinstance(v, list) for v in data.values()):
        # e.g. free slots keyed by date: one row per date, its start times.
        dated = all(DATE.match(str(key)) for key in data)
        table = Table("date" if dated else "key", "count", "items", title=title)
        for key, items in data.items():
            shown = [_slot_time(str(key), item) for item in items[:MAX_SLOTS_SHOWN]]
            more = " …" if len(items) > MAX_SLOTS_SHOWN else ""
            table.add_row(str(key), str(len(items)), ", ".join(shown) + more)
        console.print(table)
        return
    if isinstance(data, dict):
        table = Table("field", "value", title=title)
        for key, value in data.items():
            table.add_row(str(key), _cell(value))
        console.print(table)
        return
    if isinstance(data, list):
        for item in data:
            console.print(_cell(item), markup=False)
        return
    console.print(_cell(data), markup=False)
