"""The quarter's H-CLIC return: validate it, and export it as two XML files and a manifest.

    python -m logic.statistics.hclic validate --quarter 2026-Q3
    python -m logic.statistics.hclic export --quarter 2026-Q3 --out DIR [--as USERNAME --reason TEXT]

``validate`` prints every problem of the quarter's cases (exit status 1 if there is any).
``export`` writes, into DIR:

* ``hclic_cases_<quarter>.xml``: the case data, one element a case, its sections in the
  order of the specification (Main, People, Support, Prevention, Relief, Final duties,
  Temporary accommodation, Assistance); no name, date of birth, sex or address in it;
* ``hclic_people_<quarter>.xml``: the personal data (name, date of birth, sex, last known
  address), one element a person, linked by the case and person references; never mixed into
  the case file (the department's processor links people across quarters with it);
* ``hclic_manifest_<quarter>.json``: the counts and the SHA-256 of each file.

The same data exported twice gives the same bytes: cases by reference, people by id, no
timestamps. With problems left the export is refused unless a manager gives a reason
(``--as`` a manager's username and ``--reason``). Every export is recorded (``hclic_export``:
who, when, the counts, the manifest's hash, the reason) and audited.

Element names and codes come from ``data/hclic/codes.toml`` as in force on the quarter's last
day: the publicly confirmed names, and ``PLACEHOLDER`` for every name and code the council
has not yet filled in from its copy of the specification (a placeholder code carries the
Hearth code it stands for, as ``hearth="..."``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from sqlmodel import Session, select

from logic.common.errors import PermissionDenied, Refused
from logic.common.recording import record_audit
from logic.db import engine_for, session_scope
from logic.models import Officer
from logic.models.statistics import HclicExport
from logic.statistics import rules, service, views
from logic.statistics.codes_map import HclicCodes, hclic_codes_as_at, is_placeholder

CASES_FILE = "hclic_cases_{quarter}.xml"
PEOPLE_FILE = "hclic_people_{quarter}.xml"
MANIFEST_FILE = "hclic_manifest_{quarter}.json"


@dataclass(frozen=True)
class QuarterProblem:
    reference: str
    problem: rules.Problem


@dataclass(frozen=True)
class QuarterReturn:
    quarter: rules.Quarter
    cases: tuple[rules.HclicCase, ...]
    problems: tuple[QuarterProblem, ...]
    files: dict[str, bytes] = field(default_factory=dict)  # name -> bytes, manifest included
    people: int = 0
    placeholders: tuple[int, int] = (0, 0)

    @property
    def manifest_name(self) -> str:
        return MANIFEST_FILE.format(quarter=self.quarter)

    def zip_bytes(self) -> bytes:
        """The three files in one zip, with fixed dates, so the same return gives the same zip."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(self.files):
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, self.files[name])
        return out.getvalue()


def validate(quarter: rules.Quarter, cases: list[rules.HclicCase] | None = None
             ) -> tuple[QuarterProblem, ...]:
    """Every problem of the quarter's cases, checked now by the same rules as each save."""
    cases = views.quarter_cases(quarter) if cases is None else cases
    return tuple(QuarterProblem(c.reference, p) for c in cases for p in rules.check_case(c))


# --- the files ----------------------------------------------------------------------------------
#
# Written as text, not through an XML tree: a large council's quarter is a quarter of a million
# elements, and a tree takes seconds to serialise. Every value is escaped; the layout is fixed
# (two spaces an indent, elements in the specification's order), so the bytes are stable.


class _Xml:
    def __init__(self, codes_map: HclicCodes) -> None:
        self.m = codes_map
        self.lines: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>']
        self._names: dict[str, str] = {}

    def name(self, key: str) -> str:
        found = self._names.get(key)
        if found is None:
            found = self._names[key] = self.m.element(key)
        return found

    def leaf(self, depth: int, key: str, value, list_name: str | None = None) -> None:
        """One element with a value (none written when the value is None); ``list_name`` maps a
        Hearth code through the codes file, a placeholder keeping the Hearth code beside it."""
        if value is None:
            return
        attribute = ""
        if list_name is not None:
            mapped = self.m.code(list_name, value)
            if is_placeholder(mapped):
                attribute = f" hearth={quoteattr(str(value))}"
            value = mapped
        text = value.isoformat() if isinstance(value, date) else str(value)
        name = self.name(key)
        self.lines.append(f"{'  ' * depth}<{name}{attribute}>{escape(text)}</{name}>")

    def open(self, depth: int, key: str, attributes: str = "") -> int:
        self.lines.append(f"{'  ' * depth}<{self.name(key)}{attributes}>")
        return len(self.lines)

    def close(self, depth: int, key: str, opened_at: int) -> None:
        if len(self.lines) == opened_at:  # nothing inside: one empty element
            self.lines[-1] = self.lines[-1][:-1] + " />"
        else:
            self.lines.append(f"{'  ' * depth}</{self.name(key)}>")

    def bytes(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode("utf-8")


def _age(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _person_ref(case: rules.HclicCase, member: rules.Member) -> str:
    """Stable: the case's reference (never changes) and the person's record id."""
    return f"{case.reference}-P{member.id}"


def _case(x: _Xml, case: rules.HclicCase) -> None:
    at = x.open(1, "case")
    x.leaf(2, "case_ref", case.reference)
    first = case.initial
    main = x.open(2, "main")
    x.leaf(3, "application_date", case.applied_on)
    if first is not None:
        x.leaf(3, "assess_date", first.assessed_on)
        x.leaf(3, "assessment_outcome", rules.assessment_outcome(first), "assessment_outcomes")
        x.leaf(3, "current_accommodation", case.main_value("accommodation_at_application"),
               "accommodation_types")
        x.leaf(3, "last_settled_accommodation", case.main_value("last_settled_accommodation"),
               "accommodation_types")
        x.leaf(3, "reason_for_loss", case.main_value("reason_for_loss"), "loss_reasons")
        x.leaf(3, "employment", case.main_value("employment"), "employment_statuses")
    x.leaf(3, "referral_source", case.referral_source, "referral_sources")
    x.close(2, "main", main)
    if first is not None and first.eligible:  # Main, People, Support: not for the ineligible
        people = x.open(2, "people")
        for member in case.members_on(case.applied_on) or case.members:
            person = x.open(3, "person")
            x.leaf(4, "person_ref", _person_ref(case, member))
            x.leaf(4, "relation", member.relation, "relations")
            x.leaf(4, "age", _age(member.dob, case.applied_on))
            x.close(3, "person", person)
        x.close(2, "people", people)
        support = x.open(2, "support")
        for need in case.main_value("support_needs") or ():
            x.leaf(3, "support_need", need, "support_needs")
        x.close(2, "support", support)
    for duty_code, outcome_key in (("prevention", "prevention_accommodation"),
                                   ("relief", "relief_accommodation")):
        for d in case.duties_of(duty_code):
            part = x.open(2, duty_code)
            x.leaf(3, "duty_start", d.started_on)
            x.leaf(3, "duty_end", d.ended_on)
            x.leaf(3, "end_reason", d.end_reason, f"end_reasons.{duty_code}")
            x.leaf(3, "main_activity", d.main_activity, "main_activities")
            x.leaf(3, outcome_key, d.accommodation_secured, "accommodation_secured")
            x.close(2, duty_code, part)
    decision = case.decision_after_relief
    finals = [d for d in case.duties if d.duty in ("main_duty", "intentional_priority")]
    if decision is not None or finals:
        part = x.open(2, "final_duties")
        if decision is not None:
            x.leaf(3, "decision", decision[0], "decisions")
            x.leaf(3, "decision_date", decision[1])
            decided = next(a for a in case.assessments if a.assessed_on == decision[1])
            x.leaf(3, "priority_need", "yes" if decided.priority_need else "no")
        for d in finals:
            x.leaf(3, "duty_start", d.started_on)
            x.leaf(3, "duty_end", d.ended_on)
            x.leaf(3, "end_reason", d.end_reason, f"end_reasons.{d.duty}")
        x.close(2, "final_duties", part)
    if case.stays:
        part = x.open(2, "temporary_accommodation")
        for stay in case.stays:
            placement = x.open(3, "placement")
            x.leaf(4, "ta_entry_date", stay.starts_on)
            x.leaf(4, "ta_exit_date", stay.ended_on)
            x.leaf(4, "ta_type", stay.placement_type, "placement_types")
            x.leaf(4, "ta_duty", stay.legal_basis, "ta_legal_bases")
            x.close(3, "placement", placement)
        x.close(2, "temporary_accommodation", part)
    if case.status == "closed":
        part = x.open(2, "assistance")
        x.leaf(3, "closed_date", case.closed_on)
        x.close(2, "assistance", part)
    if case.reviews:
        part = x.open(2, "reviews")
        for r in case.reviews:
            review = x.open(3, "review")
            x.leaf(4, "review_request_date", r.requested_on)
            x.leaf(4, "review_ground", r.ground, "review_grounds")
            x.leaf(4, "review_decision_date", r.decided_on)
            x.leaf(4, "review_outcome", r.outcome, "review_outcomes")
            x.close(3, "review", review)
        x.close(2, "reviews", part)
    x.close(1, "case", at)


def case_file(quarter: rules.Quarter, cases: list[rules.HclicCase], m: HclicCodes) -> bytes:
    """The case data: no name, date of birth, sex or address of anyone."""
    x = _Xml(m)
    root = x.open(0, "root", f" quarter={quoteattr(str(quarter))}")
    for case in cases:
        _case(x, case)
    x.close(0, "root", root)
    return x.bytes()


def people_file(quarter: rules.Quarter, cases: list[rules.HclicCase], m: HclicCodes
                ) -> tuple[bytes, int]:
    """The personal data, linked to the case file by the case and person references only."""
    x = _Xml(m)
    root = x.open(0, "personal_root", f" quarter={quoteattr(str(quarter))}")
    count = 0
    for case in cases:
        address = ", ".join(case.address) or None
        for member in case.members_on(case.applied_on) or case.members:
            person = x.open(1, "person")
            x.leaf(2, "case_ref", case.reference)
            x.leaf(2, "person_ref", _person_ref(case, member))
            x.leaf(2, "name", f"{member.given_name} {member.family_name}")
            x.leaf(2, "dob", member.dob)
            x.leaf(2, "sex", member.sex, "sexes")
            x.leaf(2, "address", address)
            x.leaf(2, "postcode", case.postcode)
            x.close(1, "person", person)
            count += 1
    x.close(0, "personal_root", root)
    return x.bytes(), count


def build_return(quarter: rules.Quarter, progress: Callable[[float, str], None] | None = None,
                 cases: list[rules.HclicCase] | None = None) -> QuarterReturn:
    """The quarter's cases, their problems and the three files (nothing is written or recorded)."""
    step = progress or (lambda _f, _t: None)
    step(0.1, "Finding the quarter's cases")
    cases = views.quarter_cases(quarter) if cases is None else cases
    step(0.4, f"Checking {len(cases)} cases")
    problems = validate(quarter, cases)
    m = hclic_codes_as_at(quarter.last_day)
    step(0.6, "Writing the case file")
    cases_xml = case_file(quarter, cases, m)
    step(0.8, "Writing the personal-data file")
    people_xml, people = people_file(quarter, cases, m)
    names = {"cases": CASES_FILE.format(quarter=quarter), "people": PEOPLE_FILE.format(quarter=quarter)}
    placeholders = m.placeholders()
    manifest = {
        "quarter": str(quarter),
        "period": {"first_day": quarter.first_day.isoformat(), "last_day": quarter.last_day.isoformat()},
        "codes": {"file": "data/hclic/codes.toml", "name": m.name,
                  "version_from": m.effective_from.isoformat(), "specification": m.specification,
                  "placeholders_left": placeholders[0], "names_and_codes": placeholders[1]},
        "counts": {"cases": len(cases), "people": people, "problems": len(problems),
                   "in_temporary_accommodation_on_last_day": sum(
                       1 for c in cases if rules.in_ta_on(c, quarter.last_day))},
        "files": {names["cases"]: {"sha256": hashlib.sha256(cases_xml).hexdigest(),
                                   "bytes": len(cases_xml), "holds": "case data"},
                  names["people"]: {"sha256": hashlib.sha256(people_xml).hexdigest(),
                                    "bytes": len(people_xml), "holds": "personal data"}},
    }
    manifest_bytes = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    step(1.0, "Done")
    return QuarterReturn(quarter=quarter, cases=tuple(cases), problems=problems,
                         files={names["cases"]: cases_xml, names["people"]: people_xml,
                                MANIFEST_FILE.format(quarter=quarter): manifest_bytes},
                         people=people, placeholders=placeholders)


def whole_quarter(quarter: rules.Quarter) -> tuple[QuarterReturn, views.QuarterFigures]:
    """Everything a manager asks of a quarter, from one reading of its cases: the validation,
    the three files and the figures (what `make bench` times at a large council's size)."""
    cases = views.quarter_cases(quarter)
    return build_return(quarter, cases=cases), views.quarter_figures(quarter, cases)


FIELD_LABELS = {"reason": "Why the return goes with problems left"}


def export_return(*, quarter: rules.Quarter, officer_id: int | None, reason: str | None = None,
                  progress: Callable[[float, str], None] | None = None) -> QuarterReturn:
    """Build the quarter's return and record the export (who, when, counts, the manifest's
    hash, and the manager's reason if problems are left). Refused with problems left unless a
    manager gives a reason; only a manager exports from a screen."""
    built = build_return(quarter, progress)
    reason = (reason or "").strip() or None
    with session_scope() as session:
        officer = session.get(Officer, officer_id) if officer_id is not None else None
        if officer_id is not None:
            if officer is None:
                raise PermissionDenied("No such officer.")
            service.may_export_return(officer).require()
        if built.problems and (officer is None or reason is None):
            raise Refused(
                f"The {quarter} return has {len(built.problems)} problems to fix. Fix them, or, as "
                f"a manager, give the reason it must go as it is (the reason is recorded).",
                "H-CLIC validations")
        record = HclicExport(
            quarter=str(quarter), exported_by_id=officer.id if officer else None,
            cases=len(built.cases), people=built.people, problems=len(built.problems),
            reason=reason if built.problems else None,
            manifest_sha256=hashlib.sha256(built.files[built.manifest_name]).hexdigest())
        session.add(record)
        session.flush()
        record_audit(session, actor_id=record.exported_by_id, action="create", entity="hclic_export",
                     entity_id=record.id,
                     detail=f"{quarter}: {record.cases} cases, {record.people} people, "
                            f"{record.problems} problems" + (f"; why: {reason}" if record.reason else ""))
    return built


def exports(quarter: rules.Quarter | None = None) -> list[HclicExport]:
    with Session(engine_for()) as session:
        statement = select(HclicExport).order_by(HclicExport.id.desc())
        if quarter is not None:
            statement = statement.where(HclicExport.quarter == str(quarter))
        return list(session.exec(statement).all())


# --- the command --------------------------------------------------------------------------------

def _officer_id(username: str | None) -> int | None:
    if username is None:
        return None
    with Session(engine_for()) as session:
        found = session.exec(select(Officer).where(Officer.username == username)).first()
    if found is None:
        raise PermissionDenied(f"No officer with the username {username!r}.")
    return found.id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m logic.statistics.hclic",
                                     description="Validate or export a quarter's H-CLIC return.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="print the quarter's problems; exit 1 if any")
    check.add_argument("--quarter", required=True, help="e.g. 2026-Q3")
    out = sub.add_parser("export", help="write the two XML files and the manifest")
    out.add_argument("--quarter", required=True, help="e.g. 2026-Q3")
    out.add_argument("--out", required=True, metavar="DIR")
    out.add_argument("--as", dest="username", default=None,
                     help="the manager exporting (needed to export with problems left)")
    out.add_argument("--reason", default=None, help="why the return goes with problems left")
    args = parser.parse_args(argv)
    try:
        quarter = rules.Quarter.parse(args.quarter)
    except ValueError as error:
        parser.error(str(error))
    if args.command == "validate":
        cases = views.quarter_cases(quarter)
        problems = validate(quarter, cases)
        for found in problems:
            p = found.problem
            print(f"{found.reference}: {p.message} [{p.rule}; fix at: {p.fix_where}]")
        print(f"{quarter}: {len(cases)} cases, {len(problems)} problems")
        return 1 if problems else 0
    try:
        built = export_return(quarter=quarter, officer_id=_officer_id(args.username),
                              reason=args.reason)
    except (Refused, PermissionDenied) as error:
        print(f"refused: {error}", file=sys.stderr)
        return 1
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in sorted(built.files.items()):
        (folder / name).write_bytes(content)
        print(f"wrote {folder / name}")
    left, total = built.placeholders
    print(f"{quarter}: {len(built.cases)} cases, {built.people} people, {len(built.problems)} problems; "
          f"{left} of {total} names and codes are still placeholders (data/hclic/codes.toml)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
