"""Streamlit components of the app (the two-way graph)."""
