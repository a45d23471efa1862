"""Which rules and trained decisions made a result: one short hash over everything in ``models/``."""
from __future__ import annotations

import functools
import hashlib
import importlib.resources


@functools.cache
def data_version() -> str:
    """The first 12 hex digits of a SHA-256 over every rule and model file shipped in ``models/``.

    It changes whenever a trigger list, a gazetteer or the trained decisions
    change, so a store never serves results made by older rules.

    >>> len(data_version())
    12
    """
    h = hashlib.sha256()
    root = importlib.resources.files("extractor.models")

    def walk(node, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            name = f"{prefix}{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, name + "/")
            elif not child.name.endswith((".py", ".pyc")):
                h.update(name.encode() + b"\x00" + child.read_bytes() + b"\x00")

    walk(root, "")
    return h.hexdigest()[:12]
