"""The only Streamlit helpers besides app.py, navigation.py, auth.py and the page scripts (screens/):
the filters kept in the URL (filters), the cache keyed on the database's version (cache), tables and
charts with their CSV downloads (tables) and choosing areas on the map (map_choice).

Everything else in dashboard/ (queries, content, charts, wording, policy, the board pack) imports no
Streamlit: tests/dashboard/test_layers.py holds that.
"""
