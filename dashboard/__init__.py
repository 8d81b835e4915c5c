"""The Streamlit dashboard over the tracker database, and the pieces the board pack reuses."""
