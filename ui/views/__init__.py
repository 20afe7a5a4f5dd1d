"""Pure functions the app's pages present: each takes a Store and returns plain data (no Streamlit here).

taxonomy (tree with counts), evolution (figure points), coverage (matrices and gaps), compare (table),
entity (an entity's page), lineage (family tree), evidence (graphs for Ask / Cypher answers), finder
(fuzzy search), exporting (download bytes). They share one index over ``store.whole()`` (index.py).
"""
