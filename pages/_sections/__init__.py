"""The case record's parts: each domain's section of pages/case_record.py and the widgets its
own screens share. Not pages: app.py lists its screens through st.navigation only."""
