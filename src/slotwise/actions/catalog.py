"""The action catalog as the CLI reads it: ``catalog.json``, built by ``generate.py``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, eq=False)  # compared by identity: one object per action
class Action:
    """One named API operation: what it is called, what it takes, where it is sent."""

    id: str
    name: str
    description: str
    keywords: str
    aliases: tuple[str, ...]
    # Other spellings of input fields (``user_id``), each -> the schema's name (``userId``).
    field_aliases: dict[str, str]
    popular: bool
    method: str
    path: str
    api_version: str | None
    operation_id: str | None
    path_params: tuple[str, ...]
    query_params: tuple[str, ...]
    body_params: tuple[str, ...]
    whole_body: bool
    pagination: str | None
    columns: tuple[str, ...]
    input_schema: dict[str, Any]

    @classmethod
    def from_entry(cls, entry: dict[str, Any]) -> Action:
        return cls(
            id=entry["id"],
            name=entry["name"],
            description=entry["description"],
            keywords=entry["keywords"],
            aliases=tuple(entry["aliases"]),
            field_aliases=dict(entry["fieldAliases"]),
            popular=entry["popular"],
            method=entry["method"],
            path=entry["path"],
            api_version=entry["apiVersion"],
            operation_id=entry["operationId"],
            path_params=tuple(entry["pathParams"]),
            query_params=tuple(entry["queryParams"]),
            body_params=tuple(entry["bodyParams"]),
            whole_body=entry["wholeBody"],
            pagination=entry["pagination"],
            columns=tuple(entry["columns"]),
            input_schema=entry["inputSchema"],
        )

    def summary(self) -> dict[str, Any]:
        """What ``action list --json`` prints for it (the shape agents read)."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "inputSchema": self.input_schema,
            "method": self.method,
            "path": self.path,
            "apiVersion": self.api_version,
            "servedBySlotwise": self.operation_id is not None,
            "popular": self.popular,
            "aliases": list(self.aliases),
        }


class Catalog:
    def __init__(self, actions: list[Action]) -> None:
        self.actions = actions
        self._by_id = {action.id: action for action in actions}
        for action in actions:
            for alias in action.aliases:
                self._by_id.setdefault(alias, action)

    def find(self, action_id: str) -> Action | None:
        return self._by_id.get(action_id.strip().lower())

    def similar_ids(self, action_id: str) -> list[str]:
        import difflib

        return difflib.get_close_matches(action_id, list(self._by_id), n=3, cutoff=0.6)


@cache
def load_catalog() -> Catalog:
    text = resources.files("slotwise.actions").joinpath("catalog.json").read_text("utf-8")
    return Catalog([Action.from_entry(entry) for entry in json.loads(text)])
