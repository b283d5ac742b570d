"""``slotwise admin rotate-encryption-key``: seal every stored secret (apps' credentials,
webhook secrets) with a new instance key, in one transaction.

With the key in the data dir's ``encryption.key`` file, the file is replaced (the old key
kept next to it as ``encryption.key.previous``, 0600); with ``SLOTWISE_ENCRYPTION_KEY`` set,
the new key is printed and the operator sets it. Either way, running servers and workers
must restart with the new key: until then they cannot open what was re-sealed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from slotwise.cli.common import fail, load_settings, unit_of_work


def rotate_encryption_key(
    new_key: Annotated[
        str | None, typer.Option(help="The new Fernet key (default: a fresh random one).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Re-encrypt apps' credentials and webhook secrets with a new key; restart servers and
    workers afterwards."""
    # Imported here, not at the top: `slotwise --help` must not load them (tests/cli).
    from cryptography.fernet import Fernet

    from slotwise.apps import sealing
    from slotwise.apps import service as apps
    from slotwise.config import ENCRYPTION_KEY_FILE, ConfigurationError, _check_fernet_key
    from slotwise.webhooks import repository as webhooks

    settings = load_settings()
    old_key = settings.load_or_create_encryption_key()
    key = new_key or Fernet.generate_key().decode()
    try:
        _check_fernet_key(key, source="--new-key")
    except ConfigurationError as exc:
        fail(str(exc))
    with unit_of_work(settings) as session:
        credentials = apps.reseal_all(session, old_key=old_key, new_key=key)
        hooks = [w for w in webhooks.every(session, webhooks.for_delivery()) if w.secret_encrypted]
        for hook in hooks:
            hook.secret_encrypted = sealing.reseal(
                hook.secret_encrypted or "", old_key=old_key, new_key=key
            )
    from_file = settings.encryption_key is None
    if from_file:
        _replace_key_file(settings.data_dir / ENCRYPTION_KEY_FILE, old_key, key)
    result = {"credentials": credentials, "webhookSecrets": len(hooks), "keyFile": from_file}
    if as_json:
        print(json.dumps({**result, **({} if from_file else {"newKey": key})}))
        return
    print(f"re-encrypted {credentials} credentials and {len(hooks)} webhook secrets")
    if from_file:
        print(f"the new key is in {settings.data_dir / ENCRYPTION_KEY_FILE}; restart servers")
    else:
        print(f"set SLOTWISE_ENCRYPTION_KEY={key} and restart servers and workers")


def _replace_key_file(path: Path, old_key: str, new_key: str) -> None:
    previous = path.with_name(path.name + ".previous")
    for target, content in ((previous, old_key), (path, new_key)):
        partial = target.with_name(target.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(content + "\n")
        os.replace(partial, target)
