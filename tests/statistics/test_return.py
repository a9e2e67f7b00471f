"""The quarter's return from the demo store: two files and a manifest a council can send, the
case file free of personal data, every person in the personal file, references stable, the
same bytes each time; refused with problems left unless a manager gives a reason."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from logic.common.errors import PermissionDenied, Refused
from logic.db import engine_for
from logic.models import Officer
from logic.statistics import hclic, views
from logic.statistics.codes_map import hclic_codes_as_at
from logic.statistics.rules import Quarter
from tests.pages.conftest import demo_store  # noqa: F401 (fixture)

Q4 = Quarter.parse("2026-Q4")


def officer_id(username: str) -> int:
    with Session(engine_for()) as session:
        return session.exec(select(Officer).where(Officer.username == username)).one().id


def test_the_demo_store_exports_a_quarter_whose_files_and_manifest_hold_together(case_to_fix):
    built = hclic.export_return(quarter=Q4, officer_id=officer_id("maya.manager"),
                                reason="Demo store: the H-CLIC details are still being filled in")
    names = sorted(built.files)
    assert names == ["hclic_cases_2026-Q4.xml", "hclic_manifest_2026-Q4.json", "hclic_people_2026-Q4.xml"]
    m = hclic_codes_as_at(Q4.last_day)
    cases_root = ET.fromstring(built.files["hclic_cases_2026-Q4.xml"])
    people_root = ET.fromstring(built.files["hclic_people_2026-Q4.xml"])
    manifest = json.loads(built.files["hclic_manifest_2026-Q4.json"])

    # every case the trigger rules include is in the case file, once, by its reference
    expected = [c.reference for c in views.quarter_cases(Q4)]
    in_file = [e.findtext(m.element("case_ref")) for e in cases_root.findall(m.element("case"))]
    assert in_file == expected and len(expected) > 10
    # no personal field in the case file: no name, date of birth, sex or address element, and
    # no applicant's name or postcode anywhere in its text
    personal = {m.element(k) for k in ("name", "dob", "sex", "address", "postcode")}
    assert not personal & {e.tag for e in cases_root.iter()}
    with engine_for().connect() as connection:
        names_and_postcodes = connection.execute(sa.text(
            """SELECT p.family_name, h.postcode FROM person p JOIN household h ON h.id = p.household_id
               JOIN cases c ON c.household_id = h.id WHERE c.reference IN :refs""").bindparams(
            sa.bindparam("refs", expanding=True)), {"refs": expected}).all()
    case_text = built.files["hclic_cases_2026-Q4.xml"].decode()
    assert not [n for n, pc in names_and_postcodes if f">{n}<" in case_text or (pc and pc in case_text)]
    # every person of the case file is in the personal file, linked by the same references
    case_people = {(c.findtext(m.element("case_ref")), p.findtext(m.element("person_ref")))
                   for c in cases_root.findall(m.element("case")) for p in c.iter(m.element("person"))}
    personal_people = {(p.findtext(m.element("case_ref")), p.findtext(m.element("person_ref")))
                       for p in people_root.findall(m.element("person"))}
    assert case_people <= personal_people and case_people
    assert all(p.findtext(m.element("name")) and p.findtext(m.element("dob"))
               for p in people_root.findall(m.element("person")))
    # the manifest counts and fingerprints each file
    assert manifest["counts"]["cases"] == len(expected)
    assert manifest["counts"]["people"] == len(personal_people)
    for name in ("hclic_cases_2026-Q4.xml", "hclic_people_2026-Q4.xml"):
        assert manifest["files"][name]["sha256"] == hashlib.sha256(built.files[name]).hexdigest()
    # the publicly confirmed names are used as they are; the rest are marked placeholders
    assert cases_root.iter(m.element("assess_date")) and m.element("assess_date") == "ASSESS_DATE"
    assert cases_root.tag.startswith("PLACEHOLDER")
    # and the export is recorded: who, the problems left, the manager's reason
    [record] = hclic.exports(Q4)
    assert record.problems == len(built.problems) > 0
    assert record.reason.startswith("Demo store")
    assert record.exported_by_id == officer_id("maya.manager")
    with engine_for().connect() as connection:
        audited = connection.execute(sa.text(
            "SELECT actor_id, action, detail FROM audit_log WHERE entity = 'hclic_export' AND entity_id = :i"),
            {"i": record.id}).one()
    assert audited.actor_id == record.exported_by_id and audited.action == "create"
    assert "why: Demo store" in audited.detail
    assert record.manifest_sha256 == hashlib.sha256(built.files["hclic_manifest_2026-Q4.json"]).hexdigest()


def test_the_same_quarter_exported_twice_gives_the_same_bytes_and_references(demo_store):  # noqa: F811
    first = hclic.build_return(Q4)
    second = hclic.build_return(Q4)
    assert first.files == second.files
    assert first.zip_bytes() == second.zip_bytes()
    with zipfile.ZipFile(BytesIO(first.zip_bytes())) as archive:
        assert sorted(archive.namelist()) == sorted(first.files)


def test_with_problems_left_the_export_is_refused_without_a_managers_reason(case_to_fix):
    with pytest.raises(Refused, match="problems to fix"):
        hclic.export_return(quarter=Q4, officer_id=officer_id("maya.manager"), reason="  ")
    with pytest.raises(PermissionDenied, match="Only a manager"):
        hclic.export_return(quarter=Q4, officer_id=officer_id("sam.senior"), reason="Deadline today")
    assert hclic.exports(Q4) == []


def test_the_command_validates_and_exports_a_quarter(case_to_fix, tmp_path, capsys):
    assert hclic.main(["validate", "--quarter", "2026-Q4"]) == 1
    printed = capsys.readouterr().out
    assert f"{case_to_fix}: The assessment is dated 20 Nov 2026, before the application on 23 Nov 2026." in printed
    assert "fix at: Assessment screen" in printed and "2026-Q4:" in printed
    out = tmp_path / "return"
    assert hclic.main(["export", "--quarter", "2026-Q4", "--out", str(out)]) == 1
    assert "refused" in capsys.readouterr().err and not out.exists()
    assert hclic.main(["export", "--quarter", "2026-Q4", "--out", str(out), "--as", "maya.manager",
                       "--reason", "Codes still placeholders: a trial run"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "hclic_cases_2026-Q4.xml", "hclic_manifest_2026-Q4.json", "hclic_people_2026-Q4.xml"]


def test_a_quarter_with_nothing_to_fix_validates_clean(demo_store, capsys):  # noqa: F811
    assert hclic.main(["validate", "--quarter", "2019-Q2"]) == 0
    assert "2019-Q2: 0 cases, 0 problems" in capsys.readouterr().out
