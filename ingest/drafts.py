"""What the importers (BibTeX, arXiv) share: the curated records a draft must not replace, and how a
draft is checked and written.

A draft whose id, arXiv id, ACL Anthology id, DOI or title is already curated is reported, never
emitted: the curated record stays as it is.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from graph import schema
from ingest.companion_list import to_yaml
from graph.seed.crosscheck import norm_text
from graph.seed.records import record_model
from graph.seed.yamlio import LINE, SeedFileError, read_records, strip_lines


class DraftError(ValueError):
    """Input an importer cannot read at all (the CLI exits 2 and writes nothing)."""


@dataclass
class Curated:
    """Where each id, arXiv id, ACL id, DOI and normalised title of the curated papers is defined."""

    by_key: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, value) -> "paper:x (file:line)"

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> "Curated":
        """Papers of ``data_dir``/papers.yaml and since_survey/papers.yaml, read without validating them."""
        out = cls()
        name = schema.NODE_TYPES["Paper"].file
        for path in (data_dir / name, data_dir / schema.SINCE_SURVEY_DIR / name):
            if not path.exists():
                continue
            try:
                records = read_records(path, display_name=str(path))
            except SeedFileError as exc:
                raise DraftError(f"cannot read the curated papers: {exc}") from None
            for rec in records:
                if isinstance(rec.get("id"), str):
                    out.add(rec, f"{path.parent.name}/{path.name}:{rec.get(LINE, 0)}")
        return out

    def add(self, rec: dict, where: str) -> None:
        label = f"{rec['id']} ({where})" if where else rec["id"]
        for key in _keys(rec):
            self.by_key.setdefault(key, label)

    def clash(self, rec: dict, by_id: bool = True) -> str | None:
        """Why ``rec`` would replace a curated record (which one, and by what), or None.

        ``by_id=False`` asks whether it is the same paper by its other keys (arXiv, ACL, DOI, title).
        """
        for kind, value in _keys(rec):
            if kind == "id" and not by_id:
                continue
            if (kind, value) in self.by_key:
                return f"{_KIND_NAMES[kind]} {value} is already {self.by_key[(kind, value)]}"
        return None


_KIND_NAMES = {"id": "id", "arxiv": "arXiv id", "acl": "ACL Anthology id", "doi": "DOI", "title": "title"}


def _keys(rec: dict) -> list[tuple[str, str]]:
    keys = []
    for kind in ("arxiv", "acl"):
        if isinstance(rec.get(kind), str):
            keys.append((kind, rec[kind].split("v")[0] if kind == "arxiv" else rec[kind]))
    if isinstance(rec.get("doi"), str):
        keys.append(("doi", rec["doi"].lower()))
    if isinstance(rec.get("name"), str) and norm_text(rec["name"]):
        keys.append(("title", norm_text(rec["name"])))
    return keys + [("id", rec["id"])]  # last: a clash says "same arXiv id" rather than "same slug" when both hold


@dataclass
class Drafted:
    """Drafted records, what was left out (and why), and what each drafted record could not map."""

    records: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    seen: Curated = field(default_factory=Curated)

    def offer(self, rec: dict, notes: list[str], curated: Curated) -> None:
        """Keep ``rec`` unless it lacks a title or year, breaks the schema, or is a curated or earlier paper.

        ``rec["_where"]`` says where it comes from (file:line, or the arXiv id) for the report.
        """
        where = rec.pop("_where")
        problems = schema_problems(rec) if "year" in rec and rec.get("name") else []
        if "year" not in rec or not rec.get("name") or problems:
            self.skipped.append(f"{where}: " + "; ".join(notes + problems))
            return
        clash = curated.clash(rec)
        if clash and clash.startswith("id ") and not curated.clash(rec, by_id=False):
            # a different paper whose slug is taken: draft it under a year-suffixed id, and say so
            renamed = dict(rec, id=f"{rec['id']}-{rec['year']}")
            if not curated.clash(renamed):
                notes = [f"id {rec['id']} is taken ({clash.split(' is already ', 1)[1]}); drafted as {renamed['id']}"] + notes
                rec, clash = renamed, None
        if clash:
            self.skipped.append(f"{where}: {clash}; the curated record is kept")
            return
        earlier = self.seen.clash(rec)
        if earlier:
            self.skipped.append(f"{where}: {earlier} (an earlier entry)")
            return
        self.seen.add(rec, where)
        self.records.append(rec)
        if notes:
            self.unmapped.append(f"{where} ({rec['id']}): " + "; ".join(notes))

    def report(self) -> list[str]:
        lines = [f"drafted {len(self.records)} paper(s)"]
        lines += [f"not drafted: {s}" for s in self.skipped]
        lines += [f"not mapped: {u}" for u in self.unmapped]
        return lines


def schema_problems(rec: dict) -> list[str]:
    """What the Paper schema says about a draft (empty when it would validate as a record)."""
    try:
        record_model("Paper").model_validate(strip_lines({k: v for k, v in rec.items() if not k.startswith("_")}))
    except ValidationError as exc:
        return [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
    return []


def check_output(path: Path, force: bool = False) -> None:
    """DraftError unless ``path`` may receive drafts: never inside the project's curated seed_data, never over
    an existing file unless ``force``, into a directory that exists."""
    from graph.seed.validate import DEFAULT_DATA_DIR

    curated = DEFAULT_DATA_DIR.resolve()
    if path.resolve().is_relative_to(curated):
        raise DraftError(f"{path} is inside the curated seed data ({curated}); write the draft elsewhere and "
                         "curate it in by hand")
    if path.exists() and not force:
        raise DraftError(f"{path} exists; give a new file, or --force to replace it")
    if path.is_dir():
        raise DraftError(f"{path} is a directory")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise DraftError(f"{directory} is not a directory")


def write_atomically(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` in one step (``check_output`` first); an existing file is an error unless
    ``force``, and even then is replaced whole or not at all."""
    check_output(path, force)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if force:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if someone created ``path`` meanwhile: never overwrites
    except FileExistsError:
        raise DraftError(f"{path} exists; give a new file, or --force to replace it") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def drafts_yaml(records: list[dict], source: str) -> str:
    """The drafts as seed-file YAML with a header saying where they come from."""
    header = (f"# Draft Paper records from {source}; curate before use (description, classified_as, languages),\n"
              "# then move them into seed_data/papers.yaml, or seed_data/since_survey/papers.yaml with in_survey: false.")
    return to_yaml(records, header=header) if records else header + "\n[]\n"
