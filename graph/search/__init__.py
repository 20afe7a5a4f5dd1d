"""search: see the modules of this package."""
