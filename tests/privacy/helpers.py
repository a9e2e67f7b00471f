"""One family's records, made through the services officers use: a homelessness case on the
prevention duty with its plan and two letters, a note about the daughter, a housing register
application, and colleagues opening the records."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

from sqlmodel import select

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.household_record import open_household_record
from logic.letters import service as letters
from logic.models import HousingCase, Person
from logic.register import service as register
from tests.letters.helpers import STEPS, TODAY, case_on_prevention_duty, version
from tests.register.helpers import details

NOTE = "Siân told me at the door that she is frightened of her mother's ex-partner."


@dataclass(frozen=True)
class Family:
    household_id: int
    household_reference: str
    case_id: int
    case_reference: str
    register_case_id: int
    applicant_id: int  # Zoë Łukasik
    daughter_id: int  # Siân Ó Briain
    letter_ids: tuple[int, ...]


def family_with_records(team) -> Family:
    case_id = case_on_prevention_duty(team, children=1, steps=STEPS)
    issued = [
        letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                             letter_type_code=code, officer_id=team.officer)
        for code in ("prevention_duty", "personal_housing_plan")
    ]
    cases.add_note(case_id=case_id, expected_version=version(case_id, team.officer), author_id=team.officer,
                   body=NOTE)
    with session_scope() as session:
        case = session.get(HousingCase, case_id)
        people = session.exec(select(Person).where(Person.household_id == case.household_id)
                              .order_by(Person.id)).all()
        household_id, case_reference = case.household_id, case.reference
    register_case_id = register.open_register_application(
        actor_id=team.officer, household_id=household_id, details=details(), today=TODAY)
    # colleagues open the records: the senior the case, the officer the household and a letter
    cases.open_case_record(case_id=case_id, viewer_id=team.senior)
    open_household_record(household_id=household_id, viewer_id=team.officer)
    letters.download_letter(letter_id=issued[0].id, viewer_id=team.other_officer)
    return Family(household_id, f"HH-{household_id:06d}", case_id, case_reference, register_case_id,
                  people[0].id, people[1].id, tuple(x.id for x in issued))


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def data_json(files: dict[str, bytes]) -> dict:
    return json.loads(files["data.json"])
