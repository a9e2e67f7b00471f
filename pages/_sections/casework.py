"""The homelessness casework section of the case record: the duty and its clock, compliance
flags, dates due, stage moves, the personalised housing plan, accommodation and money.

`render_casework_section(record, officer)` is called by pages/case_record.py for a homelessness
case. Every action calls one service and shows its refusal as a message.
"""

from __future__ import annotations

import streamlit as st

from logic import clock
from logic.casework import categories, stages
from logic.casework import placements as ta
from logic.casework import plan as php
from logic.casework import service as cw
from logic.common import codes
from logic.law import policy_as_at
from pages import _keys, _ui
from pages._sections.offers import render_offers
from pages._sections.reviews import render_reviews_section


def render_casework_section(record, officer) -> None:
    if record.case_type != "homelessness":
        return
    summary = _ui.run_service(lambda: cw.casework_summary(case_id=record.id, viewer_id=officer.id))
    if summary is None:
        return
    seen = _ui.version_seen(record.id, record.version)
    st.subheader("Homelessness casework")
    _clock(summary)
    for flag in summary.flags:
        st.warning(f"**{stages.FLAG_TITLES[flag.code]}.** {flag.text} _({flag.citation})_", icon=":material/flag:")
    if not summary.may_act:
        st.info("Your competency level does not cover this stage: you can read the case, and an officer acts on it.")
    # keyed and tracked, so a save (which reruns the page) leaves the officer on the tab they were
    # working in; untracked tabs go back to the first one
    duty_tab, plan_tab, ta_tab, offers_tab, money_tab, reviews_tab, dates_tab = st.tabs(
        ["Duty and stage", "Housing plan", "Accommodation", "Offers", "Financial assistance",
         "Reviews and appeals", "Dates due"],
        key=_keys.CASEWORK_SECTION, on_change="rerun")
    with duty_tab:
        _duty(record, officer, summary, seen)
    with plan_tab:
        _plan(record, officer, summary, seen)
    with ta_tab:
        _accommodation(record, officer, summary, seen)
    with offers_tab:
        render_offers(record, officer, seen)
    with money_tab:
        _money(record, officer, summary, seen)
    with reviews_tab:
        render_reviews_section(record, officer, seen)
    with dates_tab:
        _dates(summary)


def _clock(summary) -> None:
    cols = st.columns([3, 3, 2, 2])
    _ui.fact(cols[0], "Stage", codes.stage_label("homelessness", summary.stage), help=summary.stage_label)
    clock = summary.clock
    if clock is None:
        _ui.fact(cols[1], "Duty", "No duty open")
        return
    _ui.fact(cols[1], "Duty", clock.label.split(" (")[0].capitalize(), help=clock.label)
    if clock.ends_on is not None:
        left = clock.days_left
        cols[2].metric(f"Day of {clock.period_days}", clock.day,
                       delta=f"{left} days left" if left >= 0 else f"{-left} days past",
                       delta_color="normal" if left > 7 else "inverse")
        _ui.fact(cols[3], f"{clock.period_days} days end", _ui.format_date(clock.ends_on))
    else:
        _ui.fact(cols[2], "Since", _ui.format_date(clock.started_on))
    if clock.notified_on:
        st.caption(f"Duty notified in writing on {_ui.format_date(clock.notified_on)}.")


def _duty(record, officer, summary, seen) -> None:
    if summary.assessments:
        latest = summary.assessments[0]
        st.markdown(f"**Latest assessment** {_ui.format_date(latest.assessed_on)} by {_ui.plain(latest.assessed_by)}: "
                    f"{codes.HOMELESSNESS.label(latest.decisions['homelessness'])}, priority need "
                    f"{'yes' if latest.decisions['priority_need'] else 'no'}, duty owed: "
                    f"{codes.ENGINE_DUTIES.words(latest.decisions['duty'])}"
                    + (" — the officer decided otherwise than the engine on "
                       + ", ".join(cw.DECISION_FIELDS[k] for k in latest.overrides) if latest.overrides else ""))
        st.caption("For the statistics (H-CLIC): " + " · ".join(f"{q}: {a}" for q, a in latest.categories))
    else:
        st.info("No assessment recorded yet (s.189A).")
    if st.button("Record an assessment" if not summary.assessments else "Record a reassessment",
                 key="casework_open_assessment", disabled=summary.status != "open"):
        st.switch_page("pages/assessment.py", query_params={"ref": record.reference})
    if summary.duties:
        st.dataframe([{"Duty": d["duty"], "Started": _ui.format_date(d["started_on"]),
                       "Notified": _ui.format_date(d["notified_on"]), "Ended": _ui.format_date(d["ended_on"]),
                       "Why it ended": d["end_reason"], "Main activity": d["main_activity"] or "",
                       "Accommodation secured": d["accommodation_secured"] or ""} for d in summary.duties],
                     hide_index=True, key="casework_duties")
    if not summary.may_record:
        return
    if summary.clock is not None and summary.clock.notified_on is None:
        with st.form("casework_notify_form"):
            notified_on = st.date_input("Duty notified in writing on", value=clock.today(),
                                        key="casework_notified_on", format="DD/MM/YYYY")
            if st.form_submit_button("Record notification"):
                _ui.run_service(lambda: cw.record_duty_notified(
                    case_id=record.id, expected_version=seen, officer_id=officer.id, notified_on=notified_on),
                    success="Notification recorded.", rerun=True)
    if summary.transitions:
        with st.form("casework_stage_form"):
            st.markdown("**Move the case on**")
            options = {t.to_stage: t for t in summary.transitions}
            to_stage = st.selectbox("Next stage", list(options), key="casework_to_stage",
                                    format_func=lambda s: options[s].label)
            reasons = {}
            for t in summary.transitions:
                reasons.update(t.end_reasons)
            end_reason = st.selectbox("If the duty ends: why", [""] + list(reasons), key="casework_end_reason",
                                      format_func=lambda c: reasons.get(c, "(not ending the duty)"))
            st.caption("An ending is given to the applicant in writing with the right to a review: the notice "
                       "that the duty has ended (which states the ground), or for refusing to co-operate the "
                       "s.193B(2) notice, from the Letters tab. An ending on an offer needs the offer, its "
                       "answer and the final-offer letter recorded under Offers first.")
            cols = st.columns(2)
            main_activity = cols[0].selectbox(
                categories.ENDING_LABELS["main_activity"], [None, *codes.MAIN_ACTIVITIES.codes()],
                key="casework_main_activity", help="When a prevention or relief duty ends (H-CLIC).",
                format_func=lambda c: "(choose when a prevention or relief duty ends)" if c is None
                else codes.MAIN_ACTIVITIES.label(c))
            secured = cols[1].selectbox(
                categories.ENDING_LABELS["accommodation_secured"], [None, *codes.ACCOMMODATION_SECURED.codes()],
                key="casework_accommodation_secured", help="When the duty ends with accommodation secured.",
                format_func=lambda c: "(choose when accommodation was secured)" if c is None
                else codes.ACCOMMODATION_SECURED.label(c))
            on = st.date_input("With effect from", value=clock.today(), key="casework_stage_on", format="DD/MM/YYYY")
            reason = st.text_area("Officer's reason", key=_keys.CASEWORK_STAGE_REASON, height=80)
            if st.form_submit_button("Move the case", type="primary"):
                _ui.run_service(lambda: cw.change_stage(
                    case_id=record.id, expected_version=seen, officer_id=officer.id, to_stage=to_stage, on=on,
                    reason=reason, end_reason=end_reason or None,
                    ending=categories.DutyEnding(main_activity, secured)),
                    success=f"Case moved to {stages.STAGE_LABELS[to_stage]}.", rerun=True,
                    clear_keys=(_keys.CASEWORK_STAGE_REASON,))
    if summary.clock is not None and summary.clock.cooperation_warning_applies:
        with st.expander("Warning for refusing to co-operate (s.193B(4))"):
            if summary.warnings:
                st.caption("Warnings given: " + ", ".join(_ui.format_date(w) for w in summary.warnings))
                notice = cw.may_give_cooperation_notice(officer, on=clock.today())
                st.caption(notice.reason if notice else
                           "After the reasonable period you may give the notice (s.193B(2)): end the duty under "
                           "'Move the case on'; in relief, a family in priority need who is not intentionally "
                           "homeless moves to the s.193C(4) duty instead.")
            with st.form("casework_warning_form"):
                warned_on = st.date_input("Warning given on", value=clock.today(), key="casework_warned_on",
                                          format="DD/MM/YYYY")
                steps_refused = st.text_area("Steps deliberately and unreasonably refused",
                                             key=_keys.CASEWORK_STEPS_REFUSED, height=80)
                if st.form_submit_button("Record the warning"):
                    _ui.run_service(lambda: cw.give_cooperation_warning(
                        case_id=record.id, expected_version=seen, officer_id=officer.id, warned_on=warned_on,
                        steps_refused=steps_refused), success="Warning recorded.", rerun=True,
                        clear_keys=(_keys.CASEWORK_STEPS_REFUSED,))


def _plan(record, officer, summary, seen) -> None:
    if summary.steps:
        st.dataframe([{"Owner": php.OWNERS[s.owner], "Step": s.description, "Due": _ui.format_date(s.due_on),
                       "Status": php.STEP_STATUSES.get(s.status, s.status),
                       "History": " → ".join(f"{php.STEP_STATUSES.get(h[0], h[0])} {h[1]:%d %b}" for h in s.history)}
                      for s in summary.steps], hide_index=True, key="casework_plan_steps")
    else:
        st.info("No personalised housing plan yet (s.189A(4)-(6)).")
    for reviewed_on, by, note in summary.reviews:
        st.caption(f"Reviewed {_ui.format_date(reviewed_on)} by {_ui.plain(by)}: {_ui.plain(note)}")
    if summary.plan_agreements:
        on, agreed, why, by = summary.plan_agreements[-1]
        st.markdown(f"**Agreement (s.189A(5)-(6)):** agreed with the applicant on {_ui.format_date(on)} ({_ui.plain(by)})"
                    if agreed else
                    f"**Agreement (s.189A(5)-(6)):** not agreed ({_ui.format_date(on)}, {_ui.plain(by)}). Why: {_ui.plain(why)}. "
                    "The steps above are those the council considers reasonable.")
    elif summary.steps:
        st.caption("Agreement of the steps not recorded yet (s.189A(5)-(6)).")
    if summary.plan_copies:
        st.caption("Copy given to the applicant on "
                   + ", ".join(f"{_ui.format_date(on)} ({_ui.plain(by)})" for on, by in summary.plan_copies) + " (s.189A(8)).")
    elif summary.steps:
        st.caption("No copy of the plan given to the applicant recorded yet (s.189A(8)).")
    if not summary.may_record:
        return
    with st.form("casework_step_form"):
        st.markdown("**Add a reasonable step**")
        owner = st.radio("For", list(php.OWNERS), key="casework_step_owner", horizontal=True,
                         format_func=php.OWNERS.get)
        description = st.text_input("Step", key=_keys.CASEWORK_STEP_DESCRIPTION)
        due_on = st.date_input("Due", value=None, key="casework_step_due", format="DD/MM/YYYY")
        if st.form_submit_button("Add step"):
            _ui.run_service(lambda: php.add_plan_step(
                case_id=record.id, expected_version=seen, officer_id=officer.id, owner=owner,
                description=description, due_on=due_on), success="Step added.", rerun=True,
                clear_keys=(_keys.CASEWORK_STEP_DESCRIPTION,))
    if summary.steps:
        with st.form("casework_step_status_form"):
            steps = {s.id: s for s in summary.steps}
            step_id = st.selectbox("Step", list(steps), key="casework_status_step",
                                   format_func=lambda i: f"{php.OWNERS[steps[i].owner]}: {steps[i].description}")
            status = st.selectbox("Now", list(php.STEP_STATUSES), key="casework_status_value",
                                  format_func=php.STEP_STATUSES.get)
            note = st.text_input("Note (required if not done)", key=_keys.CASEWORK_STATUS_NOTE)
            if st.form_submit_button("Record status"):
                _ui.run_service(lambda: php.set_step_status(
                    step_id=step_id, expected_version=seen, officer_id=officer.id, status=status, note=note),
                    success="Status recorded.", rerun=True, clear_keys=(_keys.CASEWORK_STATUS_NOTE,))
        with st.form("casework_plan_agreement_form"):
            st.markdown("**Were the steps agreed with the applicant?** (s.189A(4)-(6))")
            agreed = st.radio("Steps agreed", [True, False], key=_keys.CASEWORK_PLAN_AGREED, horizontal=True,
                              format_func=lambda v: "Agreed" if v else "Not agreed")
            agreed_on = st.date_input("Agreement recorded on", value=clock.today(), key=_keys.CASEWORK_PLAN_AGREED_ON,
                                      format="DD/MM/YYYY")
            why_not = st.text_area("Why the steps could not be agreed (if not agreed)",
                                   key=_keys.CASEWORK_PLAN_NOT_AGREED_REASON, height=80)
            if st.form_submit_button("Record agreement"):
                _ui.run_service(lambda: php.record_plan_agreement(
                    case_id=record.id, expected_version=seen, officer_id=officer.id, agreed=agreed,
                    recorded_on=agreed_on, reason=why_not), success="Agreement recorded.", rerun=True,
                    clear_keys=(_keys.CASEWORK_PLAN_NOT_AGREED_REASON,))
        with st.form("casework_plan_copy_form"):
            given_on = st.date_input("Copy of the plan given on", value=clock.today(), key=_keys.CASEWORK_PLAN_COPY_ON,
                                     format="DD/MM/YYYY")
            if st.form_submit_button("Record copy given"):
                _ui.run_service(lambda: php.record_plan_copy_given(
                    case_id=record.id, expected_version=seen, officer_id=officer.id, given_on=given_on),
                    success="Copy of the plan recorded as given.", rerun=True)
        with st.form("casework_review_form"):
            reviewed_on = st.date_input("Plan reviewed on", value=clock.today(), key="casework_reviewed_on",
                                        format="DD/MM/YYYY")
            review_note = st.text_area("What the review found", key=_keys.CASEWORK_REVIEW_NOTE, height=80)
            if st.form_submit_button("Record review"):
                _ui.run_service(lambda: php.record_plan_review(
                    case_id=record.id, expected_version=seen, officer_id=officer.id, reviewed_on=reviewed_on,
                    note=review_note), success="Review recorded.", rerun=True,
                    clear_keys=(_keys.CASEWORK_REVIEW_NOTE,))


def _accommodation(record, officer, summary, seen) -> None:
    if summary.placements:
        st.dataframe([{"Type": ta.PLACEMENT_TYPES.get(p["type"], p["type"]), "Under": p["legal_basis"],
                       "Address": p["address"],
                       "£ a night": p["cost_per_night"], "From": _ui.format_date(p["starts_on"]),
                       "Ended": _ui.format_date(p["ended_on"]), "Status": codes.PLACEMENT_STATUSES.get(p["status"], p["status"]),
                       "Decided by": p["decided_by"], "Decision": p["decision_reason"]}
                      for p in summary.placements], hide_index=True, key="casework_placements")
    else:
        st.info("No temporary accommodation recorded.")
    if summary.family:
        weeks = _ui.in_words(policy_as_at(summary.as_at).bnb_family_max_weeks)
        st.caption("Household with children or a pregnant member: bed and breakfast only in an emergency and "
                   f"for no more than {weeks} weeks (Suitability Order 2003 art.4).")
    for s in summary.storage:
        state = f"released {_ui.format_date(s['released_on'])}" if s["released_on"] else "in storage"
        st.caption(f"Belongings (s.211): {_ui.plain(s['description'])} with {_ui.plain(s['stored_with'])} since "
                   f"{_ui.format_date(s['stored_on'])}, {state}.")
    if not summary.may_record:
        return
    with st.form("casework_placement_form"):
        st.markdown("**Ask for a placement** (takes effect when a senior officer approves it)")
        kind = st.selectbox("Type", list(ta.PLACEMENT_TYPES), key="casework_placement_type",
                            format_func=ta.PLACEMENT_TYPES.get)
        basis = st.selectbox("Duty or power it is made under", list(ta.LEGAL_BASES), index=None,
                             key=_keys.CASEWORK_PLACEMENT_BASIS, format_func=ta.basis_label,
                             placeholder="Choose the duty or power")
        address = st.text_input("Address", key=_keys.CASEWORK_PLACEMENT_ADDRESS)
        cost = st.number_input("Cost a night (£)", min_value=0.0, step=0.5, key="casework_placement_cost")
        starts_on = st.date_input("From", value=clock.today(), key="casework_placement_start", format="DD/MM/YYYY")
        why = st.text_area("Why it is needed and suitable", key=_keys.CASEWORK_PLACEMENT_REASON, height=80)
        if st.form_submit_button("Ask for approval"):
            _ui.run_service(lambda: ta.request_placement(
                case_id=record.id, expected_version=seen, officer_id=officer.id, placement_type=kind,
                address=address, cost_per_night=cost, starts_on=starts_on, reason=why, legal_basis=basis),
                success="Placement requested: it is in the seniors' approvals queue.", rerun=True,
                clear_keys=(_keys.CASEWORK_PLACEMENT_ADDRESS, _keys.CASEWORK_PLACEMENT_REASON))
    in_use = [p for p in summary.placements if p["status"] == "approved"]
    if in_use:
        with st.form("casework_end_placement_form"):
            pid = st.selectbox("End placement", [p["id"] for p in in_use], key="casework_end_placement",
                               format_func=lambda i: next(p["address"] for p in in_use if p["id"] == i))
            ended_on = st.date_input("Ended on", value=clock.today(), key="casework_placement_end", format="DD/MM/YYYY")
            end_why = st.text_input("Why", key="casework_placement_end_reason")
            if st.form_submit_button("End placement"):
                _ui.run_service(lambda: ta.end_placement(
                    placement_id=pid, expected_version=seen, officer_id=officer.id, ended_on=ended_on,
                    reason=end_why), success="Placement ended.", rerun=True)
    with st.form("casework_storage_form"):
        st.markdown("**Belongings put into storage (s.211)**")
        what = st.text_input("What is stored", key="casework_storage_what")
        where = st.text_input("Stored with", key="casework_storage_where")
        stored_on = st.date_input("Stored on", value=clock.today(), key="casework_storage_on", format="DD/MM/YYYY")
        if st.form_submit_button("Record storage"):
            _ui.run_service(lambda: ta.record_belongings_stored(
                case_id=record.id, expected_version=seen, officer_id=officer.id, stored_on=stored_on,
                description=what, stored_with=where), success="Storage recorded.", rerun=True)


def _money(record, officer, summary, seen) -> None:
    for f in summary.financial_assistance:
        st.markdown(f"- {ta.ASSISTANCE_KINDS.get(f['kind'], f['kind'])} £{f['amount']:,.2f} for "
                    f"{_ui.plain(f['property_address'])}: rent {f['rent_share_percent']}% of income, **{codes.ASSISTANCE_STATUSES.words(f['status'])}**"
                    + (f" — {_ui.plain(f['decision_reason'])}" if f["decision_reason"] else ""))
    if not summary.may_record:
        return
    with st.form("casework_money_form"):
        st.markdown("**Ask for a deposit or rent in advance** (checked for affordability; a senior approves)")
        kind = st.selectbox("Kind", list(ta.ASSISTANCE_KINDS), key="casework_money_kind",
                            format_func=ta.ASSISTANCE_KINDS.get)
        amount = st.number_input("Amount (£)", min_value=0.0, step=10.0, key="casework_money_amount")
        address = st.text_input("Tenancy address", key="casework_money_address")
        rent = st.number_input("Rent a month (£)", min_value=0.0, step=10.0, key="casework_money_rent")
        income = st.number_input("Household income a month, benefits included (£)", min_value=0.0, step=10.0,
                                 key="casework_money_income")
        why = st.text_area("Why this secures accommodation", key="casework_money_reason", height=80)
        if st.form_submit_button("Ask for approval"):
            _ui.run_service(lambda: ta.request_financial_assistance(
                case_id=record.id, expected_version=seen, officer_id=officer.id, kind=kind, amount=amount,
                property_address=address, monthly_rent=rent, monthly_income=income, reason=why),
                success="Request sent to the approvals queue.", rerun=True)


def _dates(summary) -> None:
    if not summary.deadlines:
        st.info("No dates due on this case.")
        return
    st.dataframe([{"Due": _ui.format_date(item.due_on), "What": item.what, "Status": codes.DUE_STATUSES.label(status),
                   "Rests on": item.citation} for item, status in summary.deadlines],
                 hide_index=True, key="casework_dates")
