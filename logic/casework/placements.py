"""Temporary accommodation (s.188, s.190(2), s.193(2)), belongings in storage (s.211) and
financial assistance to secure a private rented tenancy.

A placement and a payment take effect only once a senior officer approves them (the roles are
in the council's casework policy); the approver is never the officer who asked. A family's
bed-and-breakfast placement is checked against the six weeks of the Suitability Order 2003
art.4 when it is asked for, and warned about before the limit (see logic.casework.stages).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, select

from logic import clock
from logic.casework import stages
from logic.casework.service import (
    FIELD_LABELS,
    check_date,
    clean_text,
    homelessness_case_for,
    policies,
    require_open,
    snapshot,
)
from logic.common import codes
from logic.common.errors import FieldError, NotFound, PermissionDenied
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import claim_case_version, record_audit, record_case_event
from logic.db import session_scope
from logic.law.core import long_date
from logic.models import HousingCase, Officer, utc_now
from logic.models.casework import BelongingsStorage, FinancialAssistance, Placement

PLACEMENT_TYPES = codes.PLACEMENT_TYPES.options()
# Interim accommodation while the case is decided or relief runs (s.188(1)), and after
# relief while the decision is made (s.188(1ZA)); then s.190(2)(a) or s.193(2).
PLACEMENT_STAGES = (stages.ASSESSMENT, stages.RELIEF, stages.MAIN_DUTY_DECISION, stages.MAIN_DUTY,
                    stages.INTENTIONAL_PRIORITY)
ASSISTANCE_KINDS = codes.ASSISTANCE_KINDS.options()
# Securing a tenancy is a reasonable step under the prevention or relief duty, or ends the
# main / s.190(2) duty with a private rented sector offer.
ASSISTANCE_STAGES = (stages.PREVENTION, stages.RELIEF, stages.MAIN_DUTY, stages.INTENTIONAL_PRIORITY)
MAX_NIGHTLY_POUNDS = Decimal(1000)
MAX_ASSISTANCE_POUNDS = Decimal(20000)


def pence(value, field: str, *, maximum: Decimal | None = None) -> int:
    """Pounds (as typed) to whole pence; refuses nothing, negative, or silly amounts."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise FieldError(field, "give an amount in pounds, such as 45.50", FIELD_LABELS) from None
    if not amount.is_finite() or amount <= 0:
        raise FieldError(field, "must be more than £0", FIELD_LABELS)
    if maximum is not None and amount > maximum:
        raise FieldError(field, f"more than £{maximum:,.0f}: check the amount", FIELD_LABELS)
    if amount != amount.quantize(Decimal("0.01")):
        raise FieldError(field, "give pounds and pence, no fractions of a penny", FIELD_LABELS)
    return int(amount * 100)


def may_decide_request(officer: Actor, *, kind: str, requested_by_id: int | None,
                       on: date) -> Permission:
    """Whether `officer` may approve or refuse a placement (`kind` "placement") or a payment
    ("financial_assistance"): the approving roles are the scheme of delegation's
    (casework.toml as at `on`), and nobody decides their own request (a second pair of eyes)."""
    _, casework = policies(on)
    if kind == "placement":
        roles, what = casework.placement_approval_roles, "a placement"
        own = "You asked for this placement, so another senior officer must decide it."
    else:
        roles, what = casework.financial_approval_roles, "financial assistance"
        own = "You made this request, so another senior officer must decide it."
    if officer.role not in roles:
        return refused(f"Only a {' or '.join(roles)} officer can approve or refuse {what}.")
    if requested_by_id == officer.id:
        return refused(own)
    return allowed(f"A {' or '.join(roles)} officer who did not ask for it decides {what}.")


def _approver(session, officer_id: int, case_id: int, roles: tuple[str, ...], what: str):
    officer, case = homelessness_case_for(session, officer_id, case_id)
    if officer.role not in roles:
        raise PermissionDenied(f"Only a {' or '.join(roles)} officer can approve or refuse {what}.")
    return officer, case


# --- placements ---------------------------------------------------------------------------------


LEGAL_BASES = codes.TA_LEGAL_BASES.options()
# An approval the case's findings do not support needs a reason that says why (this long at least)
UNSUPPORTED_REASON_MIN = 20


def basis_label(code: str | None) -> str:
    """The officer's words for a placement's legal basis, cited; older rows have none."""
    return codes.TA_LEGAL_BASES.cited(code) if code in codes.TA_LEGAL_BASES else codes.TA_BASIS_NOT_RECORDED


def request_placement(*, case_id: int, expected_version: int, officer_id: int, placement_type: str,
                      address: str, cost_per_night, starts_on: date, reason: str, legal_basis: str | None,
                      planned_end_on: date | None = None, today: date | None = None) -> int:
    """Ask for a placement under a duty or power (`legal_basis`, a code of codes.TA_LEGAL_BASES);
    it takes effect only when a senior officer approves it."""
    today = today or clock.today()
    if legal_basis not in LEGAL_BASES:
        raise FieldError("legal_basis", "choose the duty or power the placement is made under: "
                         + ", ".join(codes.TA_LEGAL_BASES.cited(c) for c in LEGAL_BASES), FIELD_LABELS)
    if placement_type not in PLACEMENT_TYPES:
        raise FieldError("placement_type", f"choose one of: {', '.join(PLACEMENT_TYPES.values())}",
                         FIELD_LABELS)
    address = clean_text(address, "address", "the address of the accommodation")[:300]
    cost = pence(cost_per_night, "cost_per_night", maximum=MAX_NIGHTLY_POUNDS)
    check_date(starts_on, "starts_on", today, future_ok=True)
    if starts_on > today + timedelta(days=60):
        raise FieldError("starts_on", "more than 60 days ahead: book nearer the time", FIELD_LABELS)
    if planned_end_on is not None and planned_end_on < starts_on:
        raise FieldError("planned_end_on", "cannot be before the placement starts", FIELD_LABELS)
    reason = clean_text(reason, "reason", "why this accommodation is needed and suitable")
    law, casework = policies(today)
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id, acting=True, expected_version=expected_version)
        require_open(case)
        if case.stage not in PLACEMENT_STAGES:
            raise FieldError(
                "case", f"no accommodation duty applies at {stages.STAGE_LABELS.get(case.stage, case.stage)}: "
                "interim accommodation (s.188) is for an applicant who may be homeless; reassess and move "
                "the case to relief if they are", FIELD_LABELS)
        pending = session.exec(select(Placement.id).where(Placement.case_id == case_id,
                                                          Placement.status == "requested")).first()
        if pending is not None:
            raise FieldError("case", "another placement is waiting for approval on this case: ask a "
                                       "senior officer to decide it first", FIELD_LABELS)
        snap = snapshot(session, case, today)
        note = ""
        if placement_type == "bed_and_breakfast" and snap.family:
            used = stages.bnb_days_used(snap, starts_on)
            limit_days = law.bnb_family_limit_weeks * 7
            if used >= limit_days:
                raise FieldError(
                    "placement_type", f"this household with children or a pregnant member has already spent "
                    f"{used} days in bed and breakfast; the Suitability Order 2003 art.4 allows no more "
                    f"than {law.bnb_family_limit_weeks} weeks in total", FIELD_LABELS)
            last = starts_on + timedelta(days=limit_days - used - 1)
            note = (f" Family in B&B: emergency use only; must end by {long_date(last)} "
                    "(Suitability Order 2003 art.4).")
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        check = stages.placement_basis_check(snap.assessment, case.stage, legal_basis)
        row = Placement(case_id=case_id, placement_type=placement_type, address=address,
                        cost_per_night_pence=cost, starts_on=starts_on, planned_end_on=planned_end_on,
                        request_reason=reason, requested_by_id=officer_id, legal_basis=legal_basis)
        session.add(row)
        session.flush()
        record_case_event(
            session, case_id=case_id, actor_id=officer_id, kind="placement_requested",
            summary=f"{PLACEMENT_TYPES[placement_type]} placement requested under "
                    f"{basis_label(legal_basis)} from {long_date(starts_on)} at {address} "
                    f"(£{cost / 100:.2f} a night), awaiting senior approval. {check.text}{note}",
            reason=reason)
        record_audit(session, actor_id=officer_id, action="create", entity="placement", entity_id=row.id)
        return row.id


def _decide_request(session: Session, row: Placement | FinancialAssistance, *, field: str, kind: str,
                    what: str, roles: tuple[str, ...], approver_id: int, approve: bool, reason: str,
                    expected_version: int, today: date) -> tuple[Officer, HousingCase]:
    """The one way a senior decides a request (a placement, a payment): an approving role
    (casework.toml), never their own request, on an open case the officer saw as it is."""
    approver, case = _approver(session, approver_id, row.case_id, roles, what)
    require_open(case)
    if row.status != "requested":
        raise FieldError(field, f"this {'placement' if field == 'placement' else 'request'} was "
                                f"already {row.status}", FIELD_LABELS)
    may_decide_request(approver, kind=kind, requested_by_id=row.requested_by_id, on=today).require()
    claim_case_version(session, case_id=case.id, expected_version=expected_version)
    row.status = "approved" if approve else "refused"
    row.decided_by_id, row.decided_at, row.decision_reason = approver_id, utc_now(), reason
    session.add(row)
    return approver, case


def decide_placement(*, placement_id: int, expected_version: int, approver_id: int, approve: bool,
                     reason: str, today: date | None = None) -> None:
    """A senior officer approves (it takes effect; an earlier placement ends the day before) or
    refuses the request, with the reason."""
    today = today or clock.today()
    reason = clean_text(reason, "reason", "the reason for the decision")
    _, casework = policies(today)
    with session_scope() as session:
        placement = session.get(Placement, placement_id)
        if placement is None:
            raise NotFound(f"Placement {placement_id} does not exist.")
        approver, case = _decide_request(
            session, placement, field="placement", kind="placement", what="a placement",
            roles=casework.placement_approval_roles, approver_id=approver_id, approve=approve,
            reason=reason, expected_version=expected_version, today=today)
        check = basis_check_for(session, case, placement, today)
        unsupported = ""
        if approve and check is not None and not check.supported:
            if len(reason) < UNSUPPORTED_REASON_MIN:
                raise FieldError("reason", f"{check.text} To approve it anyway, say why the council "
                                           "provides this accommodation", FIELD_LABELS)
            unsupported = " although the case's findings do not support it"
        if approve:
            current = session.exec(select(Placement).where(
                Placement.case_id == case.id, Placement.status == "approved", Placement.id != placement_id,
                Placement.ended_on.is_(None), Placement.starts_on < placement.starts_on)).all()
            for old in current:
                old.ended_on = placement.starts_on - timedelta(days=1)
                old.end_reason = f"Moved to placement {placement_id}"
                old.status = "ended"
                session.add(old)
        record_case_event(
            session, case_id=case.id, actor_id=approver_id,
            kind="placement_approved" if approve else "placement_refused",
            summary=f"{PLACEMENT_TYPES.get(placement.placement_type, placement.placement_type)} placement at "
                    f"{placement.address} under {basis_label(placement.legal_basis)} "
                    f"{'approved' if approve else 'refused'} by {approver.full_name}{unsupported}",
            reason=reason, changes={"placement_status": ("requested", placement.status)})
        record_audit(session, actor_id=approver_id, action="update", entity="placement", entity_id=placement_id,
                     detail=placement.status)


def basis_check_for(session: Session, case: HousingCase, placement: Placement, today: date
                    ) -> stages.BasisCheck | None:
    """Whether the case's findings today support the placement's legal basis (None: not recorded)."""
    if placement.legal_basis not in LEGAL_BASES:
        return None
    snap = snapshot(session, case, today)
    return stages.placement_basis_check(snap.assessment, case.stage, placement.legal_basis)


def end_placement(*, placement_id: int, expected_version: int, officer_id: int, ended_on: date,
                  reason: str, today: date | None = None) -> None:
    today = today or clock.today()
    check_date(ended_on, "ended_on", today)
    reason = clean_text(reason, "reason", "why the placement ended")
    with session_scope() as session:
        placement = session.get(Placement, placement_id)
        if placement is None:
            raise NotFound(f"Placement {placement_id} does not exist.")
        _, case = homelessness_case_for(session, officer_id, placement.case_id,
                                        acting=True, expected_version=expected_version)
        if placement.status != "approved":
            raise FieldError("placement", "only an approved placement in use can be ended",
                             FIELD_LABELS)
        if ended_on < placement.starts_on:
            raise FieldError("ended_on", "cannot be before the placement started", FIELD_LABELS)
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        placement.status, placement.ended_on, placement.end_reason = "ended", ended_on, reason
        session.add(placement)
        record_case_event(session, case_id=case.id, actor_id=officer_id, kind="placement_ended",
                          summary=f"Placement at {placement.address} ended on {ended_on.isoformat()}",
                          reason=reason)
        record_audit(session, actor_id=officer_id, action="update", entity="placement", entity_id=placement_id,
                     detail="ended")


# --- belongings (s.211) ----------------------------------------------------------------------------


def record_belongings_stored(*, case_id: int, expected_version: int, officer_id: int, stored_on: date,
                             description: str, stored_with: str, today: date | None = None) -> int:
    """The council took reasonable steps to protect the applicant's property (s.211(1)-(2))."""
    today = today or clock.today()
    check_date(stored_on, "stored_on", today)
    description = clean_text(description, "description", "what is stored")
    stored_with = clean_text(stored_with, "stored_with", "where, or with which firm, it is stored")[:200]
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id, acting=True, expected_version=expected_version)
        require_open(case)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        row = BelongingsStorage(case_id=case_id, stored_on=stored_on, description=description,
                                stored_with=stored_with, recorded_by_id=officer_id)
        session.add(row)
        session.flush()
        record_case_event(session, case_id=case_id, actor_id=officer_id, kind="belongings_stored",
                          summary=f"Belongings stored with {stored_with} from {stored_on.isoformat()} (s.211)",
                          reason=description)
        record_audit(session, actor_id=officer_id, action="create", entity="belongings_storage", entity_id=row.id)
        return row.id


def release_belongings(*, storage_id: int, expected_version: int, officer_id: int, released_on: date,
                       today: date | None = None) -> None:
    today = today or clock.today()
    check_date(released_on, "released_on", today)
    with session_scope() as session:
        row = session.get(BelongingsStorage, storage_id)
        if row is None:
            raise NotFound(f"Storage record {storage_id} does not exist.")
        _, case = homelessness_case_for(session, officer_id, row.case_id,
                                        acting=True, expected_version=expected_version)
        if row.released_on is not None:
            raise FieldError("storage", f"already released on {row.released_on.isoformat()}",
                             FIELD_LABELS)
        if released_on < row.stored_on:
            raise FieldError("released_on", "cannot be before the belongings were stored",
                             FIELD_LABELS)
        claim_case_version(session, case_id=case.id, expected_version=expected_version)
        row.released_on, row.released_by_id = released_on, officer_id
        session.add(row)
        record_case_event(session, case_id=case.id, actor_id=officer_id, kind="belongings_released",
                          summary=f"Belongings stored with {row.stored_with} released on {released_on.isoformat()}")
        record_audit(session, actor_id=officer_id, action="update", entity="belongings_storage",
                     entity_id=storage_id, detail="released")


# --- financial assistance ------------------------------------------------------------------------


def request_financial_assistance(*, case_id: int, expected_version: int, officer_id: int, kind: str,
                                 amount, property_address: str, monthly_rent, monthly_income,
                                 reason: str, today: date | None = None) -> int:
    """A deposit or rent in advance, checked for affordability, waiting for senior approval."""
    today = today or clock.today()
    if kind not in ASSISTANCE_KINDS:
        raise FieldError("kind", "choose a deposit or rent in advance", FIELD_LABELS)
    amount_p = pence(amount, "amount", maximum=MAX_ASSISTANCE_POUNDS)
    rent_p = pence(monthly_rent, "monthly_rent", maximum=MAX_ASSISTANCE_POUNDS)
    income_p = pence(monthly_income, "monthly_income", maximum=Decimal(100000))
    property_address = clean_text(property_address, "property_address", "the address of the tenancy")[:300]
    reason = clean_text(reason, "reason", "why the payment is a reasonable step to secure the tenancy")
    _, casework = policies(today)
    check = stages.affordability(rent_p, income_p, casework)
    if check.verdict == "unaffordable":
        raise FieldError("monthly_rent", check.text + " The council will not fund a tenancy the household "
                           "cannot afford (Suitability of Accommodation Order 1996 art.2).",
                           FIELD_LABELS)
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id, acting=True, expected_version=expected_version)
        require_open(case)
        if case.stage not in ASSISTANCE_STAGES:
            raise FieldError("case", "financial assistance is a step under the prevention, relief, main or "
                                       "s.190(2) duty; no such duty is open on this case",
                                       FIELD_LABELS)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        row = FinancialAssistance(case_id=case_id, kind=kind, amount_pence=amount_p,
                                  property_address=property_address, monthly_rent_pence=rent_p,
                                  monthly_income_pence=income_p, rent_share_percent=check.rent_share_percent,
                                  affordability=check.verdict, request_reason=reason, requested_by_id=officer_id)
        session.add(row)
        session.flush()
        record_case_event(
            session, case_id=case_id, actor_id=officer_id, kind="financial_assistance_requested",
            summary=f"{ASSISTANCE_KINDS[kind]} of £{amount_p / 100:,.2f} requested for {property_address}, "
                    f"awaiting senior approval. {check.text}",
            reason=reason)
        record_audit(session, actor_id=officer_id, action="create", entity="financial_assistance", entity_id=row.id)
        return row.id


def decide_financial_assistance(*, assistance_id: int, expected_version: int, approver_id: int,
                                approve: bool, reason: str, today: date | None = None) -> None:
    today = today or clock.today()
    reason = clean_text(reason, "reason", "the reason for the decision")
    _, casework = policies(today)
    with session_scope() as session:
        row = session.get(FinancialAssistance, assistance_id)
        if row is None:
            raise NotFound(f"Financial assistance request {assistance_id} does not exist.")
        approver, case = _decide_request(
            session, row, field="request", kind="financial_assistance", what="financial assistance",
            roles=casework.financial_approval_roles, approver_id=approver_id, approve=approve,
            reason=reason, expected_version=expected_version, today=today)
        if approve and row.affordability == "budget_check" and len(reason) < 20:
            raise FieldError("reason", f"the rent is {row.rent_share_percent}% of income: record the budget "
                                         "check that shows the tenancy is affordable", FIELD_LABELS)
        record_case_event(
            session, case_id=case.id, actor_id=approver_id,
            kind="financial_assistance_approved" if approve else "financial_assistance_refused",
            summary=f"{ASSISTANCE_KINDS.get(row.kind, row.kind)} of £{row.amount_pence / 100:,.2f} "
                    f"{'approved' if approve else 'refused'} by {approver.full_name}",
            reason=reason, changes={"assistance_status": ("requested", row.status)})
        record_audit(session, actor_id=approver_id, action="update", entity="financial_assistance",
                     entity_id=assistance_id, detail=row.status)
