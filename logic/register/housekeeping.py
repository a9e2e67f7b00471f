"""Housekeeping that keeps the register's bedroom need right over time.

    python -m logic.register.housekeeping --actor maya.manager [--on 2026-11-23] [--lapse]

For every open register case with an assessment, the household as it is today is given to the
decision engine again. Where the bedroom need differs from the one last recorded -- a child
reached a sharing age, a baby was born or is due, someone joined or left -- a new assessment
("recalculated") is recorded with the reason, as a case event, so the shortlists use the right
size. An officer's earlier override of the band is kept (and the event asks for a review of it);
otherwise the band follows the engine, with the band date carried as register.toml says.
With --lapse, applications past their renewal grace period are lapsed as well.

Managers run it from the Register renewals screen too. The DuckDB file is held by the running
app: run the command while the app is stopped, or use the button.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from logic import clock
from logic.common.errors import FieldError, HearthError, StaleRecord
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import claim_case_version, record_audit, record_case_event
from logic.db import session_scope
from logic.law import policy_as_at
from logic.models import CaseStatus, HousingCase, Officer, Role
from logic.register.rules import describe_need_change, household_changes, snapshot_from_json
from logic.register.service import (
    _actor,
    _application,
    _members,
    _run_engine,
    current_assessment,
    record_assessment,
)

HOUSEKEEPING_ROLES = frozenset({Role.manager.value})


def may_run_housekeeping(officer: Actor) -> Permission:
    """A recalculation touches every open register case at once: a manager's job."""
    if officer.role not in HOUSEKEEPING_ROLES:
        return refused("Only a manager runs the housekeeping recalculation of bedroom need.")
    return allowed("A manager runs the housekeeping recalculation of bedroom need.")


@dataclass(frozen=True)
class NeedChange:
    case_id: int
    reference: str
    before: int
    after: int
    band_before: str | None
    band_after: str | None
    reason: str


@dataclass(frozen=True)
class HousekeepingReport:
    on: date
    checked: int
    changed: tuple[NeedChange, ...]
    skipped: tuple[str, ...]  # references that could not be recalculated, with why
    lapsed: tuple[str, ...] = ()

    def summary(self) -> str:
        text = (f"Checked {self.checked} register case(s) on {self.on.isoformat()}: "
                f"{len(self.changed)} bedroom need(s) changed")
        if self.skipped:
            text += f", {len(self.skipped)} skipped"
        if self.lapsed:
            text += f", {len(self.lapsed)} application(s) lapsed"
        return text + "."


def _recalculate_one(case_id: int, *, actor_id: int, on: date) -> NeedChange | None:
    """One case in its own transaction, so one case's problem never undoes the others."""
    with session_scope() as session:
        case = session.get(HousingCase, case_id)
        previous = current_assessment(session, case_id)
        application = _application(session, case_id)
        if previous is None or application is None or previous.assessed_on > on:
            return None
        members = _members(session, case.household_id)
        _facts, determination, _money = _run_engine(session, case, application, members, on)
        if determination.bedroom_need == previous.engine_bedroom_need:
            return None
        policy = policy_as_at(on)
        changes = household_changes(snapshot_from_json(previous.household_json), members,
                                    since=previous.assessed_on, on=on, policy=policy)
        why = describe_need_change(previous.engine_bedroom_need, determination.bedroom_need,
                                   changes, policy, on)
        kept_override = previous.decision == "overridden"
        text = why.text + f" ({why.citation})"
        if kept_override:
            text += (" The band and bedroom need were set by an officer's override, which is "
                     "kept: review the override.")
        row = record_assessment(
            session, case=case, application=application, members=members, actor_id=actor_id,
            on=on, kind="housekeeping", decision="overridden" if kept_override else "recalculated",
            override_band=(previous.band or "none") if kept_override else None,
            override_bedroom_need=previous.bedroom_need if kept_override else None,
            override_reason=(f"Kept from the override of {previous.assessed_on.isoformat()}: "
                             f"{previous.override_reason}") if kept_override else None)
        claim_case_version(session, case_id=case_id, expected_version=case.version)
        record_case_event(
            session, case_id=case_id, actor_id=actor_id, kind="register_housekeeping",
            summary=(f"Bedroom need recalculated: {previous.engine_bedroom_need} to "
                     f"{determination.bedroom_need}"
                     + (f"; band {previous.band} to {row.band}" if row.band != previous.band else "")),
            reason=text,
            changes={"bedroom_need": (previous.bedroom_need, row.bedroom_need),
                     "band": (previous.band, row.band),
                     "band_effective_date": (previous.band_effective_date, row.band_effective_date)})
        record_audit(session, actor_id=actor_id, action="update", entity="case", entity_id=case_id,
                     detail="register housekeeping")
        return NeedChange(case_id, case.reference, previous.engine_bedroom_need,
                          determination.bedroom_need, previous.band, row.band, text)


def recalculate_bedroom_need(*, actor_id: int, on: date | None = None,
                             lapse: bool = False) -> HousekeepingReport:
    """Recalculate every open register case's bedroom need as at `on` (a manager's job)."""
    on = on or clock.today()
    with session_scope() as session:
        _actor(session, actor_id, HOUSEKEEPING_ROLES)
        case_ids = session.exec(select(HousingCase.id).where(
            HousingCase.case_type == "register", HousingCase.status == CaseStatus.open.value,
            HousingCase.stage.in_(("assessment", "active"))).order_by(HousingCase.id)).all()
        record_audit(session, actor_id=actor_id, action="run", entity="register_housekeeping",
                     detail=f"as at {on.isoformat()}")
    changed: list[NeedChange] = []
    skipped: list[str] = []
    for case_id in case_ids:
        try:
            result = _recalculate_one(case_id, actor_id=actor_id, on=on)
        except StaleRecord:
            skipped.append(f"case {case_id}: changed by an officer while this ran; run again")
            continue
        except FieldError as error:
            skipped.append(f"case {case_id}: the record needs correcting ({error.message})")
            continue
        if result is not None:
            changed.append(result)
    lapsed: list[str] = []
    if lapse:
        from logic.register.service import lapse_overdue

        lapsed = lapse_overdue(actor_id=actor_id, today=on)
    return HousekeepingReport(on, len(case_ids), tuple(changed), tuple(skipped), tuple(lapsed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m logic.register.housekeeping",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--actor", required=True,
                        help="username of the manager the changes are recorded under")
    parser.add_argument("--on", type=date.fromisoformat, default=None,
                        help="recalculate as at this date (YYYY-MM-DD); default today")
    parser.add_argument("--lapse", action="store_true",
                        help="also lapse applications past their renewal grace period")
    args = parser.parse_args(argv)
    with session_scope() as session:
        actor_id = session.exec(select(Officer.id).where(Officer.username == args.actor)).first()
    if actor_id is None:
        print(f"actor: no officer has the username {args.actor!r}", file=sys.stderr)
        return 2
    try:
        report = recalculate_bedroom_need(actor_id=actor_id, on=args.on, lapse=args.lapse)
    except HearthError as error:
        print(error.message, file=sys.stderr)
        return 2
    print(report.summary())
    for change in report.changed:
        print(f"  {change.reference}: {change.before} -> {change.after} bedroom(s). {change.reason}")
    for why in report.skipped:
        print(f"  skipped {why}")
    for reference in report.lapsed:
        print(f"  lapsed {reference}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
