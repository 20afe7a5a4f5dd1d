"""The Neo4j forms FalkorDB lacks, rewritten into forms it runs with the same rows, or refused with the
form to write instead: the text half of graph/store/dialect.py (``Dialect.prepare`` calls ``for_falkordb``).

Rewritten: ``EXISTS { [MATCH] pattern [WHERE c] }`` and ``COUNT { ... }`` (a pattern comprehension),
``x =~ 'regex'`` where the regex is a plain prefix, suffix, substring or whole string (optionally ``(?i)``),
a directed ``MATCH p = shortestPath(...)`` (into WITH, where FalkorDB takes it), ``allShortestPaths`` whose
ends are not yet bound, ``CALL (x) { ... }``. Refused with a message: the rest of these, undirected
shortestPath, startNode/endNode after a zero-length segment (FalkorDB answers them wrongly), elementId.

>>> for_falkordb("MATCH (m:Model) WHERE m.name =~ '(?i).*llama.*' RETURN m", {})
"MATCH (m:Model) WHERE toLower(m.name) CONTAINS 'llama' RETURN m"
"""
from __future__ import annotations

import re

from graph.cypher.lexer import GuardError, literal, mask
from graph.store.base import UnsupportedCypher

_SUBQUERY = re.compile(r"\b(EXISTS|COUNT)\s*\{", re.I)
_CLAUSE = re.compile(r"\b(MATCH|WITH|RETURN|UNION|CALL|UNWIND|OPTIONAL)\b", re.I)
_SHORTEST = re.compile(r"\b(OPTIONAL\s+)?MATCH\s+(?:([A-Za-z_]\w*)\s*=\s*)?(shortestPath|allShortestPaths)\s*\(", re.I)
_ZERO = re.compile(r"\*\s*0\s*\.\.")
_ENDS = re.compile(r"\b(startNode|endNode)\s*\(", re.I)
_META = set(".^$*+?()[]{}|\\")


def _close(masked: str, i: int) -> int:
    """Index of the bracket closing the one at ``i`` (strings and comments are masked out)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for j in range(i, len(masked)):
        c = masked[j]
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return j
    raise UnsupportedCypher("unbalanced brackets in the query")


def _top_level(masked: str, pattern: re.Pattern) -> list[re.Match]:
    """Matches of ``pattern`` outside any bracket."""
    depth, level = 0, []
    for c in masked:
        depth += (c in "([{") - (c in ")]}")
        level.append(depth if c not in "([{" else depth - 1)
    return [m for m in pattern.finditer(masked) if level[m.start()] == 0]


def _subqueries(q: str) -> str:
    while True:
        masked = mask(q)
        found = list(_SUBQUERY.finditer(masked))
        if not found:
            return q
        m = found[-1]  # innermost-last first, so earlier positions stay valid
        open_at = m.end() - 1
        close_at = _close(masked, open_at)
        body, mbody = q[open_at + 1:close_at], masked[open_at + 1:close_at]
        lead = re.match(r"\s*MATCH\b", mbody, re.I)
        start = lead.end() if lead else 0
        body, mbody = body[start:], mbody[start:]
        kind = m.group(1).upper()
        if _top_level(mbody, _CLAUSE) or _top_level(mbody, re.compile(",")):
            raise UnsupportedCypher(
                f"FalkorDB has no {kind} {{ ... }} subqueries; one pattern with an optional WHERE is rewritten for "
                f"it, this one is not: write size([(a)-[:REL]->(b) WHERE <condition> | 1]) "
                f"{'> 0 ' if kind == 'EXISTS' else ''}instead")
        where = _top_level(mbody, re.compile(r"\bWHERE\b", re.I))
        pattern = body[:where[0].start()] if where else body
        cond = " WHERE " + body[where[0].end():].strip() if where else ""
        comp = f"[{pattern.strip()}{cond} | 1]"
        where = _enclosing_where(masked, m.start())
        if where is None:  # in a projection: FalkorDB takes the comprehension there
            expr = f"(size({comp}) > 0)" if kind == "EXISTS" else f"size({comp})"
            q = q[:m.start()] + expr + q[close_at + 1:]
            continue
        # in a WHERE: FalkorDB takes no comprehension there, so it is computed in a WITH * just before
        var = f"_{kind.lower()}{len(re.findall(r'AS _(?:exists|count)', masked))}"
        expr = f"(size({var}) > 0)" if kind == "EXISTS" else f"size({var})"
        q = q[:where.start()] + f"WITH *, {comp} AS {var} WHERE" + q[where.end():m.start()] + expr + q[close_at + 1:]


def _enclosing_where(masked: str, at: int) -> re.Match | None:
    """The top-level WHERE whose condition holds position ``at`` (None in a projection); UnsupportedCypher
    for an OPTIONAL MATCH's WHERE (it filters the optional part, a WITH would filter rows)."""
    clauses = [m for m in _top_level(masked[:at], re.compile(r"\b(WHERE|MATCH|WITH|RETURN|UNWIND|ORDER|CALL|UNION)\b", re.I))]
    if not clauses or clauses[-1].group(1).upper() != "WHERE":
        return None
    before = [m for m in clauses[:-1] if m.group(1).upper() != "WHERE"]
    if before and before[-1].group(1).upper() == "MATCH" and re.search(r"OPTIONAL\s+$", masked[:before[-1].start()], re.I):
        raise UnsupportedCypher("FalkorDB has no EXISTS/COUNT subqueries, and one in an OPTIONAL MATCH's WHERE cannot "
                                "be rewritten; write OPTIONAL MATCH ... WITH *, [(a)-[:REL]->(b) | 1] AS found "
                                "WHERE size(found) > 0 instead")
    return clauses[-1]


def _regex_to_test(regex: str) -> tuple[str, str, bool] | None:
    """(operator, literal text, case-insensitive) for a regex that is a plain string test, else None."""
    ci = regex.startswith("(?i)")
    body = regex[4:] if ci else regex
    head, tail = body.startswith(".*"), body.endswith(".*") and not body.endswith("\\.*")
    core = body[2 if head else 0: len(body) - (2 if tail else 0)]
    text, i = [], 0
    while i < len(core):
        c = core[i]
        if c == "\\" and i + 1 < len(core) and core[i + 1] in _META:
            text.append(core[i + 1])
            i += 2
            continue
        if c in _META:
            return None
        text.append(c)
        i += 1
    lit = "".join(text)
    if not lit or ci and not lit.isascii() or any(ord(ch) < 0x20 for ch in lit):
        return None  # Java's (?i) folds only ASCII letters; toLower folds all
    op = "CONTAINS" if head and tail else "ENDS WITH" if head else "STARTS WITH" if tail else "="
    return op, lit.lower() if ci else lit, ci


def _regexes(q: str, params: dict) -> str:
    while True:
        masked = mask(q)
        m = re.search(r"=\s*~", masked)
        if not m:
            return q
        j = m.start() - 1
        while j >= 0 and masked[j].isspace():
            j -= 1
        end_left = j + 1
        if j >= 0 and masked[j] == ")":
            depth = 0
            while j >= 0:
                depth += masked[j] == ")"
                depth -= masked[j] == "("
                if depth == 0:
                    break
                j -= 1
            j -= 1
        while j >= 0 and (masked[j].isalnum() or masked[j] in "_."):
            j -= 1
        left = q[j + 1:end_left].strip()
        rest = q[m.end():]
        rm = re.match(r"\s*(\$[A-Za-z_]\w*|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")", rest)
        regex = None
        if rm and left:
            tok = rm.group(1)
            if tok.startswith("$"):
                regex = params.get(tok[1:])
            else:
                from graph.cypher.lexer import decode_string
                regex = decode_string(tok)
        test = _regex_to_test(regex) if isinstance(regex, str) else None
        if test is None:
            raise UnsupportedCypher(
                "FalkorDB has no regular expressions (=~); a plain prefix, suffix, substring or whole-string regex "
                "(optionally (?i)) is rewritten, this one is not: write x STARTS WITH 'a', x ENDS WITH 'b', "
                "x CONTAINS 'c' or toLower(x) CONTAINS 'c' instead")
        op, lit, ci = test
        expr = f"{'toLower(' + left + ')' if ci else left} {op} {literal(lit)}"
        q = q[:j + 1] + expr + q[m.end() + rm.end():]


def _node(text: str, fresh: str) -> tuple[str, str]:
    """(the node pattern with a variable, the variable) for a node pattern's text '(...)'."""
    m = re.match(r"\(\s*([A-Za-z_]\w*)", text)
    if m:
        return text, m.group(1)
    return "(" + fresh + text[1:], fresh


def _shortest(q: str) -> str:
    masked = mask(q)
    found = list(_SHORTEST.finditer(masked))
    for m in reversed(found):
        fn = m.group(3)
        form = ("MATCH (a ...), (b ...) WITH a, b MATCH p = allShortestPaths((a)-[*..6]-(b)) RETURN p LIMIT 1")
        if m.group(1):
            raise UnsupportedCypher(f"FalkorDB takes no {fn} in OPTIONAL MATCH; write {form} instead")
        open_at = m.end() - 1
        close_at = _close(masked, open_at)
        inner, minner = q[open_at + 1:close_at].strip(), masked[open_at + 1:close_at].strip()
        a_end = _close(minner, 0) if minner.startswith("(") else -1
        b_start = minner.rfind("(")
        if a_end < 0 or not minner.endswith(")") or b_start <= a_end or "(" in minner[a_end + 1:b_start]:
            raise UnsupportedCypher(f"FalkorDB takes {fn} over one relationship pattern between two nodes; write {form}")
        rel = inner[a_end + 1:b_start].strip()
        directed = rel.endswith("->") or rel.startswith("<-")
        if fn.lower() == "shortestpath" and not directed:
            raise UnsupportedCypher(f"FalkorDB has no undirected shortestPath; write {form} instead")
        (na, va), (nb, vb) = _node(inner[:a_end + 1], "_sp_a"), _node(inner[b_start:], "_sp_b")
        p = m.group(2) or "_sp_path"
        after = q[close_at + 1:]
        if re.match(r"\s*,", mask(after)):
            raise UnsupportedCypher(f"FalkorDB takes {fn} as the only pattern of its MATCH; write {form}")
        where = re.match(r"\s*WHERE\b", mask(after), re.I)
        if fn.lower() == "shortestpath":
            new = f"MATCH {na}, {nb} WITH *, shortestPath(({va}){rel}({vb})) AS {p} WHERE {p} IS NOT NULL"
            after = (" WITH * WHERE" + after[where.end():]) if where else after
        else:
            new = f"MATCH {na}, {nb} WITH * MATCH {p} = allShortestPaths(({va}){rel}({vb}))"
        q = q[:m.start()] + new + after
    return q


def for_falkordb(query: str, params: dict) -> str:
    """``query`` as FalkorDB runs it with the rows Neo4j gives, or UnsupportedCypher saying what to write."""
    try:
        masked = mask(query)
    except GuardError:
        return query  # the guard reports it
    if _ZERO.search(masked) and _ENDS.search(masked):
        raise UnsupportedCypher("FalkorDB reports startNode/endNode reversed after a zero-length variable segment "
                                "(*0..n); write the direction from the pattern instead, e.g. nodes(p)[k].id and "
                                "nodes(p)[k + 1].id, or use a *1..n segment")
    if re.search(r"\belementId\s*\(", masked, re.I):
        raise UnsupportedCypher("FalkorDB has no elementId(); write id(n) instead")
    if re.search(r"\bCOLLECT\s*\{", masked, re.I):
        raise UnsupportedCypher("FalkorDB has no COLLECT { } subqueries; write a pattern comprehension "
                                "[(a)-[:REL]->(b) | b.name] instead")
    if re.search(r"\(\s*[A-Za-z_]?\w*\s*:\s*\w+\s*[|&!]", masked):
        raise UnsupportedCypher("FalkorDB has no label expressions such as (n:A|B); write MATCH (n) WHERE n:A OR n:B instead")
    for m in reversed(list(re.finditer(r"\bCALL\s*\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)\s*\{", masked, re.I))):
        query = query[:m.start()] + "CALL { WITH " + m.group(1) + " " + query[m.end():]  # Neo4j 5.23's scope clause
    return _shortest(_regexes(_subqueries(query), params))
