"""What a value, yes/no, existence or comparison question was read as, before it is answered: shared by the
English and the Chinese/Korean readers (graph.ask.values, graph.ask.values_cjk)."""
from __future__ import annotations

from dataclasses import dataclass, field

from graph.ask import attributes as A
from graph.ask.entities import Mention


@dataclass
class Reading:
    """A value, yes/no or existence question: the subject, the attribute (value), or the list question
    whose conditions the subject must meet (yes/no) or which must be non-empty (exists)."""

    kind: str  # value | yesno | exists | compare
    subject: Mention | None = None
    attribute: A.Attribute | None = None
    rest: str = ""
    other: Mention | None = None  # compare: the other thing
    op: str = ""  # compare: > or <
    cue: str = ""  # the words that asked for the attribute
    unplaced: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
