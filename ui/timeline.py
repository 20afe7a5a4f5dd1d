"""The "up to a year" slider the Explore, Lineage and Evolution pages share (URL parameter ``until``)."""
from __future__ import annotations

import streamlit as st

from ui.common import view
from ui.views import timeline


def year_slider(page: str, container=st) -> int | None:
    """A slider from the graph's first to its last year; None while it stands at the last year (everything
    shown). Its session key ``<page>_until`` is a URL-state key the page declares with default 0."""
    bounds = view(timeline.year_bounds)
    if bounds is None:
        return None
    lo, hi = bounds
    key = f"{page}_until"
    value = st.session_state.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        st.session_state[key] = hi
    if lo == hi:
        return None
    year = container.slider("Up to the year", lo, hi, key=key,
                            help="Show what existed up to this year (undated things such as languages stay).")
    return None if year >= hi else int(year)


def until_param(year: int | None) -> int | str:
    """The value url_sync writes: the year, or nothing when everything is shown."""
    return year if year is not None else ""
