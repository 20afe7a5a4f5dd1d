"""Saved views: a name for a page's URL state (``{"page": "explore", "id": "model:bloomz", ...}``), kept in a
small local JSON file so a reader finds the view again (a Bolt store keeps them in the database instead,
graph/store/bolt.py); exported and imported as JSON.

The file is ``$MLLM_ATLAS_VIEWS`` if set, else ``.atlas/views.json`` in the project (gitignored). Writes go
to a temporary file renamed over the old one, so a failed write leaves the old file whole.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

VIEWS_ENV = "MLLM_ATLAS_VIEWS"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / ".atlas" / "views.json"
MAX_NAME = 80
MAX_VIEWS = 500
MAX_STATE_CHARS = 2000  # a Bolt message to FalkorDB stays under ~4 KB


class ViewError(ValueError):
    """A view that cannot be saved or a file that cannot be read as views; the message says which and why."""


def views_file() -> Path:
    return Path(os.environ.get(VIEWS_ENV) or DEFAULT_FILE)


def check(name, state) -> tuple[str, dict[str, str]]:
    """(name, state) validated: a non-empty name of at most MAX_NAME characters; a state of string keys and
    string values naming a page, small enough to keep."""
    if not isinstance(name, str) or not name.strip():
        raise ViewError("a saved view needs a name")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise ViewError(f"the name {name[:40]!r}... is longer than {MAX_NAME} characters")
    if not isinstance(state, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in state.items()):
        raise ViewError(f"view {name!r}: its state must map names to strings")
    if not state.get("page"):
        raise ViewError(f"view {name!r}: its state names no page")
    if len(json.dumps(state)) > MAX_STATE_CHARS:
        raise ViewError(f"view {name!r}: its state is longer than {MAX_STATE_CHARS} characters")
    return name, dict(state)


def parse(text: str | bytes, where: str = "the views file") -> dict[str, dict[str, str]]:
    """``{name: state}`` from JSON text (an object of views, or ``{"views": {...}}`` as export writes it)."""
    try:
        data = json.loads(text) if text else {}
    except (ValueError, UnicodeDecodeError) as exc:
        raise ViewError(f"{where} is not JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("views"), dict):
        data = data["views"]
    if not isinstance(data, dict):
        raise ViewError(f"{where} must hold a JSON object of named views")
    out = {}
    for name, state in data.items():
        try:
            n, s = check(name, state)
        except ViewError as exc:
            raise ViewError(f"{where}: {exc}") from None
        out[n] = s
    if len(out) > MAX_VIEWS:
        raise ViewError(f"{where} holds {len(out)} views; at most {MAX_VIEWS} are kept")
    return dict(sorted(out.items(), key=lambda kv: kv[0].lower()))


def export_json(views: dict[str, dict[str, str]]) -> str:
    return json.dumps({"views": views}, indent=2, ensure_ascii=False) + "\n"


class ViewsFile:
    """The views in one local JSON file."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else views_file()

    def load(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        return parse(self.path.read_text(encoding="utf-8"), str(self.path))

    def write(self, views: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".views-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(export_json(views))
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def save(self, name: str, state: dict) -> str:
        name, state = check(name, state)
        views = self.load()
        views[name] = state
        if len(views) > MAX_VIEWS:
            raise ViewError(f"at most {MAX_VIEWS} views are kept; delete one first")
        self.write(views)
        return name

    def delete(self, name: str) -> bool:
        views = self.load()
        if name not in views:
            return False
        del views[name]
        self.write(views)
        return True
