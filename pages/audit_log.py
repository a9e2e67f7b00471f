"""Who viewed or changed what, and when."""

import streamlit as st

from logic.cases import views
from logic.common import codes
from pages import _ui

_ui.require_page("audit-log")
st.title("Audit log")
people = views.officers()
cols = st.columns(3)
who = cols[0].selectbox("Officer", [None, *people["id"].tolist()], key="audit_officer",
                        format_func=lambda i: "Everyone" if i is None else people.set_index("id").loc[i, "full_name"])
action = cols[1].selectbox("Action", [None, *codes.AUDIT_ACTIONS.codes()], key="audit_action",
                           format_func=lambda a: "Any" if a is None else codes.AUDIT_ACTIONS.label(a))
limit = cols[2].number_input("Rows", min_value=50, max_value=5000, value=500, step=50, key="audit_limit")
trail = views.audit_trail(limit=int(limit), officer_id=who, action=action)
trail["action"] = [codes.AUDIT_ACTIONS.get(a, a) for a in trail["action"]]
trail["entity"] = [codes.AUDITED_RECORDS.get(e, e) for e in trail["entity"]]
st.dataframe(trail, hide_index=True, key="audit_table",
             column_config={"occurred_at": st.column_config.DatetimeColumn("When", format="D MMM YYYY HH:mm"),
                            "officer": "Officer", "action": "Action", "entity": "Record", "entity_id": "Number",
                            "detail": "Detail"})
st.download_button("Download CSV", trail.to_csv(index=False), file_name="hearth-audit.csv", key="audit_csv")
