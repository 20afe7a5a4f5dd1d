"""Reading the seed data: the validated graph of seed_data/, cached on disk (cache.py)."""
