"""Bolt server fixtures (owned by the Neo4j work): `bolt_server` starts FalkorDB on free loopback
ports (or uses NEO4J_URI when set); `bolt_store` is a BoltStore loaded with the seed data."""
