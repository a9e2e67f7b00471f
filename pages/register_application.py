"""A housing register application: details, evidence, the engine's assessment with the
officer's decision, reviews (s.166A(9)(c)) and the history of decisions."""

import streamlit as st

from logic import clock
from logic.common import codes
from logic.law import policy_as_at
from logic.law.explain import SECTIONS
from logic.register import service as register
from logic.register import views as views_register
from logic.register.rules import band_order
from pages import _keys, _ui
from pages._sections import register as _register

officer = _ui.require_page("register-application")
st.title("Register application")
_ui.show_flash()
today = clock.today()

wanted = st.query_params.get("ref")
search = st.text_input("Find a register case", key="register_case_search",
                       placeholder="A reference or the applicant's name",
                       help=f"Lists the {views_register.CHOICES_SHOWN} newest applications that match.")
cases = views_register.register_case_choices(search, reference=wanted)
labels = {row.reference: f"{row.reference} · {row.applicant} · {codes.REGISTER_STAGES.label(row.stage)}"
          + (" (closed)" if row.status == "closed" else "") for row in cases.itertuples()}
stages = {row.reference: f"{row.stage}_{row.status}" for row in cases.itertuples()}  # what the label names
if wanted not in labels:
    wanted = None
choice = st.selectbox(
    "Register case", [None, *labels], key=_keys.register_case_choice(wanted, stages.get(wanted)),
    index=[None, *labels].index(wanted),
    format_func=lambda ref: "Start a new application" if ref is None else labels[ref],
)
if choice != wanted:
    if choice is None:
        st.query_params.pop("ref", None)
    else:
        st.query_params["ref"] = choice
    st.rerun()

if choice is None:
    st.subheader("Start a new application")
    found = st.text_input("Find the household", key="register_new_search",
                          placeholder="A household reference or the applicant's name",
                          help=f"Lists the first {views_register.CHOICES_SHOWN} households, by name, "
                               "that match and have no open register application.")
    homes = views_register.households_without_register_application(found)
    if homes.empty:
        st.info("No household without an open register application matches." if found.strip() else
                "Every household already has an open register application.")
        st.stop()
    with st.form("register_new_form"):
        names = {row.id: f"{row.reference} · {row.applicant} · {row.postcode or ''}"
                 for row in homes.itertuples()}
        household_id = st.selectbox("Household", list(names), format_func=names.get,
                                    key="register_new_household")
        details = _register.details_fields("register_new", None, today)
        started = st.form_submit_button("Open the application", type="primary")
    if started:
        case_id = _ui.run_service(lambda: register.open_register_application(
            actor_id=officer.id, household_id=int(household_id), details=details))
        if case_id:
            record = register.open_register_record(case_id=case_id, viewer_id=officer.id, opening=_ui.opening())
            st.session_state[_keys.FLASH] = f"Application {record.reference} opened."
            st.query_params["ref"] = record.reference
            st.rerun()
    st.stop()

case_id = int(cases.set_index("reference").loc[choice, "id"])
record = _ui.run_service(lambda: register.open_register_record(case_id=case_id, viewer_id=officer.id, opening=_ui.opening()))
if record is None:
    st.stop()
seen = _ui.version_seen(record.case_id, record.version)
current = record.current

cols = st.columns(5)
cols[0].metric("Stage", codes.REGISTER_STAGES.label(record.stage) + (" (closed)" if record.status == "closed" else ""))
cols[1].metric("Band", _register.band_value(current.qualifies, current.band) if current else "Not assessed")
cols[2].metric("Band date", _ui.format_date(current.band_effective_date) if current else "—")
cols[3].metric("Bedroom need", current.bedroom_need if current else "—")
cols[4].metric("Renewal due", _ui.format_date(record.renewal.due_on) if record.renewal else "—")
st.caption(f"{_ui.plain(record.applicant)} · household of {sum(1 for m in record.members if m.left_on is None)}"
           f" · [case record](/case?ref={record.reference})")

details_tab, evidence_tab, assess_tab, review_tab, history_tab = st.tabs(
    ["Application", "Evidence", "Assessment", "Review", "History"])

with details_tab:
    if record.status != "open":
        st.info("This application is closed.")
    with st.form("register_details_form"):
        details = _register.details_fields("register_details", record.application, today, record.members,
                                          record.needs)
        saved = st.form_submit_button("Save the application", type="primary",
                                      disabled=record.status != "open")
    if saved:
        _ui.run_service(lambda: register.save_application(
            case_id=record.case_id, expected_version=seen, actor_id=officer.id, details=details),
            success="Application saved.", rerun=True)

with evidence_tab:
    with st.form("register_evidence_form", clear_on_submit=True):
        c1, c2, c3 = st.columns([3, 1, 1])
        what = c1.text_input("Evidence received", key="register_evidence_what",
                             placeholder="e.g. Payslips, last 3 months")
        received = c2.date_input("Received", value=today, max_value=today, format="DD/MM/YYYY",
                                 key="register_evidence_received")
        checked = c3.checkbox("Checked by me", key="register_evidence_checked")
        note = st.text_input("Note", key="register_evidence_note")
        added = st.form_submit_button("Record evidence")
    if added:
        _ui.run_service(lambda: register.add_evidence(
            case_id=record.case_id, actor_id=officer.id, what=what, received_on=received,
            checked=checked, note=note), success="Evidence recorded.", rerun=True)
    if not record.evidence:
        st.info("No evidence recorded yet.")
    for e in record.evidence:
        c1, c2 = st.columns([4, 1])
        checked_text = (f"checked by {e.checked_by} on {_ui.format_date(e.checked_on)}"
                        if e.checked_by else "**not yet checked**")
        c1.markdown(f"**{e.what}** · received {_ui.format_date(e.received_on)} · recorded by "
                    f"{e.recorded_by} · {checked_text}" + (f"  \n{e.note}" if e.note else ""))
        if not e.checked_by and c2.button("Mark checked", key=_keys.register_evidence_check(e.id)):
            _ui.run_service(lambda e=e: register.check_evidence(evidence_id=e.id, actor_id=officer.id),
                            success="Evidence checked.", rerun=True)

with assess_tab:
    if record.application is None:
        st.info("Record the application details first.")
    else:
        assessed_on = st.date_input("Assess as at", value=today, max_value=today,
                                    min_value=record.application.application_date,
                                    format="DD/MM/YYYY", key="register_assessed_on")
        preview = _ui.run_service(lambda: register.preview_assessment(
            case_id=record.case_id, viewer_id=officer.id, assessed_on=assessed_on))
        if preview is not None:
            d = preview.determination
            c = st.columns(5)
            c[0].metric("Eligible (s.160ZA)", "Yes" if d.eligible else "No")
            c[1].metric("Qualifies", "Yes" if d.qualifies else "No")
            c[2].metric("Bedroom need", d.bedroom_need)
            c[3].metric("Engine's band", _register.band_value(d.qualifies, d.band))
            c[4].metric("Band date", _ui.format_date(preview.band_effective_date) or "—")
            st.markdown("**The engine's reasons**")
            for title, names in SECTIONS:
                if title not in ("Eligibility", "Bedroom need", "Reasonable preference",
                                 "Housing register"):
                    continue
                reasons = [r for name in names for r in d.reasons_for(name)]
                with st.expander(title, expanded=title == "Housing register"):
                    _register.show_reasons(reasons)
                    if (title == "Housing register" and preview.band_date_reason is not None
                            and preview.band_date_reason.rule != "band_date_new"):
                        _register.show_reasons([preview.band_date_reason])
            money = preview.financial
            with st.expander(f"Financial and affordability assessment: "
                             f"{codes.FINANCIAL_RESULTS.label(money.result)}, "
                             f"{codes.HOUSING_COST_AFFORDABILITY.words(money.affordability)}"):
                _register.show_reasons(money.reasons)
            if record.status == "open":
                with st.form("register_decision_form"):
                    decision = st.radio("Decision", ["confirm", "override"], horizontal=True,
                                        format_func={"confirm": "Confirm the engine's assessment",
                                                     "override": "Override"}.get,
                                        key="register_decision")
                    c1, c2 = st.columns(2)
                    band = c1.selectbox("Band (override)", [None, *preview.bands, "none"],
                                        format_func=lambda b: "no change" if b is None else
                                        ("does not qualify" if b == "none" else f"Band {b}"),
                                        key="register_override_band")
                    need = c2.number_input("Bedroom need (override)", min_value=1, max_value=10,
                                           value=None, key="register_override_need",
                                           placeholder="no change")
                    why = st.text_area("Reason for the override (recorded on the case)",
                                       key=_keys.REGISTER_OVERRIDE_REASON)
                    decided = st.form_submit_button("Record the decision", type="primary")
                if decided:
                    _ui.run_service(lambda: register.decide_assessment(
                        case_id=record.case_id, expected_version=seen, actor_id=officer.id,
                        assessed_on=assessed_on, decision=decision, override_band=band,
                        override_bedroom_need=None if need is None else int(need),
                        override_reason=why), success="Decision recorded.", rerun=True,
                        clear_keys=(_keys.REGISTER_OVERRIDE_REASON,))

with review_tab:
    pending = next((r for r in record.reviews if r.outcome is None), None)
    if current is None:
        st.info("There is no decision to review yet.")
    elif pending is None:
        st.write(f"Current decision ({_ui.format_date(current.assessed_on)}): "
                 f"{_register.band_text(current.qualifies, current.band, current.band_effective_date)}"
                 f", {current.bedroom_need} bedroom(s).")
        with st.form("register_review_request_form"):
            requested = st.date_input("Review requested on", value=today, max_value=today,
                                      format="DD/MM/YYYY", key="register_review_requested")
            grounds = st.text_area("What the applicant says is wrong", key="register_review_grounds")
            late = st.text_input("If late: why the council accepts it", key="register_review_late")
            asked = st.form_submit_button("Record the review request")
        if asked:
            _ui.run_service(lambda: register.request_review(
                case_id=record.case_id, expected_version=seen, actor_id=officer.id,
                requested_on=requested, grounds=grounds, late_reason=late),
                success="Review request recorded.", rerun=True)
    else:
        st.write(f"Review requested {_ui.format_date(pending.requested_on)}"
                 + ("" if pending.in_time else f" (late: {_ui.plain(pending.late_reason)})")
                 + f": {_ui.plain(pending.grounds)}")
        may_review = register.may_decide_review(officer, on=today)
        if not may_review:
            st.info(may_review.reason)
        else:
            with st.form("register_review_decision_form"):
                outcome = st.radio("Outcome", codes.REVIEW_OUTCOMES.codes(), horizontal=True,
                                   format_func=codes.REVIEW_OUTCOMES.label, key="register_review_outcome")
                c1, c2 = st.columns(2)
                new_band = c1.selectbox("New band (if varied)", [None, *band_order(policy_as_at(today)), "none"],
                                        format_func=lambda b: "no change" if b is None else
                                        ("does not qualify" if b == "none" else f"Band {b}"),
                                        key="register_review_band")
                new_need = c2.number_input("New bedroom need (if varied)", min_value=1,
                                           max_value=10, value=None, key="register_review_need",
                                           placeholder="no change")
                grounds_out = st.text_area("Grounds for the review decision (sent to the applicant)",
                                           key="register_review_reason")
                reviewed = st.form_submit_button("Record the review decision", type="primary")
            if reviewed:
                _ui.run_service(lambda: register.decide_review(
                    review_id=pending.id, expected_version=seen, actor_id=officer.id,
                    decided_on=today, outcome=outcome, reason=grounds_out, new_band=new_band,
                    new_bedroom_need=None if new_need is None else int(new_need)),
                    success="Review decided.", rerun=True)
    for r in record.reviews:
        if r.outcome:
            st.markdown(f"**{_ui.format_date(r.decided_on)}** · review: {codes.REVIEW_OUTCOMES.words(r.outcome)} by {_ui.plain(r.reviewer)}: "
                        f"{_ui.plain(r.outcome_reason)}")

with history_tab:
    if not record.assessments:
        st.info("No decisions yet.")
    for a in record.assessments:
        title = (f"{_ui.format_date(a.assessed_on)} · {codes.REGISTER_DECISION_KINDS.label(a.kind)} · "
                 f"{codes.REGISTER_DECISION_OUTCOMES.label(a.decision)} · "
                 f"{_register.band_text(a.qualifies, a.band, a.band_effective_date)}, "
                 f"{a.bedroom_need} bedroom(s) · {_ui.plain(a.decided_by)}")
        with st.expander(title):
            if a.override_reason:
                st.markdown(f"**Override reason:** {_ui.plain(a.override_reason)}")
                st.caption(f"The engine found: "
                           f"{_register.band_text(a.engine_qualifies, a.engine_band, None)}, "
                           f"{a.engine_bedroom_need} bedroom(s).")
            if a.band_date_reason:
                st.markdown(f"**Band date:** {_ui.plain(a.band_date_reason)}")
            st.markdown(f"**Financial:** {codes.FINANCIAL_RESULTS.label(a.financial['result'])}, "
                        f"{codes.HOUSING_COST_AFFORDABILITY.words(a.financial['affordability'])}")
            _register.show_reasons(a.determination["reasons"])
            st.caption(a.policy)
    for r in record.renewals:
        st.markdown(f"**{_ui.format_date(r.renewed_on)}** · {codes.RENEWAL_OUTCOMES.label(r.outcome)} "
                    f"(due {_ui.format_date(r.due_on)}) · {_ui.plain(r.recorded_by)}"
                    + (f": {_ui.plain(r.note)}" if r.note else ""))

_ui.remember_version_seen(record.case_id, record.version)
