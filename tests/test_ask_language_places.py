"""A place word that speaks of languages is never an organisation's country ('which benchmarks evaluate
reasoning in African languages' was read as data sets from labs in South Africa): every demonym, region
and country the vocabulary knows, in every phrasing below, gives no organisation-country constraint; the
place words that name no language are withheld with the regions message. Organisation readings stay."""
from __future__ import annotations

import json

import pytest

from graph.ask import ask
from graph.ask import vocab as V

ADJECTIVES = sorted(V.PLACE_ADJECTIVES)
NOUNS = sorted(V.PLACE_NOUNS | {k for k in V.DEMONYMS.values() if " " not in k.strip()})
ADJ_FORMS = ["which benchmarks evaluate reasoning in {p} languages", "which data sets cover {p} languages",
             "models for {p} languages", "datasets in {p}", "papers on {p} dialects", "{p} language datasets"]
NOUN_FORMS = ["which benchmarks cover languages in {p}", "datasets for languages spoken in {p}",
              "models for the languages of {p}"]


def _org_country(a) -> bool:
    return a.query is not None and '"country"' in json.dumps(a.query.to_dict())


def _cases():
    return [f.format(p=p) for p in ADJECTIVES for f in ADJ_FORMS] + \
        [f.format(p=p) for p in NOUNS for f in NOUN_FORMS]


def test_no_place_before_languages_becomes_an_organisations_country(embedded_store):
    cases = _cases()
    bad = [q for q in cases if _org_country(ask(embedded_store, q))]
    assert len(cases) > 300 and not bad, f"{len(bad)} of {len(cases)}: {bad[:10]}"


@pytest.mark.parametrize("q", ["which benchmarks evaluate reasoning in African languages",
                               "which data sets cover African languages", "models for Swiss languages"])
def test_a_region_of_languages_is_withheld_with_the_regions_message(store, q):
    a = ask(store, q)
    assert a.status == "withheld" and "no regions for languages" in a.withheld_reason


@pytest.mark.parametrize("q", ["models from African labs", "which datasets were made in Africa",
                               "models from Chinese or Korean labs", "Korean organisations", "models from Korea"])
def test_organisation_places_are_still_read(store, q):
    assert _org_country(ask(store, q))


def test_a_language_adjective_after_in_is_the_language(embedded_store):
    a = ask(embedded_store, "datasets in Korean")
    assert [c.id for c in a.query.constraints] == ["lang:kor"] and a.query.constraints[0].rel == "COVERS_LANGUAGE"


def test_every_place_of_languages_gets_the_regions_message(embedded_store):
    bad = []
    for p in NOUNS:
        a = ask(embedded_store, f"datasets for languages spoken in {p}")
        if a.status != "withheld" or "no regions for languages" not in (a.withheld_reason or ""):
            bad.append(p)
    assert not bad, bad
