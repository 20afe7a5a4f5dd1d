"""MLLM Atlas, the Streamlit app (minimal placeholder until the explorer pages land)."""
import streamlit as st

from graph.store import open_store

st.set_page_config(page_title="MLLM Atlas", layout="wide")


@st.cache_resource
def _store():
    return open_store()


store = _store()
st.title("MLLM Atlas")
st.sidebar.write(f"Store: **{store.backend}**")
counts = store.stats()
st.metric("Nodes", counts["total_nodes"])
st.metric("Relationships", counts["total_relationships"])
st.dataframe([{"label": k, "count": v} for k, v in counts["nodes"].items()])
