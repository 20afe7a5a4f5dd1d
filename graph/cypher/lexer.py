"""Cypher as text, in one place: the lexer (the write guard, the dialect checks, the embedded rewriting
and the canned-file reader all use it), the one literal writer (console parameters and the exports),
and the comment header of a .cypher file.

>>> [t.text for t in tokenize("MATCH (n {name: 'a // b'}) // note")]
['MATCH', '(', 'n', '{', 'name', ':', "'a // b'", '}', ')']
>>> literal(["it's", 2, None, True])
"['it\\\\'s', 2, null, true]"
"""
from __future__ import annotations

import re
from dataclasses import dataclass


class GuardError(ValueError):
    """The query cannot be tokenised (an unterminated string, comment or name)."""


@dataclass(frozen=True)
class Token:
    kind: str  # word | string | name (backtick) | param | number | punct | comment
    text: str
    pos: int


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUM = re.compile(r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def tokenize(query: str, keep_comments: bool = False) -> list[Token]:
    """Tokens of ``query``; comments dropped (or kept as 'comment' tokens), strings and backtick names whole."""
    out, i, n = [], 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif query.startswith("//", i):
            j = query.find("\n", i)
            j = n if j < 0 else j
            if keep_comments:
                out.append(Token("comment", query[i:j], i))
            i = j
        elif query.startswith("/*", i):
            j = query.find("*/", i + 2)
            if j < 0:
                raise GuardError(f"unterminated comment at {i}")
            if keep_comments:
                out.append(Token("comment", query[i:j + 2], i))
            i = j + 2
        elif c in "'\"":
            j = i + 1
            while j < n and query[j] != c:
                j += 2 if query[j] == "\\" else 1
            if j >= n:
                raise GuardError(f"unterminated string at {i}")
            out.append(Token("string", query[i:j + 1], i))
            i = j + 1
        elif c == "`":
            j = i + 1
            while j < n and not (query[j] == "`" and not query.startswith("``", j)):
                j += 2 if query.startswith("``", j) else 1
            if j >= n:
                raise GuardError(f"unterminated backtick name at {i}")
            out.append(Token("name", query[i:j + 1], i))
            i = j + 1
        elif c == "$":
            m = _WORD.match(query, i + 1) or _NUM.match(query, i + 1)
            if not m:
                raise GuardError(f"bad parameter at {i}")
            out.append(Token("param", query[i:m.end()], i))
            i = m.end()
        elif _WORD.match(query, i):
            m = _WORD.match(query, i)
            out.append(Token("word", m.group(0), i))
            i = m.end()
        elif _NUM.match(query, i):
            m = _NUM.match(query, i)
            out.append(Token("number", m.group(0), i))
            i = m.end()
        else:
            out.append(Token("punct", c, i))
            i += 1
    return out


def mask(query: str, kinds=("string", "name", "comment"), fill: str = "_") -> str:
    """``query`` with the tokens of ``kinds`` overwritten by ``fill`` (same length), so a pattern search
    over the rest never matches inside a string or a comment. Raises GuardError when it cannot be lexed."""
    out = list(query)
    for t in tokenize(query, keep_comments=True):
        if t.kind in kinds:
            out[t.pos:t.pos + len(t.text)] = [fill] * len(t.text)
    return "".join(out)


def param_names(query: str) -> list[str]:
    """The ``$parameters`` a query uses, in order of first use (never from strings or comments)."""
    return list(dict.fromkeys(t.text[1:] for t in tokenize(query) if t.kind == "param"))


def comment_header(query: str) -> list[str]:
    """The text of the ``//`` comments before the first clause of a .cypher file, one item per line."""
    out = []
    for t in tokenize(query, keep_comments=True):
        if t.kind != "comment":
            break
        if t.text.startswith("//"):
            out.append(t.text.lstrip("/").strip())
    return out


# --- literals ---------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def decode_string(token: str) -> str:
    """The value of a quoted string token ('...' or "..."), its backslash escapes decoded."""
    table = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "\\": "\\", "'": "'", '"': '"'}
    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)",
                  lambda m: chr(int(m.group(1)[1:], 16)) if len(m.group(1)) == 5 else table.get(m.group(1), m.group(1)),
                  token[1:-1])


def literal(value, quote: str = "'") -> str:
    """``value`` as a Cypher literal: strings in ``quote`` with backslash escapes (other control characters
    as \\uXXXX), numbers, booleans, null, lists and maps. TypeError for anything else.

    Neo4j and FalkorDB read either quote; grand-cypher (the embedded console) reads only ``"``.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch == quote:
                out.append("\\" + ch)
            elif ch in _ESCAPES:
                out.append(_ESCAPES[ch])
            elif ord(ch) < 0x20:
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        return quote + "".join(out) + quote
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v, quote) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name(str(k))}: {literal(v, quote)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as a Cypher literal")


def name(text: str) -> str:
    """A label, relationship type or property key, backquoted unless it is a plain identifier."""
    return text if _IDENT.match(text) else "`" + text.replace("`", "``") + "`"
