"""Session-state keys of the front door (intake) screen, in one place.

Widget keys on the intake page all start with `intake_`, so a finished intake clears them with
`clear_intake()` and the next caller starts from an empty screen.
"""

from __future__ import annotations

import streamlit as st

HOUSEHOLD_ID = "front_door_household_id"  # the existing household chosen for this contact
NEW_HOUSEHOLD = "front_door_new_household"  # dict of a new household's details, once checked
DUPLICATES = "front_door_duplicates"  # possible duplicates found for the new household entered
SEARCH_RESULTS = "front_door_search_results"  # households found by the search box
OUTCOME = "front_door_outcome"  # the IntakeOutcome of the intake just saved
WIDGET_PREFIX = "intake_"


def clear_intake() -> None:
    for key in list(st.session_state.keys()):
        if str(key).startswith(WIDGET_PREFIX) or key in (HOUSEHOLD_ID, NEW_HOUSEHOLD, DUPLICATES,
                                                          SEARCH_RESULTS):
            del st.session_state[key]
