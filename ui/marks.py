"""How pages present the post-survey mark that graph.seed.later_works decides: in front of a name in a list,
a table, a picker or a header, and its meaning in words wherever a mark is shown."""
from __future__ import annotations

import streamlit as st

from graph.seed.later_works import AFTER_SURVEY, MARK, MARK_MEANS, after_survey, marked_name


def shown(row: dict, key: str = "name", cut: int | None = None) -> str:
    """``row[key]`` (cut to ``cut`` characters) with the mark in front when the row is a later work."""
    text = str(row.get(key) if row.get(key) is not None else row.get("id", ""))
    if cut is not None and len(text) > cut:
        text = text[: cut - 1] + "…"
    return marked_name(row, text)


def any_marked(rows) -> bool:
    """Whether any of ``rows`` (records or rows with ``after_survey``) carries the mark."""
    return any(after_survey(r) for r in rows or ())


def table(rows: list[dict], name_column: str = "name", flag: str | None = AFTER_SURVEY) -> tuple[list[dict], bool]:
    """The rows as a table shows them: the name column marked, the boolean ``flag`` field left out (it stays in
    the data and in exports); and whether the table shows a mark (a marked row, or a marked name in a cell).
    ``flag`` None: rows that are someone's query result, shown as they are (a column of theirs is never taken
    for the flag)."""
    out = []
    for r in rows:
        if flag is None:
            out.append(dict(r))
            continue
        row = {k: v for k, v in r.items() if k != flag}
        if name_column in row:
            row[name_column] = shown(r, name_column)
        out.append(row)
    return out, any(isinstance(v, str) and MARK in v for r in out for v in r.values())


def note(marked: bool) -> None:
    """The mark's meaning in words, under whatever showed a mark."""
    if marked:
        st.caption(MARK_MEANS)
