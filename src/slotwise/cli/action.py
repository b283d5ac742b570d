"""``slotwise action``: the catalog of named actions, searched by intent, run by id."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from slotwise.actions.catalog import Action, Catalog, load_catalog
from slotwise.actions.mapping import InputError, build_request, checked_input
from slotwise.cli.common import fail
from slotwise.cli.connection import Connection, ConnectionOption, resolve_connection
from slotwise.cli.remote import RemoteError, call, send_failed
from slotwise.cli.tables import print_result, unwrap

if TYPE_CHECKING:
    # The ranker (its lexicon's patterns compile at import) loads only when --intent asks.
    from slotwise.actions.intent import Query, Ranked

# A runaway paginator (a server that always says "more") stops here.
MAX_PAGES = 1000
DEFAULT_PAGE_SIZE = 100

app = typer.Typer(
    help="Named actions for every API operation: list (or search by intent) and run.\n\n"
    'Example: slotwise action run list-bookings --input \'{"status": "upcoming"}\'',
    no_args_is_help=True,
)


def complete_action_id(incomplete: str) -> list[str]:
    return [a.id for a in load_catalog().actions if a.id.startswith(incomplete)]


@app.command("list")
def list_actions(
    intent: Annotated[
        str | None,
        typer.Option(help="What you want to do, in your words; ranks actions offline."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON array (with inputSchema).")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(min=0, help="At most N actions (with --intent: 10 unless given; 0: all)."),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="With --intent: show how the sentence was read and each score."
        ),
    ] = False,
    connection: ConnectionOption = None,  # accepted everywhere; listing needs no server
) -> None:
    """Every action with id, name, description and input schema; with --intent, the most
    relevant first (offline: no network, no model).

    Example: slotwise action list --intent "cancel my meeting tomorrow" --limit 3
    """
    catalog = load_catalog()
    scored: list[tuple[Action, float | None]]
    if explain and intent is None:
        fail("--explain explains an --intent ranking: add --intent '...'")
    if intent is not None:
        query, ranking = _ranking(intent, catalog, 10 if limit is None else limit)
        if explain:
            print_explanation(query, ranking, as_json=as_json)
            return
        scored = [(ranked.action, ranked.score) for ranked in ranking]
    else:
        scored = [(action, None) for action in catalog.actions[: limit or None]]
    if as_json:
        print(json.dumps([_listed(action, score) for action, score in scored]))
        return
    table = Table("id", "name", "description", "served")
    for action, _score in scored:
        table.add_row(
            action.id, action.name, action.description, "yes" if action.operation_id else "-"
        )
    Console().print(table)
    print(
        "served: yes = slotwise serves it; - = Cal.com's API has it (e.g. Cal.com's cloud).\n"
        "Input schemas: slotwise action list --json"
    )


def _ranking(intent: str, catalog: Catalog, limit: int) -> tuple[Query, list[Ranked]]:
    """The actions an intent has something to do with, best first (at most ``limit``; 0:
    all). An intent that matches nothing is an error, so no tie-break puts some action
    (say, cancel-booking) first."""
    from slotwise.actions.intent import explain_ranking

    if not intent.strip():
        fail("--intent is empty: say what you want to do, e.g. --intent 'cancel a meeting'")
    query, ranking = explain_ranking(intent, catalog.actions)
    ranking = [ranked for ranked in ranking if ranked.score > 0]
    if not ranking:
        fail(f"no action matches {intent!r}; try other words, or `slotwise action list`")
    return query, ranking[: limit or None]


def _listed(action: Action, score: float | None) -> dict[str, Any]:
    row = action.summary()
    if score is not None:
        row["score"] = round(score, 4)
    return row


def _explained(ranked: Ranked) -> dict[str, Any]:
    from slotwise.actions.intent import LEGACY_FACTOR, UNASKED_PENALTY

    return {
        "id": ranked.action.id,
        "score": round(ranked.score, 4),
        "matches": {term: round(value, 4) for term, value in ranked.matches},
        "verbBonus": round(ranked.verb_bonus, 4),
        "unaskedPenalty": round(UNASKED_PENALTY * len(ranked.unasked), 4),
        "popularBonus": ranked.popular_bonus,
        "legacyFactor": LEGACY_FACTOR if ranked.legacy else 1.0,
    }


def print_explanation(query: Query, ranking: list[Ranked], *, as_json: bool) -> None:
    """How the sentence was read, then each action's score taken apart."""
    read = {
        "terms": [{"term": term, "weight": weight} for term, weight in query.terms],
        "verbs": query.verbs,
        "corrections": dict(query.corrections),
        "question": query.question,
    }
    rows = [_explained(ranked) for ranked in ranking]
    if as_json:
        print(json.dumps({"query": read, "ranking": rows}))
        return
    terms = " ".join(f"{t}(x{w:g})" if w != 1 else t for t, w in query.terms)
    print(f"read as: {terms or '(no known words)'}")
    if query.corrections:
        print(
            "typos and inflections: "
            + ", ".join(f"{typo} -> {fixed}" for typo, fixed in query.corrections)
        )
    verbs = ", ".join(f"{verb} ({weight:g})" for verb, weight in query.verbs.items())
    print(f"asks to: {verbs}" + (" (a question: it reads)" if query.question else ""))
    table = Table("#", "id", "score", "why")
    for place, row in enumerate(rows, 1):
        table.add_row(str(place), row["id"], f"{row['score']:.2f}", _why(row))
    Console().print(table)


def _why(row: dict[str, Any]) -> str:
    """A score's parts in a few words: "booking 3.10, verb +2.00, popular +0.15"."""
    why = [f"{term} {value:.2f}" for term, value in row["matches"].items()]
    if row["verbBonus"]:
        why.append(f"verb +{row['verbBonus']:.2f}")
    if row["unaskedPenalty"]:
        why.append(f"more specific than asked -{row['unaskedPenalty']:.2f}")
    if row["legacyFactor"] != 1:
        why.append(f"legacy x{row['legacyFactor']}")
    if row["popularBonus"]:
        why.append(f"popular +{row['popularBonus']:.2f}")
    return ", ".join(why)


def read_input(raw: str | None) -> dict[str, Any]:
    if raw is None:
        return {}
    source = "--input"
    if raw.startswith("@"):
        source = raw[1:]
        try:
            raw = sys.stdin.read() if source == "-" else Path(source).read_text()
        except OSError as exc:
            fail(f"cannot read --input file {source!r}: {exc.strerror or exc}")
    try:
        payload = json.loads(raw)
    except ValueError as exc:
        fail(f"{source} is not valid JSON: {exc}")
    if not isinstance(payload, dict):
        fail(f'{source} must be a JSON object of input fields, e.g. \'{{"bookingUid": "..."}}\'')
    return payload


@app.command("run")
def run_action(
    action_id: Annotated[
        str,
        typer.Argument(
            metavar="ACTION_ID", help="e.g. list-bookings", autocompletion=complete_action_id
        ),
    ],
    input_text: Annotated[
        str | None,
        typer.Option(
            "--input",
            "-i",
            help="Input fields as a JSON object, or @file.json (@- for stdin).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the raw JSON answer.")] = False,
    all_pages: Annotated[
        bool, typer.Option("--all", help="Follow pagination and print every item.")
    ] = False,
    connection: ConnectionOption = None,
) -> None:
    """Validate the input against the action's schema, send it, print the answer.

    Example: slotwise action run get-booking --input '{"bookingUid": "abc123"}'
    """
    catalog = load_catalog()
    action = catalog.find(action_id)
    if action is None:
        similar = catalog.similar_ids(action_id)
        hint = f" (did you mean {', '.join(similar)}?)" if similar else ""
        fail(f"no action {action_id!r}{hint}; see: slotwise action list --intent '...'")
    try:
        payload = checked_input(action, read_input(input_text))
    except InputError as exc:
        fail(str(exc))
    target = resolve_connection(connection)
    try:
        body = perform(action, payload, target, all_pages=all_pages)
    except RemoteError as exc:
        send_failed(exc)
    if as_json:
        print(json.dumps(body, ensure_ascii=False))
        return
    print_result(body, columns=action.columns, title=action.name)


def _hint(action: Action) -> str | None:
    if action.operation_id is None:
        return f"{action.id} is Cal.com's; slotwise does not serve it yet"
    return None


def perform(
    action: Action, payload: dict[str, Any], target: Connection, *, all_pages: bool = False
) -> Any:
    """Send a checked input (see ``checked_input``) and return the answer's body; what
    ``action run`` and the MCP server both do. Raises RemoteError."""
    if all_pages and action.pagination == "take-skip":
        return fetch_all_pages(action, payload, target)
    return call(target, build_request(action, payload), not_found_hint=_hint(action))


def fetch_all_pages(action: Action, payload: dict[str, Any], target: Connection) -> Any:
    """Every page (take/skip), merged into one answer of the first page's shape."""
    take = int(payload.get("take") or DEFAULT_PAGE_SIZE)
    skip = int(payload.get("skip") or 0)
    items: list[Any] = []
    first: Any = None
    for _ in range(MAX_PAGES):
        page_input = {**payload, "take": take, "skip": skip}
        body = call(target, build_request(action, page_input), not_found_hint=_hint(action))
        first = body if first is None else first
        page = unwrap(body)
        if not isinstance(page, list):
            return body  # not a list after all: nothing to follow
        items += page
        pagination = body.get("pagination") if isinstance(body, dict) else None
        more = pagination.get("hasNextPage") if isinstance(pagination, dict) else None
        if not page or more is False or (more is None and len(page) < take):
            break
        skip += len(page)
    if isinstance(first, dict) and "data" in first:
        merged = {key: value for key, value in first.items() if key != "pagination"}
        merged["data"] = items
        return merged
    return items
