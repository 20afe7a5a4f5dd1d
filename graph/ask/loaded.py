"""What a parser loads only when a question needs it: the full search index (did-you-mean candidates), the
Chinese/Korean name matcher and CLDR's language and place names. A mixin of graph.ask.parser.Parser, kept
apart for size; a parser kept on disk (graph.ask.run.parser_for) leaves these out and reads each on first use.
"""
from __future__ import annotations

from graph.search.fuzzy import SearchIndex


class Loaded:
    """The parser's lazily loaded parts (needs ``nodes``, ``linkable``, ``places`` from the parser)."""

    # -- what is loaded only when a question needs it ---------------------------------------------
    # A parser kept on disk (graph.ask.run.parser_for) leaves out the full search index and the CJK
    # matcher: each is its own cache entry (``disk_key``), read on the first did-you-mean or CJK question.
    disk_key: str | None = None
    index_source = None  # () -> the store's SearchIndex (graph.search.fuzzy.index_for)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_index", "_matcher", "index_source", "disk_key")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _index=None, _matcher=None)

    @property
    def index(self) -> SearchIndex:
        """The search index over every node (papers included): did-you-mean candidates."""
        if self._index is None:
            self._index = self.index_source() if self.index_source else SearchIndex(list(self.nodes.values()))
        return self._index

    def matcher(self):
        """The Aho-Corasick matcher over every non-paper name and alias (graph.ask.matcher), built on the
        first Chinese or Korean question (or by ``prepare_cjk``), kept on disk beside the parser."""
        if self._matcher is None:
            from graph.ask.matcher import Matcher
            from graph.seed.cache import cached_artifact

            self._matcher = cached_artifact("matcher", self.disk_key,
                                            lambda: Matcher(list(self.linkable.nodes.values())),
                                            check=lambda obj: isinstance(obj, Matcher))
        return self._matcher

    def prepare_cjk(self) -> None:
        """Build now what a Chinese or Korean question needs (the matcher, CLDR's language and place names:
        about 1 s), for a parser kept on disk, so a later process answers its first CJK question at once."""
        self.matcher()
        self.cjk_language_names()
        self.cjk_place_names()

    def names_of(self, nid: str) -> list[str]:
        """The name, aliases and abbreviation of a node."""
        n = self.nodes.get(nid, {})
        return [x for x in [n.get("name"), n.get("abbreviation"), *(n.get("aliases") or [])] if isinstance(x, str)]

    def cjk_language_names(self) -> list[tuple[str, str]]:
        """[(Chinese or Korean language name, node id)], longest first (graph.ask.cjk_names), once per parser."""
        if getattr(self, "_cjk_languages", None) is None:
            from graph.ask import cjk_names
            pairs = tuple(sorted((n["id"], n["iso639_3"], n.get("name", "")) for n in self.nodes.values()
                                 if n.get("label") == "Language" and n.get("iso639_3")))
            self._cjk_languages = cjk_names.language_names(pairs)
        return self._cjk_languages

    def cjk_place_names(self) -> list[tuple[str, str]]:
        """[(Chinese or Korean place name, English place word)], longest first, once per parser."""
        if getattr(self, "_cjk_places", None) is None:
            from graph.ask import cjk_names
            self._cjk_places = cjk_names.place_names(tuple(sorted(self.places.rows)))
        return self._cjk_places

