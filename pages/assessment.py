"""The s.189A assessment: the officer records the facts and the needs, sees the engine's
determination with its reasons, and decides; a different decision needs a reason."""

import streamlit as st

from logic import clock
from logic.cases import service as cases
from logic.casework import categories
from logic.casework import service as cw
from logic.common import codes
from logic.law.facts import EMERGENCIES, IMMIGRATION_STATUSES, VULNERABILITIES
from pages import _keys, _ui

officer = _ui.require_page("assessment")
reference = st.query_params.get("ref")
st.title("Assessment")
if not reference:
    st.info("Open the assessment from a homelessness case record.")
    st.stop()
case_id = _ui.run_service(lambda: cases.case_id_for_reference(reference))
record = _ui.run_service(lambda: cases.open_case_record(case_id=case_id, viewer_id=officer.id, opening=_ui.opening())) if case_id else None
if record is None:
    st.stop()
if record.case_type != "homelessness":
    st.info("Assessments are made on homelessness cases.")
    st.stop()
seen = _ui.version_seen(record.id, record.version)
_ui.show_flash()
st.caption(f"{record.reference} · {_ui.plain(record.applicant.name)} · {_ui.plain(record.address)}")
if st.button("Back to the case record", key="assessment_back"):
    st.switch_page("pages/case_record.py", query_params={"ref": record.reference})

others = [p for p in record.people if p.relation != "applicant" and p.left_on is None]
children = [p for p in others if p.relation == "child"]
lead = next(p for p in record.people if p.relation == "applicant")
start = _ui.run_service(lambda: cw.assessment_start(case_id=record.id, viewer_id=officer.id))
if start is None:
    st.stop()
was_applicant, was_housing = start.applicant, start.housing
was_s21, was_local, was_intent = start.housing["section_21"] or {}, start.local_connection, start.intentionality or {}
st.info(start.said)
names = {p.id: f"{p.name} ({codes.HOUSEHOLD_RELATIONS.label(p.relation)}, born {_ui.format_date(p.dob)})" for p in others}

with st.form("assessment_facts_form"):
    assessed_on = st.date_input("Assessment date", value=clock.today(), key="assessment_on", format="DD/MM/YYYY")
    st.markdown("**What the assessment must cover (s.189A(1))**")
    circumstances = st.text_area("Circumstances that caused the homelessness or threat",
                                 value=start.written.get("circumstances", ""), key="assessment_circumstances")
    housing_needs = st.text_area("Housing needs (what accommodation would be suitable)",
                                 value=start.written.get("housing_needs", ""), key="assessment_housing_needs")
    support_needs = st.text_area("Support needs of the applicant and household",
                                 value=start.written.get("support_needs", ""), key="assessment_support_needs")
    st.markdown("**For the statistics (H-CLIC)**")
    was = start.categories
    hclic_cols = st.columns(2)


    def _category(column, name: str, vocabulary: codes.Vocabulary, value: str | None):
        options = vocabulary.codes()
        return column.selectbox(categories.ASSESSMENT_LABELS[f"categories.{name}"], options,
                                index=options.index(value) if value in options else None,
                                key=f"assessment_{name}", placeholder="Choose", format_func=vocabulary.label)


    at_application = _category(hclic_cols[0], "accommodation_at_application", codes.ACCOMMODATION_TYPES,
                               was.accommodation_at_application)
    last_settled = _category(hclic_cols[1], "last_settled_accommodation", codes.ACCOMMODATION_TYPES,
                             was.last_settled_accommodation)
    reason_for_loss = _category(hclic_cols[0], "reason_for_loss", codes.LOSS_REASONS, was.reason_for_loss)
    employment = _category(hclic_cols[1], "employment", codes.EMPLOYMENT_STATUSES, was.employment)
    needs_chosen = st.multiselect(categories.ASSESSMENT_LABELS["categories.support_needs"],
                                  codes.SUPPORT_NEEDS.codes(), default=list(was.support_needs),
                                  key="assessment_support_need_codes", format_func=codes.SUPPORT_NEEDS.label,
                                  help="Every need that applies, each once; or 'No support needs', or 'Not known'.")
    left, right = st.columns(2)
    with left:
        st.markdown("**Applicant**")
        known = was_applicant.get("immigration_status")
        status = st.selectbox("Immigration status", IMMIGRATION_STATUSES, key="assessment_immigration",
                              index=IMMIGRATION_STATUSES.index(known) if known in IMMIGRATION_STATUSES else None,
                              placeholder="Choose the status", format_func=codes.IMMIGRATION_STATUSES.label)
        resident = st.checkbox("Habitually resident in the Common Travel Area", key="assessment_habitual",
                               value=was_applicant.get("habitually_resident", True))
        vulnerability = st.multiselect("Significantly more vulnerable than an ordinary person if homeless, because of",
                                       VULNERABILITIES, key="assessment_vulnerability", format_func=codes.VULNERABILITIES.label,
                                       default=[v for v in was_applicant.get("vulnerability") or [] if v in VULNERABILITIES])
        care_leaver = st.checkbox("Looked after at 16 or 17 (care leaver)", key="assessment_care_leaver",
                                  value=bool(was_applicant.get("care_leaver")))
        former_care = st.checkbox("Vulnerable as a result of having been looked after", key="assessment_former_care",
                                  value=bool(was_applicant.get("vulnerable_former_care")))
        forces = st.checkbox("Vulnerable as a former member of the armed forces", key="assessment_forces",
                             value=bool(was_applicant.get("vulnerable_armed_forces")))
        custody = st.checkbox("Vulnerable as a result of custody", key="assessment_custody",
                              value=bool(was_applicant.get("vulnerable_custody")))
        violence = st.checkbox("Vulnerable having left because of violence or threats", key="assessment_violence",
                               value=bool(was_applicant.get("vulnerable_violence")))
        student = st.checkbox(cw.FIELD_LABELS["facts.applicant.relevant_student"], key="assessment_student",
                              value=bool(was_applicant.get("relevant_student")))
        young = _ui.run_service(lambda: cw.asks_children_act(dob=lead.dob, on=assessed_on))
        relevant_child = owed_s20 = False
        if young:
            relevant_child = st.checkbox(cw.FIELD_LABELS["facts.applicant.relevant_child"],
                                         key="assessment_relevant_child",
                                         value=bool(was_applicant.get("relevant_child")))
            owed_s20 = st.checkbox(cw.FIELD_LABELS["facts.applicant.owed_s20_duty"], key="assessment_owed_s20",
                                   value=bool(was_applicant.get("owed_s20_duty")),
                                   help="Leave unticked where children's services assessed and owe no such duty.")
        babies = 1
        if lead.pregnant:
            babies = st.number_input(cw.FIELD_LABELS["facts.applicant.expected_babies"], 1, 9,
                                     int(was_applicant.get("expected_babies", 1)), key="assessment_babies")
        st.markdown("**Household**")
        dependents = st.multiselect("Dependent children", [p.id for p in children], default=[p.id for p in children],
                                    key="assessment_dependents", format_func=names.get)
        away = st.multiselect("Members who do not live with the applicant", [p.id for p in others],
                              key="assessment_away", format_func=names.get)
        member_facts = {}
        for p in others:
            was_member = start.members.get(p.id, {})
            st.markdown(f"*{_ui.plain(names[p.id])}*")
            member_facts[p.id] = {
                "vulnerability": st.multiselect(
                    cw.FIELD_LABELS["facts.household.vulnerability"] + ", because of", VULNERABILITIES,
                    key=_keys.assessment_member("vulnerability", p.id), format_func=codes.VULNERABILITIES.label,
                    default=[v for v in was_member.get("vulnerability", []) if v in VULNERABILITIES]),
                "needs_own_room": st.checkbox(cw.FIELD_LABELS["facts.household.needs_own_room"],
                                              key=_keys.assessment_member("needs_own_room", p.id),
                                              value=bool(was_member.get("needs_own_room"))),
                "local_connection_here": st.checkbox(cw.FIELD_LABELS["facts.household.local_connection_here"],
                                                     key=_keys.assessment_member("local_connection_here", p.id),
                                                     value=bool(was_member.get("local_connection_here"))),
                "expected_babies": int(st.number_input(
                    cw.FIELD_LABELS["facts.household.expected_babies"], 1, 9, int(was_member.get("expected_babies", 1)),
                    key=_keys.assessment_member("expected_babies", p.id))) if p.pregnant else 1,
            }
    with right:
        st.markdown("**Housing**")
        has_home = st.checkbox("Has accommodation they are entitled to occupy", key="assessment_has_home",
                               value=was_housing["has_accommodation"])
        reasonable = st.checkbox("Reasonable to continue to occupy", key="assessment_reasonable",
                                 value=was_housing["reasonable_to_occupy"],
                                 help="Your finding, also where a fire, flood or other disaster caused the "
                                      "homelessness or the threat of it: the emergency below is its cause and "
                                      "does not by itself make the home unreasonable to occupy.")
        lose_on = st.date_input("Likely to lose it on", value=was_housing["likely_to_lose_on"], key="assessment_lose_on",
                                format="DD/MM/YYYY")
        s21 = st.checkbox("Valid section 21 notice served", key="assessment_s21", value=bool(was_s21.get("valid")))
        s21_expires = st.date_input("Notice expires on", value=was_s21.get("expires_on"), key="assessment_s21_expires",
                                    format="DD/MM/YYYY")
        abuse = st.checkbox("Staying would probably lead to domestic abuse", key="assessment_abuse",
                            value=was_housing["domestic_abuse"])
        victims = codes.DOMESTIC_ABUSE_VICTIMS.codes()
        victim = st.selectbox(cw.FIELD_LABELS["facts.housing.domestic_abuse_victim"], victims,
                              key="assessment_abuse_victim", format_func=codes.DOMESTIC_ABUSE_VICTIMS.label,
                              index=victims.index(was_housing.get("domestic_abuse_victim") or "applicant"))
        carer = st.checkbox(cw.FIELD_LABELS["facts.housing.overnight_carer"], key="assessment_carer",
                            value=bool(was_housing.get("overnight_carer")))
        emergencies = ["", *EMERGENCIES]
        emergency = st.selectbox("Emergency (fire, flood, disaster)", emergencies, key="assessment_emergency",
                                 index=emergencies.index(was_housing["emergency"] or ""),
                                 format_func=lambda e: codes.EMERGENCIES.label(e) if e else "No")
        st.markdown("**Intentionality (s.191)**")
        consider = st.checkbox("The officer has considered intentionality", key="assessment_consider_intent",
                               value=start.intentionality is not None)
        deliberate = st.checkbox("Deliberate act or omission", key="assessment_deliberate",
                                 value=bool(was_intent.get("deliberate_act_or_omission")))
        good_faith = st.checkbox("In good faith unaware of a relevant fact", key="assessment_good_faith",
                                 value=bool(was_intent.get("good_faith_unaware")))
        available = st.checkbox("The lost accommodation was available and reasonable", key="assessment_available",
                                value=bool(was_intent.get("accommodation_available_and_reasonable")))
        caused = st.checkbox("The act caused the loss", key="assessment_caused", value=bool(was_intent.get("caused_loss")))
        acts = codes.WHOSE_ACTS.codes()
        whose = st.selectbox(cw.FIELD_LABELS["facts.intentionality.whose_act"], acts, key="assessment_whose_act",
                             index=acts.index(was_intent.get("whose_act") or "applicant"),
                             format_func=codes.WHOSE_ACTS.label)
        acquiesced = st.checkbox(cw.FIELD_LABELS["facts.intentionality.acquiesced"], key="assessment_acquiesced",
                                 value=bool(was_intent.get("acquiesced")),
                                 help="Read only where the act or omission was a member's.")
        collusive = st.checkbox(cw.FIELD_LABELS["facts.intentionality.collusive_arrangement"],
                                key="assessment_collusive", value=bool(was_intent.get("collusive_arrangement")))
        st.markdown("**Local connection (s.199)**")
        months = st.number_input("Months resident in the last 12", 0, 12, int(was_local.get("months_resident_last_12", 0)),
                                 key="assessment_months")
        years = st.number_input("Years resident in the last 5", 0, 5, int(was_local.get("years_resident_last_5", 0)),
                                key="assessment_years")
        employed = st.checkbox("Employed in the district", key="assessment_employed",
                               value=bool(was_local.get("employed_in_district")))
        family = st.checkbox("Close family here for 5 years or more", key="assessment_family",
                             value=bool(was_local.get("close_family_5_years")))
        special = st.checkbox("Special circumstances", key="assessment_special",
                              value=bool(was_local.get("special_circumstances")))
        elsewhere = st.checkbox("Connection with another district", key="assessment_elsewhere",
                                value=bool(was_local.get("connection_elsewhere")))
        risk = st.checkbox("Risk of abuse in that district", key="assessment_risk",
                           value=bool(was_local.get("risk_of_abuse_elsewhere")))
        care_here = st.checkbox(cw.FIELD_LABELS["facts.local_connection.care_leaver_here"],
                                key="assessment_care_leaver_here", value=bool(was_local.get("care_leaver_here")))
        asylum_here = st.checkbox(cw.FIELD_LABELS["facts.local_connection.asylum_support_here"],
                                  key="assessment_asylum_here", value=bool(was_local.get("asylum_support_here")))
        st.markdown("**Dates on the case**")
        if start.prevention_duty_started_on:
            st.caption(f"Prevention duty began on {_ui.format_date(start.prevention_duty_started_on)} "
                       "(from the case's duty record).")
        notified = start.decision_notified_on
        if notified:
            st.caption(f"Decision notified on {_ui.format_date(notified)} (from the letter issued on the case).")
        else:
            notified = st.date_input(cw.FIELD_LABELS["facts.history.decision_notified_on"],
                                     value=start.typed_history.get("decision_notified_on"),
                                     key="assessment_notified_on", format="DD/MM/YYYY",
                                     help="The day the applicant received the decision under review, or is "
                                          "treated as having received it; leave empty if none.")
        review_asked = st.date_input(cw.FIELD_LABELS["facts.history.review_requested_on"],
                                     value=start.typed_history.get("review_requested_on"),
                                     key="assessment_review_requested_on", format="DD/MM/YYYY")
    change_reason = ""
    if start.source == "triage":
        change_reason = st.text_area("Why the facts differ from triage (only if you changed an answer)",
                                     key="assessment_fact_change_reason", height=70)
    checked = st.form_submit_button("Check with the engine", type="primary")

housing = {"has_accommodation": has_home, "reasonable_to_occupy": reasonable, "domestic_abuse": abuse,
           "emergency": emergency or None, "likely_to_lose_on": lose_on,
           "section_21": {"valid": True, "expires_on": s21_expires} if s21 and s21_expires else None,
           "domestic_abuse_victim": victim, "overnight_carer": carer}
inputs = {
    "assessed_on": assessed_on,
    "applicant": {"immigration_status": status, "habitually_resident": resident, "vulnerability": vulnerability,
                  "care_leaver": care_leaver, "vulnerable_former_care": former_care,
                  "vulnerable_armed_forces": forces, "vulnerable_custody": custody, "vulnerable_violence": violence,
                  "relevant_student": student, "relevant_child": relevant_child, "owed_s20_duty": owed_s20,
                  "expected_babies": int(babies)},
    "housing": housing,
    "intentionality": {"deliberate_act_or_omission": deliberate, "good_faith_unaware": good_faith,
                       "accommodation_available_and_reasonable": available, "caused_loss": caused,
                       "whose_act": whose, "acquiesced": acquiesced, "collusive_arrangement": collusive}
    if consider else None,
    "local_connection": {"months_resident_last_12": int(months), "years_resident_last_5": int(years),
                         "employed_in_district": employed, "close_family_5_years": family,
                         "special_circumstances": special, "connection_elsewhere": elsewhere,
                         "risk_of_abuse_elsewhere": risk, "care_leaver_here": care_here,
                         "asylum_support_here": asylum_here},
    "dependent_person_ids": dependents, "away_person_ids": away, "member_facts": member_facts,
    "history": {"decision_notified_on": None if start.decision_notified_on else notified,
                "review_requested_on": review_asked},
}
previews = st.session_state.setdefault(_keys.ASSESSMENT_PREVIEW, {})
if checked:
    preview = _ui.run_service(lambda: cw.preview_assessment(case_id=record.id, viewer_id=officer.id, **inputs))
    if preview is not None:
        previews[record.id] = (inputs, preview)
        for field in cw.DECISION_FIELDS:  # each decision starts again from the engine's new answer
            st.session_state.pop(_keys.assessment_decision(field), None)
if record.id in previews and previews[record.id][0] != inputs:
    st.info("The facts have changed since the engine checked them: check again before saving.")
elif record.id in previews:
    _, preview = previews[record.id]
    d = preview.determination
    changed = cw.changed_from_triage(start, inputs["applicant"], inputs["housing"])
    if changed:
        st.warning("You have changed what triage recorded: " + "; ".join(cw.triage_changes_in_words(changed))
                   + ". Say why above; it is kept on the case.")
    st.subheader("The engine's determination and your decision")
    st.caption("Where you decide otherwise, say why: both are kept, and your reason goes in the decision letter.")
    decisions, reasons = {}, {}
    for field, label in cw.DECISION_FIELDS.items():
        engine_value = getattr(d, field)
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"**{label}** — engine: **{codes.FINDINGS[field].label(engine_value) if not isinstance(engine_value, bool) else ('Yes' if engine_value else 'No')}**")
            for reason in d.reasons_for(field):
                st.caption(f"{reason.text} _({reason.citation})_")
        with right:
            if isinstance(engine_value, bool):
                choice = st.radio("Your decision", ["Yes", "No"], index=0 if engine_value else 1, horizontal=True,
                                  key=_keys.assessment_decision(field))
                decisions[field] = choice == "Yes"
            else:
                choices = cw.HOMELESSNESS_CODES if field == "homelessness" else cw.DUTY_CODES
                decisions[field] = st.selectbox("Your decision", choices, index=choices.index(engine_value),
                                                key=_keys.assessment_decision(field),
                                                format_func=codes.FINDINGS[field].label)
            if decisions[field] != engine_value:
                reasons[field] = st.text_area("Why you decide otherwise", key=_keys.assessment_override(field),
                                              height=70)
    st.markdown("**The engine's other findings on these facts**")
    for _field, label, words, found_reasons in cw.engine_findings(d):
        st.markdown(f"{label}: **{words}**")
        for reason in found_reasons:
            st.caption(f"{reason.text} _({reason.citation})_")
    if st.button("Save assessment", key="assessment_save", type="primary"):
        saved = _ui.run_service(lambda: cw.record_assessment(
            case_id=record.id, expected_version=seen, officer_id=officer.id, circumstances=circumstances,
            housing_needs=housing_needs, support_needs=support_needs, decisions=decisions,
            override_reasons=reasons, fact_change_reason=change_reason,
            categories=categories.AssessmentCategories(at_application, last_settled, reason_for_loss,
                                                       tuple(needs_chosen), employment),
            **inputs), writes=True)
        if saved is not None:
            previews.pop(record.id, None)
            st.session_state[_keys.FLASH] = "Assessment saved."
            st.switch_page("pages/case_record.py", query_params={"ref": record.reference})

_ui.remember_version_seen(record.id, record.version)
