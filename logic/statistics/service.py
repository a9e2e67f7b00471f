"""H-CLIC writes: the case's check results, kept in step with every save, and the record of
each quarter's export. Each function works inside the caller's transaction or owns its own.

The checks run where case events are recorded (:mod:`logic.common.recording` marks the case;
:func:`refresh_marked` runs as the transaction commits, after every change of the save is in),
so the stored rows always say what the rules say of the case as saved.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlmodel import Session

from logic.common.permissions import Actor, Permission, allowed, refused
from logic.models import Role
from logic.models.statistics import HclicProblem
from logic.statistics import rules, views

MARKED = "hclic_cases_saved"  # session.info key: the cases this transaction changed


def check_cases(session: Session, case_ids: Iterable[int]) -> dict[int, tuple[rules.Problem, ...]]:
    """The rules' problems for each case, as it stands in this transaction (the save's rows
    still waiting in the session are written first: the reads below are plain SQL)."""
    session.flush()
    cases = views.load_cases(session.connection(), case_ids)
    return {case_id: rules.check_case(case) for case_id, case in cases.items()}


def refresh_checks(session: Session, case_ids: Iterable[int]) -> int:
    """Replace the stored problems of these cases by what the rules find now; returns how many
    problems were stored. Set-based: one read of each table, one delete, one insert."""
    ids = sorted(set(case_ids))
    if not ids:
        return 0
    found = check_cases(session, ids)
    session.execute(sa.text("DELETE FROM hclic_problem WHERE case_id IN :ids").bindparams(
        sa.bindparam("ids", expanding=True)), {"ids": ids})  # a save's few cases (the seed: 5,000)
    rows = [HclicProblem(case_id=case_id, rule=p.rule, section=p.section, message=p.message,
                         fix_where=p.fix_where)
            for case_id in ids for p in found.get(case_id, ())]
    session.add_all(rows)
    session.flush()
    return len(rows)


def refresh_all(session: Session) -> int:
    """Check every homelessness case (the demo seed; a council's first upgrade)."""
    ids = [r[0] for r in session.execute(sa.text(
        "SELECT id FROM cases WHERE case_type = 'homelessness' ORDER BY id")).all()]
    stored = 0
    for start in range(0, len(ids), 5000):
        stored += refresh_checks(session, ids[start:start + 5000])
    return stored


def mark_case_saved(session: Session, case_id: int) -> None:
    """Called where a case event is recorded: check this case when the transaction commits."""
    session.info.setdefault(MARKED, set()).add(case_id)


def refresh_marked(session: Session) -> None:
    """Run the checks of every case this transaction saved (once each, after all its changes)."""
    marked = session.info.pop(MARKED, None)
    if marked:
        refresh_checks(session, marked)


def forget_marked(session: Session) -> None:
    session.info.pop(MARKED, None)


# --- who may do what -------------------------------------------------------------------------

def may_see_team_problems(officer: Actor) -> Permission:
    if officer.role in (Role.senior, Role.manager):
        return allowed("A senior officer or a manager sees the team's H-CLIC problems.")
    return refused("Only a senior officer or a manager sees the team's H-CLIC problems.")


def may_export_return(officer: Actor) -> Permission:
    """The quarterly return is the manager's to send (and to send with problems left)."""
    if officer.role == Role.manager:
        return allowed("A manager validates and exports the quarter's H-CLIC return.")
    return refused("Only a manager exports the quarter's H-CLIC return.")
