"""Read-only lists for homelessness casework: due and overdue dates, compliance problems, the
approvals queue, temporary accommodation in use and the reviews register (open s.202 reviews, and
review outcomes over time). No writes here.

Dates and flags are computed from the stored duty, assessment, plan and placement rows by the
pure rules of `logic.casework.stages` (with `logic.law.deadlines`), so a list and a case page
always agree.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlmodel import Session, func, select

from logic import clock
from logic.casework import stages
from logic.casework.placements import ASSISTANCE_KINDS, LEGAL_BASES, PLACEMENT_TYPES, basis_label
from logic.casework.service import family_of, policies, snapshots
from logic.common import codes
from logic.db import engine_for
from logic.letters.catalogue import LETTER_TYPES
from logic.models import HousingCase, Officer, Person
from logic.models.casework import (
    FinancialAssistance,
    HomelessnessAssessment,
    Part7Review,
    Part7ReviewDecision,
    Placement,
)

DUE_COLUMNS = ["reference", "applicant", "officer", "officer_id", "what", "due_on", "days_left",
               "status", "citation", "stage"]
FLAG_COLUMNS = ["reference", "applicant", "officer", "officer_id", "stage", "problem", "detail", "citation"]


def _open_homelessness_cases(session: Session, officer_id: int | None):
    """The open homelessness cases (one officer's, or the team's), and closed ones with a s.202
    review still to decide (its date and flag run on a closed case too), oldest id first, with
    their applicant's and officer's names: only the columns the lists and snapshots read, and the
    query of their ids, which the snapshots read in place of a list of thousands of ids."""
    review_open = select(Part7Review.case_id).where(
        ~(Part7Review.in_time.is_(False) & Part7Review.late_accepted.is_(False)),
        Part7Review.id.not_in(select(Part7ReviewDecision.review_id)))
    among = select(HousingCase.id).where(HousingCase.case_type == "homelessness",
                                         (HousingCase.status == "open") | HousingCase.id.in_(review_open))
    if officer_id is not None:
        among = among.where(HousingCase.assigned_officer_id == officer_id)
    cases = session.exec(
        select(HousingCase.id, HousingCase.reference, HousingCase.stage, HousingCase.status, HousingCase.opened_at,
               HousingCase.household_id, HousingCase.assigned_officer_id, Officer.full_name.label("officer_name"))
        .outerjoin(Officer, Officer.id == HousingCase.assigned_officer_id)
        .where(HousingCase.id.in_(among)).order_by(HousingCase.id)).all()
    applicants = {p.household_id: f"{p.given_name} {p.family_name}" for p in session.exec(
        select(Person.household_id, Person.given_name, Person.family_name)
        .where(Person.relation == "applicant",
               Person.household_id.in_(select(HousingCase.household_id).where(HousingCase.id.in_(among))))
        .order_by(Person.id)).all()}
    return cases, applicants, among


def _labels(session: Session, cases: list[HousingCase]) -> tuple[dict[int, str], dict[int, str]]:
    names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
    households = {c.household_id for c in cases}
    applicants = {}
    if households:
        for p in session.exec(select(Person).where(Person.household_id.in_(households),
                                                   Person.relation == "applicant")).all():
            applicants[p.household_id] = f"{p.given_name} {p.family_name}"
    return names, applicants


def due_and_overdue(*, today: date, officer_id: int | None = None, within_days: int = 14) -> pd.DataFrame:
    """Dates due within ``within_days`` or already passed, on open homelessness cases (and closed
    ones with a review to decide; one officer's, or the team's), most urgent first. The rules run once a case, on its own rows
    (snapshots group each table's rows by case once)."""
    law, casework = policies(today)
    rows = []
    with Session(engine_for()) as session:
        cases, applicants, among = _open_homelessness_cases(session, officer_id)
        snaps = snapshots(session, cases, today, among=among)
        for case in cases:
            for item in stages.deadlines_for(snaps[case.id], today, law, casework):
                status = stages.due_status(item, today)
                if (item.due_on - today).days > within_days and status != "warning":
                    continue
                rows.append({
                    "reference": case.reference, "applicant": applicants.get(case.household_id, ""),
                    "officer": case.officer_name or "Unallocated",
                    "officer_id": case.assigned_officer_id, "what": item.what, "due_on": item.due_on,
                    "days_left": (item.due_on - today).days, "status": status, "citation": item.citation,
                    "stage": stages.STAGE_LABELS.get(case.stage, case.stage),
                })
    frame = pd.DataFrame(rows, columns=DUE_COLUMNS)
    return frame.sort_values(["days_left", "reference"]).reset_index(drop=True)


def falling_due_within(dates: pd.DataFrame, within_days: int, officer_id: int | None = None) -> pd.DataFrame:
    """The rows of a wider `due_and_overdue` frame that `due_and_overdue(within_days=...)` gives
    for fewer days (a warning whatever its date), on one officer's cases or anyone's: so a
    screen works the team's dates out once a day and narrows them as the officer asks."""
    keep = (dates["days_left"] <= within_days) | (dates["status"] == "warning")
    if officer_id is not None:
        keep &= dates["officer_id"] == officer_id
    return dates[keep].reset_index(drop=True)


def compliance_problems(*, today: date, officer_id: int | None = None) -> pd.DataFrame:
    """Every open homelessness case (or closed one with a review to decide) with something the
    Ombudsman would find, one row a problem."""
    law, casework = policies(today)
    rows = []
    with Session(engine_for()) as session:
        cases, applicants, among = _open_homelessness_cases(session, officer_id)
        snaps = snapshots(session, cases, today, among=among)
        for case in cases:
            for flag in stages.compliance_flags(snaps[case.id], today, law, casework):
                rows.append({
                    "reference": case.reference, "applicant": applicants.get(case.household_id, ""),
                    "officer": case.officer_name or "Unallocated",
                    "officer_id": case.assigned_officer_id,
                    "stage": stages.STAGE_LABELS.get(case.stage, case.stage),
                    "problem": stages.FLAG_TITLES[flag.code], "detail": flag.text, "citation": flag.citation,
                })
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


def _basis(snap, stage: str, basis: str | None) -> dict:
    """The approval screen's answer to "do the case's findings support this placement?"."""
    if basis not in LEGAL_BASES:
        return {"basis_verdict": "not recorded", "basis_check": "The duty or power was not recorded with this request."}
    check = stages.placement_basis_check(snap.assessment, stage, basis)
    return {"basis_verdict": "supported" if check.supported else "not supported", "basis_check": check.text}


def approvals_queue(*, today: date | None = None) -> pd.DataFrame:
    """Placements and payments waiting for a senior officer's decision, oldest first."""
    rows = []
    with Session(engine_for()) as session:
        placements = session.exec(select(Placement).where(Placement.status == "requested")).all()
        money = session.exec(select(FinancialAssistance).where(FinancialAssistance.status == "requested")).all()
        case_ids = {p.case_id for p in placements} | {m.case_id for m in money}
        cases = {c.id: c for c in session.exec(select(HousingCase).where(HousingCase.id.in_(case_ids))).all()} \
            if case_ids else {}
        names, applicants = _labels(session, list(cases.values()))
        snaps = snapshots(session, list(cases.values()), today or clock.today())
        for p in placements:
            case = cases[p.case_id]
            rows.append({
                "kind": "placement", "id": p.id, "reference": case.reference, "case_version": case.version,
                "applicant": applicants.get(case.household_id, ""),
                "what": f"{PLACEMENT_TYPES.get(p.placement_type, p.placement_type)} at {p.address}",
                "amount": f"£{p.cost_per_night_pence / 100:,.2f} a night from {p.starts_on:%d %b %Y}",
                "family": snaps[case.id].family, "check": (
                    "Family: B&B for emergencies only, six weeks at most (Suitability Order 2003 art.4)"
                    if p.placement_type == "bed_and_breakfast" and snaps[case.id].family else ""),
                "check_passed": False,
                "reason": p.request_reason, "requested_by": names.get(p.requested_by_id, "?"),
                "requested_by_id": p.requested_by_id, "requested_at": p.requested_at,
                "basis": basis_label(p.legal_basis), **_basis(snaps[case.id], case.stage, p.legal_basis),
            })
        for m in money:
            case = cases[m.case_id]
            rows.append({
                "kind": "financial_assistance", "id": m.id, "reference": case.reference,
                "case_version": case.version, "applicant": applicants.get(case.household_id, ""),
                "what": f"{ASSISTANCE_KINDS.get(m.kind, m.kind)} for {m.property_address}",
                "amount": f"£{m.amount_pence / 100:,.2f} (rent £{m.monthly_rent_pence / 100:,.2f} a month)",
                "family": snaps[case.id].family,
                "check": f"Rent is {m.rent_share_percent}% of income: "
                         + ("affordable" if m.affordability == "affordable" else "record a budget check"),
                "check_passed": m.affordability == "affordable",
                "reason": m.request_reason, "requested_by": names.get(m.requested_by_id, "?"),
                "requested_by_id": m.requested_by_id, "requested_at": m.requested_at,
                "basis": "", "basis_verdict": "", "basis_check": "",
            })
    frame = pd.DataFrame(rows, columns=["kind", "id", "reference", "case_version", "applicant", "what", "amount",
                                        "family", "check", "check_passed", "reason", "requested_by", "requested_by_id",
                                        "requested_at", "basis", "basis_verdict", "basis_check"])
    return frame.sort_values("requested_at").reset_index(drop=True)


def _in_use(today: date, placement_type: str | None, officer_id: int | None) -> list:
    """The conditions of a placement in use today (of one type, on one officer's cases)."""
    where = [Placement.status == "approved", Placement.starts_on <= today,
             (Placement.ended_on.is_(None)) | (Placement.ended_on >= today)]
    if placement_type:
        where.append(Placement.placement_type == placement_type)
    if officer_id is not None:
        where.append(HousingCase.assigned_officer_id == officer_id)
    return where


def placements_in_use_count(*, today: date, placement_type: str | None = None,
                            officer_id: int | None = None) -> int:
    """How many placements `placements_in_use` lists with these filters, counted by the store."""
    with Session(engine_for()) as session:
        return session.exec(select(func.count(Placement.id))
                            .join(HousingCase, HousingCase.id == Placement.case_id)
                            .where(*_in_use(today, placement_type, officer_id))).one()


def placements_in_use(*, today: date, placement_type: str | None = None, officer_id: int | None = None,
                      limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Temporary accommodation in use today (of one type, on one officer's cases), with the
    B&B limit for families: every placement, or the `limit` from `offset` (a page).

    Read for the placements listed only: the placements with their case, officer and applicant
    in one query (the store pages them); then, for those cases alone, the latest assessment's
    facts and the household (is it a family?) and the B&B nights already spent (the six weeks
    are in aggregate). The limit is `stages.bnb_limit_for` on a snapshot holding just those rows."""
    law, casework = policies(today)
    rows = []
    with Session(engine_for()) as session:
        listed = (
            select(Placement.id, Placement.case_id, Placement.placement_type, Placement.address,
                   Placement.starts_on, Placement.status, Placement.ended_on,
                   Placement.cost_per_night_pence, HousingCase.reference, HousingCase.stage,
                   HousingCase.status, HousingCase.opened_at, HousingCase.household_id,
                   Officer.full_name)
            .join(HousingCase, HousingCase.id == Placement.case_id)
            .outerjoin(Officer, Officer.id == HousingCase.assigned_officer_id)
            .where(*_in_use(today, placement_type, officer_id))
            .order_by(Placement.id))
        if limit is not None:
            listed = listed.limit(max(1, limit)).offset(max(0, offset))
        found = session.exec(listed).all()
        case_ids = sorted({r.case_id for r in found})
        households = sorted({r.household_id for r in found})
        latest: dict[int, object] = {}  # case id -> its latest assessment's facts (a row)
        people: dict[int, list] = {}  # household id -> its people (rows with Person's columns)
        bnb: dict[int, list[stages.PlacementState]] = {}
        if found:
            for a in session.exec(select(HomelessnessAssessment.case_id, HomelessnessAssessment.facts_json)
                    .where(HomelessnessAssessment.case_id.in_(case_ids))
                    .order_by(HomelessnessAssessment.assessed_on, HomelessnessAssessment.id)):
                latest[a.case_id] = a  # the last one read is the latest
            for p in session.exec(select(Person.household_id, Person.relation, Person.given_name,
                                         Person.family_name, Person.dob, Person.pregnant, Person.left_on)
                                  .where(Person.household_id.in_(households)).order_by(Person.id)):
                people.setdefault(p.household_id, []).append(p)
            for p in session.exec(select(Placement.id, Placement.case_id, Placement.placement_type,
                                         Placement.starts_on, Placement.status, Placement.ended_on,
                                         Placement.address)
                                  .where(Placement.case_id.in_(case_ids),
                                         Placement.placement_type == "bed_and_breakfast")
                                  .order_by(Placement.starts_on, Placement.id)):
                bnb.setdefault(p.case_id, []).append(stages.PlacementState(
                    p.id, p.placement_type, p.starts_on, p.status, p.ended_on, p.address))
        applicants = {h: next((f"{p.given_name} {p.family_name}" for p in members
                               if p.relation == "applicant"), "") for h, members in people.items()}
        families = {c: family_of(latest.get(c), people.get(h, []), today, law)
                    for c, h in {(r.case_id, r.household_id) for r in found}}
        for r in found:
            limit = None
            if r.placement_type == "bed_and_breakfast" and families[r.case_id]:
                snap = stages.CaseSnapshot(
                    case_id=r.case_id, reference=r.reference, stage=r.stage, status=r.status,
                    opened_on=r.opened_at.date(), placements=tuple(bnb.get(r.case_id, ())),
                    family=True)
                state = next(s for s in snap.placements if s.id == r.id)
                limit = stages.bnb_limit_for(snap, state, law).on
            rows.append({
                "reference": r.reference, "applicant": applicants.get(r.household_id, ""),
                "officer": r.full_name or "Unallocated",
                "type": PLACEMENT_TYPES.get(r.placement_type, r.placement_type), "address": r.address,
                "since": r.starts_on, "nights": (today - r.starts_on).days,
                "cost_per_night": r.cost_per_night_pence / 100, "family": families[r.case_id],
                "bnb_limit": limit,
                "bnb_status": "" if limit is None else (
                    "over the limit" if limit < today else
                    "warning" if (limit - today).days <= casework.bnb_warning_days else "within the limit"),
            })
    return pd.DataFrame(rows, columns=["reference", "applicant", "officer", "type", "address", "since", "nights",
                                       "cost_per_night", "family", "bnb_limit", "bnb_status"])


# --- the reviews register (s.202 reviews, for seniors and managers) --------------------------------

REVIEW_COLUMNS = ["reference", "applicant", "decision", "ground", "requested_on", "reviewer", "reviewer_id",
                  "due_on", "days_left", "status", "citation"]
OUTCOME_COLUMNS = ["period", "period_label", "decision_type", "decided", "upheld", "varied", "overturned",
                   "withdrawn", "upheld_rate", "varied_rate", "overturned_rate"]
NO_LETTER = "Decision with no letter on file"
NOT_ASSIGNED = "Not assigned"
# the decision a review may end in, as the register counts them (a withdrawal is not a decision)
DECIDING_OUTCOMES = ("upheld", "varied", "overturned")
PERIODS = {"quarter": "Quarter", "month": "Month"}


def _in_days(days: int) -> str:
    if days < 0:
        return f"Late by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "Due today"
    return f"Due in {days} day{'s' if days != 1 else ''}"


def open_reviews(*, today: date) -> pd.DataFrame:
    """Every s.202 review not yet decided (a late request refused is no review), on any case,
    late ones first, then by the day the decision is due and the reviewer. The store reads only
    the cases with an undecided review (one query a table, `service.snapshots`), and the due day
    is the one the case record and Dates due show (`stages.review_decision_due`, reg 9(1))."""
    _, casework = policies(today)
    rows = []
    with Session(engine_for()) as session:
        among = select(Part7Review.case_id).where(
            Part7Review.id.not_in(select(Part7ReviewDecision.review_id)),
            sa.or_(Part7Review.in_time, Part7Review.late_accepted.is_not(False)))
        cases = session.exec(
            select(HousingCase.id, HousingCase.reference, HousingCase.stage, HousingCase.status,
                   HousingCase.opened_at, HousingCase.household_id)
            .where(HousingCase.id.in_(among)).order_by(HousingCase.id)).all()
        if not cases:
            return pd.DataFrame(columns=REVIEW_COLUMNS)
        names = {o.id: o.full_name for o in session.exec(select(Officer.id, Officer.full_name)).all()}
        applicants = {p.household_id: f"{p.given_name} {p.family_name}" for p in session.exec(
            select(Person.household_id, Person.given_name, Person.family_name)
            .where(Person.relation == "applicant",
                   Person.household_id.in_(select(HousingCase.household_id).where(HousingCase.id.in_(among))))
            .order_by(Person.id)).all()}
        snaps = snapshots(session, cases, today, among=among)
        for case in cases:
            for review in snaps[case.id].part7_reviews:
                if not review.open:
                    continue
                due, citation = stages.review_decision_due(review, casework)
                days = (due - today).days
                rows.append({
                    "reference": case.reference, "applicant": applicants.get(case.household_id, ""),
                    "decision": review.decision, "ground": codes.S202_GROUNDS.label(review.ground),
                    "requested_on": review.requested_on,
                    "reviewer": names.get(review.reviewer_id, NOT_ASSIGNED) if review.reviewer_id else NOT_ASSIGNED,
                    "reviewer_id": review.reviewer_id, "due_on": due, "days_left": days,
                    "status": _in_days(days), "citation": citation})
    frame = pd.DataFrame(rows, columns=REVIEW_COLUMNS)
    frame["late"] = frame["days_left"] < 0
    frame = frame.sort_values(["late", "due_on", "reviewer", "reference"], ascending=[False, True, True, True])
    return frame.drop(columns="late").reset_index(drop=True)


def _period_label(day: date, period: str) -> str:
    if period == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    return day.strftime("%b %Y")


def review_outcomes(*, start: date, end: date, period: str = "quarter") -> pd.DataFrame:
    """Review decisions made from `start` to `end`, by quarter or month and by the decision
    reviewed (the letter type that notified it): how many were decided, how many upheld, varied
    or overturned, and each as a share (per cent) of those decided; withdrawals by the applicant
    are counted apart. Counted in the store (one grouped query)."""
    if period not in PERIODS:
        raise ValueError(f"period is one of {', '.join(PERIODS)}")
    D, R = Part7ReviewDecision, Part7Review
    # the unit as a literal (one of PERIODS): a bound parameter would make PostgreSQL see the
    # selected and the grouped expressions as different
    unit = sa.literal_column(f"'{period}'")
    bucket = sa.func.date_trunc(unit, sa.cast(D.decided_on, sa.TIMESTAMP)).label("period")
    query = (select(bucket, R.decision_type, D.outcome, sa.func.count().label("reviews"))
             .join(R, R.id == D.review_id)
             .where(D.decided_on >= start, D.decided_on <= end)
             .group_by(bucket, R.decision_type, D.outcome))
    with engine_for().connect() as connection:
        counted = pd.DataFrame(connection.execute(query).mappings().all(),
                               columns=["period", "decision_type", "outcome", "reviews"])
    if counted.empty:
        return pd.DataFrame(columns=OUTCOME_COLUMNS)
    counted["period"] = pd.to_datetime(counted["period"]).dt.date
    counted["decision_type"] = [LETTER_TYPES[t].label if t in LETTER_TYPES else (t or NO_LETTER)
                                for t in counted["decision_type"]]
    table = counted.pivot_table(index=["period", "decision_type"], columns="outcome", values="reviews",
                                aggfunc="sum", fill_value=0)
    for outcome in (*DECIDING_OUTCOMES, "withdrawn"):
        if outcome not in table.columns:
            table[outcome] = 0
    table = table.reset_index()
    table["decided"] = table[list(DECIDING_OUTCOMES)].sum(axis=1)
    for outcome in DECIDING_OUTCOMES:
        share = table[outcome] / table["decided"].where(table["decided"] > 0) * 100
        table[f"{outcome}_rate"] = share.round(1)
    table["period_label"] = [_period_label(p, period) for p in table["period"]]
    for column in (*DECIDING_OUTCOMES, "withdrawn", "decided"):
        table[column] = table[column].astype(int)
    return table[OUTCOME_COLUMNS].sort_values(["period", "decision_type"]).reset_index(drop=True)
