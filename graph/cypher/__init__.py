"""cypher: see the modules of this package."""
