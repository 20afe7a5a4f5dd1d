"""Organisation countries and regions: "open models from Korean labs", "European organisations", "models from China".

The graph's ``Organization.country`` values are read through country_converter's table (its regexes
recognise a country name however it is written; its continent / UN region / EU columns give regions)
and pycountry (the ISO code shown in the interpretation). A place word becomes the set of countries it
names; the parser turns that into "developed by an organisation in one of these countries".
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from graph.ask import vocab as V
from graph.search.fuzzy import norm

ORG_CUES_BEFORE = ("from", "in", "based in", "developed in", "made in", "built in", "by", "of")


@lru_cache(maxsize=1)
def _table() -> list[dict]:
    """country_converter's country table, read directly (its converter class pulls in pandas: 2 s)."""
    spec = find_spec("country_converter")  # the package's data file, without importing the package
    path = Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def country_row(name: str) -> dict | None:
    """The country_converter row whose regex recognises ``name`` ("Türkiye", "Korea", "USA"), else None.

    >>> country_row("Korea")["ISO3"], country_row("Türkiye")["ISO3"], country_row("Atlantis")
    ('KOR', 'TUR', None)
    """
    for row in _table():
        if row["regex"] and re.search(row["regex"], name, re.IGNORECASE):
            return row
    return None


def iso2(row: dict) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=row["ISO3"])
    return c.alpha_2 if c else row["ISO2"]


@lru_cache(maxsize=8)
def _compiled(regexes: tuple) -> tuple[list, re.Pattern]:
    """A graph's country regexes compiled once, and all of them as one alternation (most phrases are no
    place: one search says so). Not kept on Places: the parser's disk cache holds no compiled patterns."""
    each = [(c, re.compile(rx, re.IGNORECASE)) for c, rx in regexes]
    return each, re.compile("|".join(f"(?:{rx})" for _, rx in regexes) or "(?!)", re.IGNORECASE)


class Places:
    """Place words -> the graph's country values, built once per graph from its Organization countries."""

    def __init__(self, countries: set[str]):
        self.rows = {c: country_row(c) for c in sorted(countries)}
        self.elsewhere = {r["name_short"].casefold(): r["name_short"] for r in _table()}  # 'japan' -> 'Japan'
        # read now, kept with the parser: a question then needs neither pycountry nor the whole table
        self.codes = {c: iso2(r) for c, r in self.rows.items() if r}
        self.named = {name: country_row(name) for name in sorted(set(V.DEMONYMS.values()))}
        self.regexes = tuple((c, r["regex"]) for c, r in self.rows.items() if r)  # compiled by _compiled

    def countries_for(self, phrase: str) -> list[str] | None:
        """Graph country values named by ``phrase`` (a country, its adjective, or a region); None if it is
        no place; a country the graph has no organisation in is returned by its own name (it matches nothing)."""
        key = norm(phrase)
        if key in V.REGIONS:
            col, value = V.REGIONS[key]
            return [c for c, r in self.rows.items() if r and (r.get(col) == value if col != "EU"
                                                               else r.get("EU") == "EU")]
        name = V.DEMONYMS.get(key)
        if name is None:  # a country the graph holds, however it is written ('Korea', 'Republic of Korea')
            if len(key) <= 3 or not key.replace(" ", "").isalpha():  # 'in', 'us' are words, not countries
                return None
            each, any_country = _compiled(self.regexes)
            hits = [c for c, rx in each if rx.search(key)] if any_country.search(key) else []
            return hits or ([self.elsewhere[key]] if key in self.elsewhere else None)
        target = self.named[name] if name in self.named else country_row(name)
        return [c for c, r in self.rows.items() if r and target and r["ISO3"] == target["ISO3"]] or [name]

    def label(self, countries: list[str]) -> str:
        return ", ".join(f"{c} ({self.codes[c]})" if c in self.codes else c for c in countries)
