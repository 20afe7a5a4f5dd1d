"""Chinese and Korean names the seed data does not spell out: each language's name (斯瓦希里语, 스와힐리어)
and each country or region (中国, 韩国, 유럽) from the Unicode CLDR through babel. Loaded only when a
question has CJK text (babel's locale data takes about 0.3 s to read).
"""
from __future__ import annotations

from functools import lru_cache

# a CLDR region code (UN M49) for each region word the parser reads (vocab.REGIONS)
REGION_CODES = {"150": "europe", "142": "asia", "002": "africa", "030": "east asia", "035": "southeast asia",
                "034": "south asia", "145": "middle east", "021": "north america", "419": "latin america"}
# everyday short forms CLDR does not list as the country's name
EXTRA_PLACES = {"한국": "south korea", "韩": "south korea", "미국": "united states", "美": "united states"}


def _codes(iso3: str) -> list[str]:
    """ISO 639 codes CLDR may key a language by: its own, its 639-1, its macrolanguage's (and that one's 639-1)."""
    import iso639

    out = [iso3]
    try:
        lang = iso639.Language.from_part3(iso3)
    except Exception:  # an unknown code: keep the code itself
        return out
    out += [lang.part1] if lang.part1 else []
    macro = getattr(lang, "macrolanguage", None)
    if macro:
        m = iso639.Language.from_part3(macro)
        out += [macro] + ([m.part1] if m.part1 else [])
    return out


@lru_cache(maxsize=8)
def language_names(pairs: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str]]:
    """[(Chinese or Korean name, node id)] for ``triples`` of (node id, iso639_3, English name), longest
    names first. Where two languages share a CLDR name through their macrolanguage (Standard and Egyptian
    Arabic are both 阿拉伯语), the one named as CLDR names it in English keeps it."""
    from babel import Locale

    english = Locale("en").languages
    best: dict[str, tuple[tuple, str]] = {}
    for loc in (Locale("zh"), Locale("zh_Hant"), Locale("ko")):
        names = loc.languages
        for nid, iso3, name in pairs:
            for rank, code in enumerate(_codes(iso3)):
                if names.get(code):
                    key = (rank, english.get(code) != name, nid)
                    if names[code] not in best or key < best[names[code]][0]:
                        best[names[code]] = (key, nid)
                    break
    return sorted(((n, v[1]) for n, v in best.items()), key=lambda t: -len(t[0]))


@lru_cache(maxsize=1)
def place_names(countries: tuple[str, ...]) -> list[tuple[str, str]]:
    """[(Chinese or Korean name, English place word)] for the graph's countries and the known regions."""
    from babel import Locale

    from graph.ask.places import country_row

    out = list(EXTRA_PLACES.items())
    for loc in (Locale("zh"), Locale("zh_Hant"), Locale("ko")):
        for c in countries:
            row = country_row(c)
            if row and loc.territories.get(row["ISO2"]):
                out.append((loc.territories[row["ISO2"]], c.lower()))
        for code, word in REGION_CODES.items():
            if loc.territories.get(code):
                out.append((loc.territories[code], word))
    return sorted(set(out), key=lambda t: -len(t[0]))
