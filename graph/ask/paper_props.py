"""Paper properties a question can name: the venue ("EMNLP papers", "findings of EMNLP") and the first
author ("papers by Moslem", "Moslem et al."). Values come from the graph itself, so a venue or author
the data does not hold is reported as not understood rather than guessed.
"""
from __future__ import annotations

from graph.query import Constraint
from graph.search.fuzzy import norm

AUTHOR_BEFORE = ("by", "author", "authored")
MAX_WORDS = 4  # "bigscience workshop acl 2022" is the longest venue worth matching


def lookups(nodes: dict) -> tuple[dict[str, str], dict[str, str]]:
    """(normalised venue -> venue, normalised first author -> first author) over the Paper nodes.

    >>> lookups({"p": {"label": "Paper", "venue": "Findings of EMNLP", "first_author": "Moslem"}})
    ({'findings of emnlp': 'Findings of EMNLP'}, {'moslem': 'Moslem'})
    """
    venues, authors = {}, {}
    for n in nodes.values():
        if n.get("label") != "Paper":
            continue
        for table, value in ((venues, n.get("venue")), (authors, n.get("first_author"))):
            if isinstance(value, str) and norm(value):
                table.setdefault(norm(value), value)
    return venues, authors


def find(words: list[str], used: list[bool], found: list, venues: dict, authors: dict) -> None:
    """Append (position, prop constraint) to ``found`` for each venue or cued first author; mark the words."""
    i = 0
    while i < len(words):
        for n in range(MAX_WORDS, 0, -1):
            span = " ".join(words[i:i + n])
            if i + n > len(words) or any(used[i:i + n]):
                continue
            cued = (i and words[i - 1] in AUTHOR_BEFORE) or words[i + n:i + n + 2] == ["et", "al"]
            if span in authors and cued:
                extra = 2 if words[i + n:i + n + 2] == ["et", "al"] else 0
                used[i:i + n + extra] = [True] * (n + extra)
                found.append((i, Constraint("prop", field="first_author", value=authors[span], text=span)))
                break
            if span in venues:
                used[i:i + n] = [True] * n
                found.append((i, Constraint("prop", field="venue", value=venues[span], text=span)))
                break
        else:
            i += 1
            continue
        i += n


def find_all(words: list[str], used: list[bool], venues: dict, authors: dict) -> list[tuple[int, Constraint]]:
    """(position, constraint) of every venue or cued first author in ``words`` (marking them used)."""
    found: list = []
    find(words, used, found, venues, authors)
    return found
