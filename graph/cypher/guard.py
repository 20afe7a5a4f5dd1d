"""A clause-level read-only guard for Cypher: over the tokens of graph.cypher.lexer (string literals,
backtick-quoted names and comments skipped), it refuses writing clauses and procedures.

Needed because FalkorDB over Bolt reports no query type from EXPLAIN and runs a CREATE inside a
read transaction; on Neo4j it adds to the EXPLAIN check. Words inside strings never trigger it:

>>> check_read_only("MATCH (n) WHERE n.name = 'CREATE' RETURN n")
>>> check_read_only("MATCH (n) DETACH DELETE n")
Traceback (most recent call last):
...
graph.cypher.guard.WriteRefused: refused: DETACH DELETE writes to the graph (the console is read-only)
"""
from __future__ import annotations

from graph.cypher.lexer import GuardError, Token, tokenize  # noqa: F401  (GuardError: part of this API)

# read procedures a console user may CALL (lower-case names)
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes", "db.constraints",
    "db.schema.visualization", "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
    "dbms.components", "dbms.procedures", "dbms.functions", "db.info",
})
WRITE_CLAUSES = ("CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "FOREACH", "GRANT", "DENY", "REVOKE",
                 "ALTER", "RENAME")
ADMIN_CLAUSES = ("START", "STOP", "TERMINATE")  # followed by DATABASE / TRANSACTION(S)
MAX_QUERY_CHARS = 20_000  # a console query; longer is refused before any check runs (they run before the time limit)


class WriteRefused(ValueError):
    """The query would write (or cannot be shown not to); the message names the clause."""


def _is_property_or_label(toks: list[Token], k: int) -> bool:
    """A word right after '.' or ':' (n.set, :Create) or before ':' in a map ({delete: 1}) is a name."""
    prev = toks[k - 1].text if k else ""
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    return prev in (".", ":") or (nxt == ":" and prev in ("{", ","))


def check_read_only(query: str) -> None:
    """Raise WriteRefused for a writing clause, a non-allow-listed CALL, or several statements (GuardError for
    a query longer than MAX_QUERY_CHARS, refused before it is read)."""
    if not isinstance(query, str):
        raise GuardError("a query is text")
    if len(query) > MAX_QUERY_CHARS:
        raise GuardError(f"the query is {len(query):,} characters; at most {MAX_QUERY_CHARS:,} are run")
    toks = tokenize(query)
    words = [(k, t.text.upper()) for k, t in enumerate(toks) if t.kind == "word" and not _is_property_or_label(toks, k)]
    semis = [k for k, t in enumerate(toks) if t.text == ";"]
    if semis and any(k > semis[0] for k in range(len(toks)) if toks[k].text != ";"):
        raise WriteRefused("refused: several statements in one query (send one at a time)")
    for idx, (k, w) in enumerate(words):
        nxt = words[idx + 1][1] if idx + 1 < len(words) else ""
        if w == "DETACH" and nxt == "DELETE":
            raise WriteRefused("refused: DETACH DELETE writes to the graph (the console is read-only)")
        if w == "LOAD" and nxt == "CSV":
            raise WriteRefused("refused: LOAD CSV writes to the graph (the console is read-only)")
        if w == "USING" and nxt == "PERIODIC":
            raise WriteRefused("refused: USING PERIODIC COMMIT (the console is read-only)")
        if w in ("IN", "OF") and nxt in ("TRANSACTIONS", "TRANSACTION") or w == "TRANSACTIONS":
            raise WriteRefused("refused: CALL { } IN TRANSACTIONS (the console is read-only)")
        if w in ADMIN_CLAUSES and nxt in ("DATABASE", "DATABASES", "TRANSACTION", "TRANSACTIONS"):
            raise WriteRefused(f"refused: {w} {nxt} is an administration command (the console is read-only)")
        if w in WRITE_CLAUSES:
            raise WriteRefused(f"refused: {w} writes to the graph (the console is read-only)")
        if w == "CALL":
            j = k + 1
            if j < len(toks) and toks[j].text == "(":  # CALL (x, y) { ... }: a subquery with its scope
                close = next((i for i in range(j, len(toks)) if toks[i].text == ")"), len(toks) - 1)
                if close + 1 < len(toks) and toks[close + 1].text == "{":
                    continue
            if j < len(toks) and toks[j].text == "{":
                continue  # a subquery; its body is checked word by word like the rest
            name = []
            while j < len(toks) and (toks[j].kind in ("word", "name") or toks[j].text == "."):
                name.append(toks[j].text.strip("`"))
                j += 1
            proc = "".join(name).lower()
            if proc not in ALLOWED_PROCEDURES:
                raise WriteRefused(f"refused: CALL {proc or '?'} is not an allow-listed read procedure "
                                   f"(allowed: {', '.join(sorted(ALLOWED_PROCEDURES))})")
