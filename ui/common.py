"""What every page shares: the cached store (with the Neo4j fallback), cached views, URL state helpers,
the legend, and download buttons (the interactive graph itself is ui.graphs)."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager

import streamlit as st

from graph.safe_text import html, md

from graph import schema
from graph.schema.model import GraphData
from graph.store.base import NODE_LIMIT

DATA_DIR_ENV = "MLLM_ATLAS_DATA_DIR"  # an alternative seed_data directory (tests, benchmarks)
MAX_VIEW_NODES = 3000  # the most any interactive view draws, whatever the URL asks


# --- the store ------------------------------------------------------------------------------------
def survey_only() -> bool:
    """Whether the reader chose the survey's own graph (sidebar switch, ``?survey=1`` in the URL)."""
    if "survey_only" not in st.session_state:
        st.session_state["survey_only"] = st.query_params.get("survey") == "1"
    return bool(st.session_state["survey_only"])


def _config() -> tuple[str, str, str, bool]:
    from graph.store import default_backend

    return default_backend(), os.environ.get("NEO4J_URI", ""), os.environ.get(DATA_DIR_ENV, ""), survey_only()


@st.cache_resource(show_spinner="Opening the knowledge graph…")
def _open(backend: str, uri: str, data_dir: str, only_survey: bool = False):
    """(store, warning, description); ``uri`` is part of the cache key only."""
    from graph.store import open_with_fallback

    return open_with_fallback(backend, data_dir or None, survey_only=only_survey)


def store_info() -> tuple[object, str | None, str]:
    """(store, fallback warning or None, description), cached across reruns and sessions."""
    return _open(*_config())


def check_store() -> tuple[object, str | None, str]:
    """store_info, once per script run: a Bolt server that has gone away is noticed here, and the cached
    store and views give way to the embedded fallback (with its warning)."""
    info = store_info()
    if not info[0].reachable():
        retry_store()
        info = store_info()
    return info


def get_store():
    return store_info()[0]


def store_key() -> str:
    """Part of every cache key: which store (and which store object) a view was computed on."""
    store, _, desc = store_info()
    return f"{desc}|{'|'.join(map(str, _config()))}|{id(store)}"


def retry_store() -> None:
    _open.clear()
    _view.clear()


# --- cached views -------------------------------------------------------------------------------
def view(fn, *args):
    """``fn(store, *args)`` for a page function of ui.views, cached per store and arguments."""
    return _view(store_key(), f"{fn.__module__}.{fn.__qualname__}", fn, *args)


@st.cache_data(show_spinner=False, max_entries=512)
def _view(key: str, name: str, _fn, *args):
    return _fn(get_store(), *args)


@contextmanager
def guarded(what: str):
    """Turn any failure inside the block into an st.error message (never a traceback)."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - every error becomes a message for the reader
        if type(exc).__name__ in ("StopException", "RerunException"):
            raise
        st.error(f"{what} failed: {md(exc)}")


# --- URL state ----------------------------------------------------------------------------------
def url_init(page: str, defaults: dict, carry: str = "") -> None:
    """Make sure every ``<page>_<name>`` session key has a value. When the URL changed from outside the page
    (first load, a link, Back or Forward, the sidebar), from the URL: a URL that names any of the page's
    parameters is its whole state (what it leaves out is the default); one that names none (the sidebar)
    brings back the page's last state, with the entity in hand (see ``in_hand``) as its ``carry`` parameter.
    While the reader stays on the page, widgets keep their own state (restored if Streamlit dropped it)."""
    arrived = st.session_state.get("_current_page") != page
    st.session_state["_current_page"] = page
    qp = st.query_params
    now = {k: qp.get(k) for k in qp}
    external = arrived or now != st.session_state.get("_url_seen", now)
    shadow = st.session_state.get(f"_{page}_shadow", {})
    own = now.get("page") in (page, None)  # the sidebar brings the last page's query along: not this page's
    named = external and own and any(name in now for name in defaults)
    if external and not named and carry and st.session_state.get("_in_hand"):
        held = st.session_state["_in_hand"]
        if isinstance(defaults[carry], list):
            held = [held] + [v for v in shadow.get(carry, []) if v != held]
        shadow = {**shadow, carry: held}
    linked = st.session_state["_linked"] = {}  # the keys this run took from the link (see ensure_option)
    for name, default in defaults.items():
        key = f"{page}_{name}"
        raw = qp.get(name) if external and own else None
        if raw is not None:
            st.session_state[key] = linked[key] = _parse(raw, default)
        elif named:
            st.session_state[key] = default
        elif external or key not in st.session_state:
            st.session_state[key] = shadow.get(name, default)


def url_seen() -> None:
    """Remember the URL as this run leaves it: a rerun that finds another one was sent by Back, Forward or
    a link (url_init then reads it)."""
    st.session_state["_url_seen"] = {k: st.query_params.get(k) for k in st.query_params}


def in_hand(node_id: str) -> None:
    """The entity the reader has in hand: pages reached from the sidebar open on it where they can."""
    if node_id:
        st.session_state["_in_hand"] = node_id


def _parse(raw: str, default):
    if isinstance(default, bool):
        return raw.lower() in ("1", "true", "yes")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            return default
    if isinstance(default, list):
        return [v for v in raw.split(",") if v]
    return raw


def clamp(key: str, lo: int, hi: int, default: int, what: str = "") -> None:
    """Keep session key ``key`` an int within [lo, hi] (URL values can be anything). With ``what`` (e.g.
    "depth"), a link's value outside the range is said in words beside the value shown instead."""
    value = st.session_state.get(key)
    linked = (st.session_state.get("_linked") or {}).get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        value = default
    kept = max(lo, min(hi, value))
    if what and linked is not None and (linked != kept or str(st.query_params.get(key.split("_", 1)[1], kept))
                                        not in (str(kept), "")):
        asked = st.query_params.get(key.split("_", 1)[1], linked)
        st.warning(f"The link asks for {what} “{md(asked, 40)}”; {what} goes from {lo} to {hi}, so {kept} is "
                   "shown.", icon=":material/link_off:")
        st.session_state["_linked"].pop(key, None)
    st.session_state[key] = kept


def ensure_option(key: str, options: list, default=None, what: str = "", setting: str = "") -> bool:
    """Reset session key ``key`` to ``default`` when its value is not one of ``options``. With ``what`` (the
    kind of thing the key names, e.g. "entity"), a value a link asked for that is not among ``options`` is
    reported in words and nothing is put in its place (None, or the list without it); True when so. With
    ``setting`` (e.g. "chart"), a link's value that is not a choice is said in words beside what is shown."""
    value = st.session_state.get(key)
    linked = (st.session_state.get("_linked") or {}).get(key)
    if setting and linked is not None:
        asked = linked if isinstance(linked, list) else [linked]
        unknown = [str(v) for v in asked if v not in options and v not in ("", None)]
        if unknown:
            _report_setting(setting, unknown, options, default if not isinstance(value, list) else None)
            st.session_state["_linked"].pop(key, None)
    if what and linked is not None:
        asked = linked if isinstance(linked, list) else [linked]
        unknown = [str(v) for v in asked if v not in options and v not in ("", None)]
        if unknown:
            report_unknown(what, unknown)
            st.session_state["_linked"].pop(key, None)
            st.session_state[key] = [v for v in value if v in options] if isinstance(value, list) else None
            return True
    if isinstance(value, list):
        st.session_state[key] = [v for v in value if v in options]
    elif value not in options:
        st.session_state[key] = default if default in options else (options[0] if options else None)
    return False


def _report_setting(setting: str, unknown: list[str], options: list, default) -> None:
    """Say in words that a link's value for a page setting is not one of its choices, and what is shown."""
    asked = ", ".join(f"“{md(v, 60)}”" for v in unknown[:5])
    choices = ", ".join(md(o, 40) for o in options if o not in ("", None))
    shown = f"; {md(default, 60)} is shown instead" if default not in ("", None) else "; it is left out"
    st.warning(f"The link asks for the {setting} {asked}, which is not one of the choices ({choices}){shown}.",
               icon=":material/link_off:")


def _kind(node: dict) -> str:
    """A node's label as a word in a sentence ("data set", "language")."""
    label = str(node.get("label") or "entity")
    return {"Dataset": "data set"}.get(label, label.lower())


def report_unknown(what: str, ids: list[str]) -> None:
    """Say in words that a link named ids the atlas does not hold, or holds as another kind of thing (nothing
    else is shown in their place)."""
    names = ", ".join(f"“{md(i, 200)}”" for i in ids[:5])
    names += f" and {len(ids) - 5} more" if len(ids) > 5 else ""
    try:
        held = get_store().subgraph([str(i) for i in ids[:5]]).nodes
    except Exception:  # noqa: BLE001 - the report must not fail: without the store, the plain words
        held = {}
    if held:
        kinds = "; ".join(f"“{md(n.get('name') or k, 120)}” ({md(k, 120)}) is a {_kind(n)}"
                          for k, n in held.items())
        st.error(f"Not for this page: {kinds}, not a {what}. Nothing is shown in its place; choose one below.",
                 icon=":material/link_off:")
        return
    st.error(f"Not in the atlas: the link asks for the {what} {names}, and there is no {what} with that id. "
             "Nothing is shown in its place; choose one below.", icon=":material/link_off:")


def url_sync(page: str, values: dict) -> None:
    """Write the page's state into the URL (lists comma-joined, empty values left out) and remember it."""
    st.session_state[f"_{page}_shadow"] = dict(values)
    wanted = {"page": page, **({"survey": "1"} if st.session_state.get("survey_only") else {})}
    values = {**values, "sel": st.session_state.get(f"_{page}_sel", "")}
    for name, value in values.items():
        if value in (None, "", [], False):
            continue
        if isinstance(value, (list, tuple)):
            wanted[name] = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            wanted[name] = "true"
        else:
            wanted[name] = str(value)
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


# --- graphs (the graph itself: ui.graphs) ----------------------------------------------------


def legend(labels: list[str] | None = None) -> None:
    """Colour and shape per label (schema.legend()), as a line of coloured chips."""
    chips = []
    for e in schema.legend():
        if labels is not None and e["label"] not in labels:
            continue
        chips.append(f'<span title="{html(e["description"])}" style="margin-right:12px;white-space:nowrap">'
                     f'<span style="color:{html(e["color"])};font-size:18px">●</span> {html(e["label"])} '
                     f'<small style="color:#777">({html(e["shape"])})</small></span>')
    st.html('<div style="font-size:13px">' + "".join(chips) + "</div>")


# --- downloads ----------------------------------------------------------------------------------
def downloads(data: GraphData, key: str, basename: str, cache_key: tuple, focus: list[str] | None = None,
              title: str | None = None, drawn: dict | None = None, positions=None) -> None:
    """A format picker (formats from graph.export) and, once the reader picks a format, a download button for
    ``data`` in it. Nothing is written before a format is picked, and the pick is forgotten when the view
    changes: a page run renders no export nobody asked for. ``cache_key`` names the view the data comes from,
    so each (view, format) export is computed once (cached). ``drawn`` (what show_graph returned) makes the
    export the canvas as it is: expanded nodes in, hidden ones out, and each node where the canvas shows it in
    the formats with positions (``positions``, a dict or a function giving one, does that alone). ``title``:
    the slide's title (the view's human name or the question), else ``basename``."""
    canvas = None
    if drawn and drawn.get("canvas") is not None:
        canvas, cache_key = drawn["canvas"], tuple(cache_key) + tuple(drawn.get("state") or ())
        positions = drawn.get("positions") or positions
    from ui.views import exporting

    if not data.nodes:
        return
    try:
        formats = exporting.export_formats()
    except Exception as exc:  # noqa: BLE001
        st.caption(f"Exports are not available: {md(exc)}")
        return
    full_key = (store_key(), key) + tuple(cache_key)
    if st.session_state.get(f"_{key}_fmt_for") != full_key:  # another view: nothing picked for it yet
        st.session_state[f"_{key}_fmt_for"] = full_key
        st.session_state[f"{key}_fmt"] = None
    c1, c2 = st.columns([1, 2])
    fmt = c1.selectbox("Export format", formats, index=None, key=f"{key}_fmt", placeholder="Pick one to export")
    if fmt is None:
        return
    if canvas is not None:
        data = canvas() if callable(canvas) else canvas
    limit = exporting.format_limit(fmt)
    if limit is not None and len(data.nodes) > limit:
        c2.caption(f"{fmt.upper()} takes at most {limit} nodes; this view has {len(data.nodes)}. "
                   "Narrow it (depth, labels) or choose JSON, GraphML or HTML.")
        return
    placed = None
    if positions and exporting.carries_positions(fmt):
        placed = {k: v for k, v in (positions() if callable(positions) else positions).items() if k in data.nodes}
        full_key += (tuple(sorted(placed.items())),)
    try:
        payload = _export(full_key, fmt, data, tuple(focus or ()), title or basename, placed or None)
    except Exception as exc:  # noqa: BLE001
        c2.caption(f"Export as {fmt} failed: {md(exc)}")
        return
    c2.download_button(f"Download {fmt.upper()}", payload, file_name=exporting.file_name(basename, fmt),
                       mime=exporting.mime(fmt), key=f"{key}_dl")


@st.cache_data(show_spinner="Preparing the export…", max_entries=32)
def _export(cache_key: tuple, fmt: str, _data: GraphData, focus: tuple, title: str, _positions: dict | None) -> bytes:
    from ui.views.exporting import export_bytes

    return export_bytes(_data, fmt, focus=list(focus) or None, title=title, positions=_positions)


def json_bytes(obj) -> bytes:
    return json.dumps(obj, indent=2, ensure_ascii=False, default=str).encode("utf-8")


def label_badge(label: str) -> str:
    nt = schema.NODE_TYPES.get(label)
    color = nt.color if nt else "#888"
    return f'<span style="background:{html(color)};color:white;border-radius:4px;padding:1px 6px">{html(label)}</span>'
