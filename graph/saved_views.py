"""Saved views: a name for a page's URL state (``{"page": "explore", "id": "model:bloomz", ...}``), kept in a
small local JSON file so a reader finds the view again (a Bolt store keeps them in the database instead,
graph/store/bolt.py); exported and imported as JSON.

The file is ``$MLLM_ATLAS_VIEWS`` if set, else ``.atlas/views.json`` in the project (gitignored). Every
read-modify-write holds a lock (a thread lock and ``flock`` on ``<file>.lock``), so saves from many threads and
processes all land; writes go to a temporary file renamed over the old one, so a failed write leaves the old
file whole. A file or an import that is not UTF-8, not JSON, nested deeper than a views file is or larger than
MAX_FILE_BYTES is refused in one ViewError (never a RecursionError or MemoryError). Names are compared after
folding (case, runs of spaces): two names that fold alike are a collision, reported, never an overwrite. A
state holds only the URL keys its page knows (PAGE_KEYS).
"""
from __future__ import annotations

import json
import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from graph.safe_text import nests_deeper

VIEWS_ENV = "MLLM_ATLAS_VIEWS"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / ".atlas" / "views.json"
MAX_NAME = 80
MAX_VIEWS = 500
MAX_STATE_CHARS = 2000  # a Bolt message to FalkorDB stays under ~4 KB
MAX_FILE_BYTES = 2_000_000  # 500 views of at most MAX_STATE_CHARS, with room to spare
MAX_DEPTH = 3  # {"views": {name: {key: value}}}
COMMON_KEYS = ("page", "survey", "sel")  # every page's URL may carry these (ui/common.py, ui/graphs.py)
PAGE_KEYS: dict[str, tuple[str, ...]] = {  # each page's url_init keys (tests/test_saved_views.py reads ui/screens)
    "ask": ("q",),
    "explore": ("id", "q", "label", "depth", "labels", "limit", "until"),
    "lineage": ("id", "until"),
    "paths": ("from", "to", "hops", "types", "k", "pick"),
    "taxonomy": ("chart", "items", "open"),
    "evolution": ("labels", "figure", "until"),
    "coverage": ("rows", "cols", "roles", "classes", "row", "col"),
    "compare": ("ids",),
    "cypher": ("query", "params", "canned"),
}
_THREADS = threading.Lock()


class ViewError(ValueError):
    """A view that cannot be saved or a file that cannot be read as views; the message says which and why."""


def views_file() -> Path:
    return Path(os.environ.get(VIEWS_ENV) or DEFAULT_FILE)


def fold(name: str) -> str:
    """What two names are compared by: case and runs of white space do not count."""
    return " ".join(str(name).split()).casefold()


def page_state(state: dict) -> dict[str, str]:
    """The part of a URL state its page knows (what the app saves: other parameters are left out)."""
    keys = COMMON_KEYS + PAGE_KEYS.get(str(state.get("page", "")), ())
    return {k: str(v) for k, v in state.items() if k in keys}


def check(name, state) -> tuple[str, dict[str, str]]:
    """(name, state) validated: a non-empty name of at most MAX_NAME characters; a state of string keys and
    string values naming a known page, with only that page's keys, small enough to keep."""
    if not isinstance(name, str) or not name.strip():
        raise ViewError("a saved view needs a name")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise ViewError(f"the name {name[:40]!r}... is longer than {MAX_NAME} characters")
    if not isinstance(state, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in state.items()):
        raise ViewError(f"view {name!r}: its state must map names to strings")
    if not state.get("page"):
        raise ViewError(f"view {name!r}: its state names no page")
    if state["page"] not in PAGE_KEYS:
        raise ViewError(f"view {name!r}: no page is called {state['page'][:40]!r}")
    unknown = sorted(set(state) - set(COMMON_KEYS + PAGE_KEYS[state["page"]]))
    if unknown:
        raise ViewError(f"view {name!r}: the {state['page']} page has no parameter {unknown[0][:40]!r}")
    if len(json.dumps(state)) > MAX_STATE_CHARS:
        raise ViewError(f"view {name!r}: its state is longer than {MAX_STATE_CHARS} characters")
    return name, dict(state)


def read_json(text: str | bytes, where: str):
    """JSON of a views file or an import, bounded before any parsing; ViewError for anything else."""
    if len(text) > MAX_FILE_BYTES:
        raise ViewError(f"{where} is {len(text):,} bytes; a views file is at most {MAX_FILE_BYTES:,}")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ViewError(f"{where} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if nests_deeper(text, MAX_DEPTH):
        raise ViewError(f"{where} nests deeper than a views file ({MAX_DEPTH} levels)")
    try:
        data = json.loads(text) if text.strip() else {}
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ViewError(f"{where} is not JSON: {str(exc)[:200]}") from None
    if isinstance(data, dict) and isinstance(data.get("views"), dict):
        data = data["views"]
    if not isinstance(data, dict):
        raise ViewError(f"{where} must hold a JSON object of named views")
    return data


def sort_views(views: dict) -> dict[str, dict[str, str]]:
    return dict(sorted(views.items(), key=lambda kv: kv[0].lower()))


def parse(text: str | bytes, where: str = "the views file") -> dict[str, dict[str, str]]:
    """``{name: state}`` from JSON text (an object of views, or ``{"views": {...}}`` as export writes it);
    ViewError naming the first view that is not right (a views file is all good or not read)."""
    views, refused = sift(read_json(text, where))
    if refused:
        raise ViewError(f"{where}: {refused[0][1]}")
    if len(views) > MAX_VIEWS:
        raise ViewError(f"{where} holds {len(views)} views; at most {MAX_VIEWS} are kept")
    return sort_views(views)


def sift(data: dict) -> tuple[dict[str, dict[str, str]], list[tuple[str, str]]]:
    """The good views of ``data`` and ``(name, why)`` for each one refused (names that fold alike included)."""
    views: dict[str, dict[str, str]] = {}
    folded: dict[str, str] = {}
    refused: list[tuple[str, str]] = []
    for name, state in data.items():
        try:
            n, s = check(name, state)
        except ViewError as exc:
            refused.append((str(name)[:MAX_NAME], str(exc)))
            continue
        if fold(n) in folded:
            refused.append((n, f"view {n!r} collides with {folded[fold(n)]!r} (names differ only in case or spaces)"))
            continue
        folded[fold(n)] = n
        views[n] = s
    return views, refused


def admit(views: dict[str, dict[str, str]], raw_name: str, name: str, state: dict, replace: bool) -> bool:
    """Whether ``state`` may go in under ``name`` among ``views`` (False: the same view is there already);
    ViewError for a collision: another name that folds alike, a name typed with other spaces, or (unless
    ``replace``) another state under the same name."""
    for other in views:
        if fold(other) == fold(name) and (other != name or raw_name.strip() != name):
            raise ViewError(f"view {raw_name.strip()!r} collides with the saved view {other!r} (names are compared "
                            "ignoring case and spaces): use that exact name to replace it, or another name")
    if name in views and views[name] == state:
        return False
    if name in views and not replace:
        raise ViewError(f"a different view named {name!r} is already saved")
    if name not in views and len(views) >= MAX_VIEWS:
        raise ViewError(f"at most {MAX_VIEWS} views are kept; delete one first")
    return True


def export_json(views: dict[str, dict[str, str]]) -> str:
    return json.dumps({"views": views}, indent=2, ensure_ascii=False) + "\n"


def import_views(store, text: str | bytes, where: str = "the import") -> dict:
    """Save the views of an export into ``store``, each one that is right; never overwrites. Returns
    ``{"added": [names], "unchanged": [names], "refused": [(name, why)]}``; ViewError when the text itself
    cannot be read (too large, too deep, not JSON)."""
    data = read_json(text, where)
    views, refused = sift(data)
    added, unchanged = [], []
    before = store.saved_views()
    for name, state in views.items():
        if before.get(name) == state:
            unchanged.append(name)
            continue
        try:
            store.save_view(name, state, replace=False)
        except ViewError as exc:
            refused.append((name, str(exc)))
            continue
        added.append(name)
    return {"added": added, "unchanged": unchanged, "refused": refused}


class ViewsFile:
    """The views in one local JSON file."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else views_file()

    @contextmanager
    def locked(self):
        """This file's read-modify-write, one at a time across threads and processes."""
        import fcntl

        with _THREADS:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path.with_name(self.path.name + ".lock"), "a") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(fh, fcntl.LOCK_UN)

    def load(self) -> dict[str, dict[str, str]]:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return {}
        if size > MAX_FILE_BYTES:
            raise ViewError(f"{self.path} is {size:,} bytes; a views file is at most {MAX_FILE_BYTES:,}")
        return parse(self.path.read_bytes(), str(self.path))

    def write(self, views: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".views-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(export_json(sort_views(views)))
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def save(self, name: str, state: dict, replace: bool = True) -> str:
        """Keep ``state`` under ``name`` (replacing a view of that exact name unless not ``replace``); the name
        as kept. ViewError for a bad view or a collision (``admit``)."""
        raw = name if isinstance(name, str) else ""
        name, state = check(name, state)
        with self.locked():
            views = self.load()  # an unreadable file is a ViewError here: never written over
            if admit(views, raw, name, state, replace):
                views[name] = state
                self.write(views)
        return name

    def delete(self, name: str) -> bool:
        with self.locked():
            views = self.load()
            if name not in views:
                return False
            del views[name]
            self.write(views)
        return True
