"""Session-state keys of the homelessness casework screens (kept apart from pages/_ui.py)."""

ASSESSMENT_PREVIEW = "hearth_casework_assessment_preview"  # case id -> the inputs last checked
