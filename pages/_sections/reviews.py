"""The "Reviews and appeals" part of a homelessness case record: each s.202 review asked on the
case, its steps and decision, the s.204 appeal; forms to ask a review against a decision letter,
assign the reviewer, give a minded-to notice, record representations, a longer period, the
decision and an appeal. Every form calls one service and shows its refusal as it is.
"""

from __future__ import annotations

import streamlit as st

from logic import clock
from logic.casework import reviews
from logic.common import codes
from pages import _keys, _ui

NO_LETTER = 0  # the request challenges a decision with no letter on file
LATE_CHOICES = {"": "The request is in time", "accept": "Late: the council accepts it",
                "refuse": "Late: the council refuses it"}


def render_reviews_section(record, officer, seen: int) -> None:
    found = _ui.run_service(lambda: reviews.reviews_for_case(case_id=record.id, viewer_id=officer.id))
    if found is None:
        return
    if not found:
        st.info("No review has been asked on this case (s.202).")
    for review in found:
        with st.container(border=True):
            _review(review, officer, seen)
    _request_form(record, officer, seen)


def _review(review, officer, seen: int) -> None:
    d = _ui.format_date
    st.markdown(f"**Review of \"{_ui.plain(review.decision)}\"** · {review.status}")
    timing = ("in time" if review.in_time else
              "late, accepted by the council" if review.late_accepted else "late, refused by the council")
    st.caption(f"{_ui.plain(review.ground)}. Asked on {d(review.requested_on)}; the decision was notified on "
               f"{d(review.notified_on)}; the last day to ask was {d(review.request_deadline)}: {timing}."
               + (f" Why: {_ui.plain(review.late_reason)}" if review.late_reason else ""))
    if review.decision_due is not None:
        st.caption(f"Decision due by **{d(review.decision_due)}** ({review.decision_due_citation}).")
    st.caption(f"Reviewer: {_ui.plain(review.reviewer)}" if review.reviewer else "No reviewer assigned yet.")
    for notified_on, by, points in review.minded_to:
        st.markdown(f"- Minded-to notice {d(notified_on)}, representations by {d(by)}: {_ui.plain(points)}")
    for received_on, how, summary in review.representations:
        st.markdown(f"- Representations {how.lower()} ({d(received_on)})" + (f": {_ui.plain(summary)}" if summary else ""))
    for agreed_on, decide_by in review.extensions:
        st.markdown(f"- Longer period agreed in writing on {d(agreed_on)}: decision by {d(decide_by)}")
    if review.decided_on is not None:
        st.markdown(f"**Decision {d(review.decided_on)}** ({_ui.plain(review.decided_by)}): {review.outcome}. "
                    f"{_ui.plain(review.reasons)}")
        if review.appeal_by is not None and not review.appeals:
            st.caption(f"An appeal to the county court on a point of law may be brought by {d(review.appeal_by)} "
                       "(s.204(2)).")
    for appeal in review.appeals:
        timing = ("in time" if appeal.in_time else
                  "late, with the court's permission" if appeal.late_permission else "late, without permission")
        st.markdown(f"- Appeal lodged {d(appeal.lodged_on)} ({timing})"
                    + (f"; decided {d(appeal.decided_on)}: {_ui.plain(appeal.outcome)}" if appeal.outcome else ""))
    if review.open and reviews.may_decide_part7_review(officer):
        _assign_form(review, officer, seen)
    if reviews.may_act_as_reviewer(officer, review):
        _reviewer_forms(review, officer, seen)
    if review.appeal_by is not None:
        _appeal_forms(review, officer, seen)


def _assign_form(review, officer, seen: int) -> None:
    key = lambda name: _keys.review_widget(review.id, name)  # noqa: E731
    choices = _ui.run_service(lambda: reviews.reviewer_choices(review_id=review.id, viewer_id=officer.id)) or {}
    with st.form(key("assign_form")):
        st.markdown("**Assign the reviewer** (senior to the decision-maker, not involved in the decision)")
        reviewer_id = st.selectbox("Reviewer", list(choices), key=key("reviewer"), format_func=choices.get,
                                   index=None, placeholder="Choose the reviewer")
        assigned_on = st.date_input("Assigned on", value=clock.today(), key=key("assigned_on"), format="DD/MM/YYYY")
        if st.form_submit_button("Assign"):
            _ui.run_service(lambda: reviews.assign_reviewer(
                review_id=review.id, expected_version=seen, officer_id=officer.id, reviewer_id=reviewer_id,
                assigned_on=assigned_on), success="Reviewer assigned.", rerun=True)


def _reviewer_forms(review, officer, seen: int) -> None:
    key = lambda name: _keys.review_widget(review.id, name)  # noqa: E731
    with st.expander("Minded to decide against the applicant (reg 7(2))"), st.form(key("minded_to_form")):
        notified_on = st.date_input("Told the applicant on", value=clock.today(), key=key("minded_to_on"),
                                    format="DD/MM/YYYY")
        points = st.text_area("What the reviewer is minded to decide, and why", key=key("points"), height=80)
        if st.form_submit_button("Record the minded-to notice"):
            _ui.run_service(lambda: reviews.give_minded_to_notice(
                review_id=review.id, expected_version=seen, officer_id=officer.id, notified_on=notified_on,
                points=points), success="Minded-to notice recorded.", rerun=True,
                clear_keys=(key("points"),))
    with st.expander("Representations"), st.form(key("representations_form")):
        kind = st.selectbox("Representations", codes.REPRESENTATION_KINDS.codes(), key=key("kind"),
                            format_func=codes.REPRESENTATION_KINDS.label)
        received_on = st.date_input("Representations received on (or none by)", value=clock.today(),
                                    key=key("received_on"), format="DD/MM/YYYY")
        summary = st.text_area("What the applicant said", key=key("summary"), height=80)
        if st.form_submit_button("Record representations"):
            _ui.run_service(lambda: reviews.record_representations(
                review_id=review.id, expected_version=seen, officer_id=officer.id, received_on=received_on,
                kind=kind, summary=summary), success="Representations recorded.", rerun=True,
                clear_keys=(key("summary"),))
    with st.expander("A longer period agreed in writing (reg 9(1))"), st.form(key("extension_form")):
        agreed_on = st.date_input("Longer period agreed in writing on", value=clock.today(),
                                  key=key("agreed_on"), format="DD/MM/YYYY")
        decide_by = st.date_input("Decision now due by", value=None, key=key("decide_by"), format="DD/MM/YYYY")
        if st.form_submit_button("Record the longer period"):
            _ui.run_service(lambda: reviews.record_extension(
                review_id=review.id, expected_version=seen, officer_id=officer.id, agreed_on=agreed_on,
                decide_by=decide_by), success="Longer period recorded.", rerun=True)
    with st.form(key("decision_form")):
        st.markdown("**The review decision** (s.203)")
        outcome = st.selectbox("Review decision", codes.PART7_REVIEW_OUTCOMES.codes(), key=key("outcome"),
                               format_func=codes.PART7_REVIEW_OUTCOMES.label, index=None,
                               placeholder="Choose the decision")
        reopens = st.checkbox("The varied decision means a duty is owed (the case follows it)", key=key("reopens"))
        decided_on = st.date_input("Decided on", value=clock.today(), key=key("decided_on"), format="DD/MM/YYYY")
        reasons = st.text_area("Reasons for the review decision", key=key("reasons"), height=100)
        if st.form_submit_button("Record the decision", type="primary"):
            _ui.run_service(lambda: reviews.decide_review(
                review_id=review.id, expected_version=seen, officer_id=officer.id, outcome=outcome, reasons=reasons,
                decided_on=decided_on, reopens_duty=True if outcome == "varied" and reopens else None),
                success="Review decision recorded.", rerun=True, clear_keys=(key("reasons"),))


def _appeal_forms(review, officer, seen: int) -> None:
    key = lambda name: _keys.review_widget(review.id, name)  # noqa: E731
    if not review.appeals:
        with st.expander("Appeal to the county court (s.204)"), st.form(key("appeal_form")):
            lodged_on = st.date_input("Appeal lodged on", value=clock.today(), key=key("lodged_on"),
                                      format="DD/MM/YYYY")
            permission = st.selectbox("Court's permission for a late appeal (s.204(2A))", ["", "yes", "no"],
                                      key=key("permission"),
                                      format_func={"": "Not needed (lodged in time)", "yes": "Given",
                                                   "no": "Refused"}.get)
            note = st.text_input("What the court decided on permission", key=key("permission_note"))
            if st.form_submit_button("Record the appeal"):
                _ui.run_service(lambda: reviews.record_appeal(
                    review_id=review.id, expected_version=seen, officer_id=officer.id, lodged_on=lodged_on,
                    late_permission={"yes": True, "no": False}.get(permission), permission_note=note),
                    success="Appeal recorded.", rerun=True)
        return
    appeal = review.appeals[-1]
    if appeal.outcome is None:
        with st.form(key("appeal_outcome_form")):
            outcome = st.selectbox("Court's decision", codes.APPEAL_OUTCOMES.codes(), key=key("appeal_outcome"),
                                   format_func=codes.APPEAL_OUTCOMES.label)
            decided_on = st.date_input("Court decided on", value=clock.today(), key=key("appeal_decided_on"),
                                       format="DD/MM/YYYY")
            if st.form_submit_button("Record the court's decision"):
                _ui.run_service(lambda: reviews.record_appeal_outcome(
                    appeal_id=appeal.id, expected_version=seen, officer_id=officer.id, outcome=outcome,
                    decided_on=decided_on), success="Appeal outcome recorded.", rerun=True)


def _request_form(record, officer, seen: int) -> None:
    decisions = _ui.run_service(lambda: reviews.reviewable_decisions(case_id=record.id, viewer_id=officer.id))
    if decisions is None:
        return
    labels = {x.letter_id: f"{x.title} ({_ui.format_date(x.notified_on)}; ask by {_ui.format_date(x.request_by)})"
              for x in decisions}
    labels[NO_LETTER] = "A decision with no letter on file"
    with st.form(_keys.REVIEW_REQUEST_FORM):
        st.markdown("**The applicant asks for a review (s.202)**")
        letter_id = st.selectbox("Decision challenged (its letter)", list(labels), key=_keys.REVIEW_LETTER,
                                 format_func=labels.get)
        ground = st.selectbox("What the review is about (s.202(1))", codes.S202_GROUNDS.codes(),
                              key=_keys.REVIEW_GROUND, format_func=codes.S202_GROUNDS.cited, index=None,
                              placeholder="Choose the ground")
        requested_on = st.date_input("Review requested on", value=clock.today(), key=_keys.REVIEW_REQUESTED_ON,
                                     format="DD/MM/YYYY")
        decision_on = st.date_input("Date of the decision (no letter on file)", value=None,
                                    key=_keys.REVIEW_DECISION_ON, format="DD/MM/YYYY")
        summary = st.text_input("The decision (no letter on file)", key=_keys.REVIEW_DECISION_SUMMARY)
        late = st.selectbox("Late request: the council's decision", list(LATE_CHOICES), key=_keys.REVIEW_LATE,
                            format_func=LATE_CHOICES.get)
        late_reason = st.text_area("Why the late request is accepted or refused", key=_keys.REVIEW_LATE_REASON,
                                   height=68)
        if st.form_submit_button("Record the request"):
            _ui.run_service(lambda: reviews.request_review(
                case_id=record.id, expected_version=seen, officer_id=officer.id,
                letter_id=letter_id or None, ground=ground, requested_on=requested_on,
                decision_on=decision_on, decision_summary=summary,
                late_accepted={"accept": True, "refuse": False}.get(late), late_reason=late_reason),
                success="Review request recorded.", rerun=True,
                clear_keys=(_keys.REVIEW_LATE_REASON, _keys.REVIEW_DECISION_SUMMARY))
