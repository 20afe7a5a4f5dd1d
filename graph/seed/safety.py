"""Seed checks that keep data text (issue 21): urls only http(s) and parseable, provenance urls that parse,
no control or bidi-override characters anywhere, no HTML tags in names and aliases. Every page escapes what it
shows anyway (graph/safe_text.py); refusing these at the door keeps them out of exports and other tools too.

>>> url_problem("https://arxiv.org/abs/2404.04925") is None
True
>>> url_problem("javascript:alert(1)")
"'javascript:alert(1)' is not an http(s) url"
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from graph.safe_text import CONTROL

URL_PROPS = ("url", "code_url")
TAG = re.compile(r"<[A-Za-z!?/][^<>]{0,40}>?")  # <b>, </x>, <!--, <img ..., an unclosed <script (not "a < b")
_NOT_IN_URL = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")  # outside RFC 3986's characters
_LINE_BREAKS = re.compile(r"[\t\n\r]")


def url_problem(url) -> str | None:
    """Why ``url`` is not an absolute http(s) url that parses (None when it is)."""
    if not isinstance(url, str):
        return f"{url!r} is not a url"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        return f"{url[:80]!r} does not parse as a url ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"{url[:80]!r} is not an http(s) url"
    if not parts.hostname:
        return f"{url[:80]!r} names no host"
    bad = _NOT_IN_URL.search(url) or re.search(r"[\[\]]", url[len(parts.scheme) + 3 + len(parts.netloc):])
    if bad:
        return f"{url[:80]!r} holds {bad.group()!r}, which a url cannot (percent-encode it)"
    return None


def ref_problem(ref: str) -> str | None:
    """Why a provenance reference's link does not parse (only ``url:`` references carry one)."""
    if isinstance(ref, str) and ref.startswith("url:"):
        return url_problem(ref[4:])
    return None


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def record_problems(props: dict) -> list[tuple[str, str]]:
    """``(field, why)`` for every value of a validated record that could become markup or a bad link."""
    out: list[tuple[str, str]] = []
    for key, value in props.items():
        for s in _strings(value):
            m = CONTROL.search(s)
            if m:
                out.append((key, f"control or bidi-override character U+{ord(m.group()):04X}"))
                break
    for key in ("name", "aliases"):
        for s in _strings(props.get(key)):
            m = TAG.search(s)
            if m:
                out.append((key, f"HTML tag {m.group()[:40]!r} in {s[:60]!r}: names are plain text"))
            elif _LINE_BREAKS.search(s):
                out.append((key, f"a line break or tab in {s[:60]!r}: names are one line"))
    for key in URL_PROPS:
        if props.get(key) is not None:
            problem = url_problem(props[key])
            if problem:
                out.append((key, problem))
    return out
