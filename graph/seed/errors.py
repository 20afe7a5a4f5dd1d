"""What a seed-data problem looks like (Issue) and the error that lists them all (DataError).

Kept apart from the validator so a command can catch DataError without importing YAML, pydantic and the
ISO 639 tables (the validator's imports) on every start.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in the seed data: where it is and what is wrong."""

    file: str
    line: int
    id: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.id + ': ' if self.id else ''}{self.message}"


class DataError(Exception):
    """The seed data is invalid; ``issues`` lists every problem found."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(set(issues))
        super().__init__(f"{len(self.issues)} problem(s) in seed data:\n" + "\n".join(map(str, self.issues)))
