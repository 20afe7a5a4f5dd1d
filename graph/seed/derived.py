"""Properties computed from the curated ones when the seed is read (graph.schema.DERIVED_PROPS).

A Model's ``parameters`` is text as its authors state it ("7B", "560M-176B", "47B total, 13B active
per token"); ``parameters_min`` / ``parameters_max`` are its smallest and largest size as a number
of parameters, so questions can compare sizes ("models above 100B parameters") on either store.
"""
from __future__ import annotations

import re

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMBT])\b", re.IGNORECASE)
_UNIT = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}


def parse_parameters(text) -> tuple[int, int] | None:
    """(smallest, largest) size named in ``text``, in parameters; None when it names no size.

    >>> parse_parameters("560M-176B")
    (560000000, 176000000000)
    >>> parse_parameters("7B")
    (7000000000, 7000000000)
    >>> parse_parameters("47B total, 13B active per token")
    (13000000000, 47000000000)
    >>> parse_parameters("6.7B"), parse_parameters("unknown")
    ((6700000000, 6700000000), None)
    """
    if not isinstance(text, str):
        return None
    sizes = [round(float(n) * _UNIT[u.upper()]) for n, u in _SIZE.findall(text)]
    return (min(sizes), max(sizes)) if sizes else None


def derive(label: str, props: dict) -> dict:
    """The derived properties of one node (only those that have a value)."""
    if label == "Model":
        sizes = parse_parameters(props.get("parameters"))
        if sizes:
            return {"parameters_min": sizes[0], "parameters_max": sizes[1]}
    return {}
