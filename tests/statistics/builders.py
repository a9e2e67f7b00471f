"""Cases built by hand, as the H-CLIC checks, the return and the figures read them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from logic.statistics.rules import Assessment, Duty, HclicCase, Member, Stay

_ids = iter(range(1, 10_000))


def assessment(on: date, duty: str = "prevention", **kw) -> Assessment:
    base = dict(id=next(_ids), assessed_on=on, eligible=True,
                homelessness="threatened" if duty == "prevention" else "homeless",
                priority_need=False, intentionally_homeless=False, duty=duty,
                accommodation_at_application="private_rented_self_contained",
                last_settled_accommodation="private_rented_self_contained",
                reason_for_loss="ast_landlord_selling", employment="part_time",
                support_needs=("none",))
    base.update(kw)
    return Assessment(**base)


def duty(kind: str, start: date, end: date | None = None, reason: str | None = None, **kw) -> Duty:
    return Duty(id=next(_ids), duty=kind, started_on=start, ended_on=end, end_reason=reason, **kw)


def stay(start: date, end: date | None = None, kind: str = "nightly_let",
         basis: str | None = "s188_1_interim") -> Stay:
    return Stay(id=next(_ids), placement_type=kind, legal_basis=basis, starts_on=start, ended_on=end)


def member(relation: str = "applicant", dob: date = date(1990, 5, 1), sex: str = "F",
           name: str = "Amara") -> Member:
    return Member(id=next(_ids), relation=relation, given_name=name, family_name="Okonkwo", dob=dob,
                  sex=sex)


def case(applied_on: date, *, assessments=(), duties=(), stays=(), members=None, status="open",
         closed_on=None, referral="none", reference: str | None = None, stage="prevention",
         case_type="homelessness", reviews=()) -> HclicCase:
    number = next(_ids)
    return HclicCase(id=number, reference=reference or f"HL-{number:06d}", case_type=case_type,
                     applied_on=applied_on, status=status, stage=stage, closed_on=closed_on,
                     referral_source=referral, assessments=tuple(assessments), duties=tuple(duties),
                     stays=tuple(stays), reviews=tuple(reviews), members=tuple(members if members is not None else [member()]),
                     address=("1 Elm Close", "Hearthton"), postcode="AB1 2CD")


def with_(c: HclicCase, **kw) -> HclicCase:
    return replace(c, **kw)
