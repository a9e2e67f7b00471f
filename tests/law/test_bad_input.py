"""Bad input is refused, never decided: exit 2 and one line naming the field.

A few cases run the real command in a subprocess; the rest call the parser directly.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from law_helpers import PROJECT

from logic.common.errors import FieldError
from logic.law import parse_facts, parse_scenario
from logic.law.__main__ import main

GOOD: dict[str, Any] = {
    "assessment_date": "2026-11-23",
    "applicant": {"dob": "1992-03-14", "sex": "M", "immigration_status": "british_irish"},
    "household": [{"relation": "child", "dob": "2019-05-01", "sex": "F", "dependent": True}],
    "housing": {"has_accommodation": True,
                "section_21": {"valid": True, "expires_on": "2027-01-10"}},
    "intentionality": None,
    "local_connection": {"months_resident_last_12": 12},
    "history": {"relief_duty_started_on": None},
}


def with_change(path: str, value: Any) -> dict[str, Any]:
    """GOOD with one field set (``value`` DELETE removes it)."""
    facts = copy.deepcopy(GOOD)
    node: Any = facts
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    last = parts[-1]
    if value is DELETE:
        del node[last]
    else:
        node[int(last) if last.isdigit() else last] = value
    return facts


DELETE = object()


def run(tmp_path: Path, content: str, *extra: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "case.json"
    path.write_text(content, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "logic.law", *extra, str(path)], cwd=PROJECT,
                          capture_output=True, text=True, timeout=60)


def test_the_good_facts_are_accepted() -> None:
    parse_facts(GOOD)


# --- through the real command ----------------------------------------------------------


def test_command_refuses_an_impossible_date_with_one_line(tmp_path: Path) -> None:
    facts = with_change("applicant.dob", "2026-02-30")
    r = run(tmp_path, json.dumps({"id": "X", "title": "t", "facts": facts}))
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr == "facts.applicant.dob: not a valid date: '2026-02-30'\n"


def test_command_refuses_a_misspelt_field(tmp_path: Path) -> None:
    facts = with_change("applicant.pregant", True)
    r = run(tmp_path, json.dumps({"facts": facts}))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("facts.applicant.pregant: unknown field (did you mean 'pregnant'?)")
    assert r.stderr.count("\n") == 1


def test_command_refuses_a_file_that_is_not_json(tmp_path: Path) -> None:
    r = run(tmp_path, '{"facts": {')
    assert r.returncode == 2 and r.stdout == ""
    assert "not valid JSON" in r.stderr and r.stderr.count("\n") == 1


def test_command_refuses_a_scenario_without_facts(tmp_path: Path) -> None:
    r = run(tmp_path, json.dumps({"id": "X", "title": "no facts"}))
    assert (r.returncode, r.stderr) == (2, "facts: missing (required)\n")


def test_command_refuses_a_missing_file(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "logic.law", str(tmp_path / "nope.json")],
                       cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stdout == ""
    assert "nope.json: cannot read file" in r.stderr and r.stderr.count("\n") == 1


def test_command_with_no_arguments_exits_2_with_one_line() -> None:
    r = subprocess.run([sys.executable, "-m", "logic.law"], cwd=PROJECT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stderr.count("\n") == 1


# --- through the parser (and main(), in process) ----------------------------------------

BAD = [
    # (field set, value, field named, words in the message)
    ("assessment_date", DELETE, "facts.assessment_date", "missing"),
    ("assessment_date", "23/11/2026", "facts.assessment_date", "not a valid date"),
    ("assessment_date", 20261123, "facts.assessment_date", "YYYY-MM-DD"),
    ("assessment_date", "2026-13-01", "facts.assessment_date", "not a valid date"),
    ("applicant", DELETE, "facts.applicant", "missing"),
    ("applicant", "Jo", "facts.applicant", "must be an object"),
    ("applicant.dob", DELETE, "facts.applicant.dob", "missing"),
    ("applicant.dob", "2027-01-01", "facts.applicant.dob", "after the assessment date"),
    ("applicant.dob", "2025-02-29", "facts.applicant.dob", "not a valid date"),
    ("applicant.sex", "female", "facts.applicant.sex", "allowed: F, M, X"),
    ("applicant.sex", DELETE, "facts.applicant.sex", "missing"),
    ("applicant.immigration_status", "eu_citizen", "facts.applicant.immigration_status",
     "unknown code"),
    ("applicant.immigration_status", DELETE, "facts.applicant.immigration_status", "missing"),
    ("applicant.habitually_resident", "true", "facts.applicant.habitually_resident",
     "true or false"),
    ("applicant.pregnant", 1, "facts.applicant.pregnant", "true or false"),
    ("applicant.pregnant", None, "facts.applicant.pregnant", "true or false"),
    ("applicant.vulnerability", "old_age", "facts.applicant.vulnerability", "must be a list"),
    ("applicant.vulnerability", ["old_age", "frail"], "facts.applicant.vulnerability[1]",
     "unknown code"),
    ("applicant.vulnerability", ["old_age", "old_age"], "facts.applicant.vulnerability[1]",
     "listed twice"),
    ("applicant.care_leaver", "yes", "facts.applicant.care_leaver", "true or false"),
    ("household", {"relation": "child"}, "facts.household", "must be a list"),
    ("household[0]", "child", "facts.household[0]", "must be an object"),
    ("household[0].relation", "son", "facts.household[0].relation", "unknown code"),
    ("household[0].relation", DELETE, "facts.household[0].relation", "missing"),
    ("household[0].dob", "2027-03-01", "facts.household[0].dob", "expected baby"),
    ("household[0].sex", "m", "facts.household[0].sex", "unknown code"),
    ("household[0].dependent", 0, "facts.household[0].dependent", "true or false"),
    ("household[0].age", 7, "facts.household[0].age", "unknown field"),
    ("housing", DELETE, "facts.housing", "missing"),
    ("housing.has_accommodation", DELETE, "facts.housing.has_accommodation", "missing"),
    ("housing.has_accommodation", "no", "facts.housing.has_accommodation", "true or false"),
    ("housing.section_21", {"valid": True}, "facts.housing.section_21.expires_on", "missing"),
    ("housing.section_21", {"valid": "yes", "expires_on": "2027-01-10"},
     "facts.housing.section_21.valid", "true or false"),
    ("housing.section_21", {"valid": True, "expires_on": "2027-02-31"},
     "facts.housing.section_21.expires_on", "not a valid date"),
    ("housing.emergency", "earthquake", "facts.housing.emergency", "allowed: fire, flood"),
    ("housing.current_bedrooms", 2.5, "facts.housing.current_bedrooms", "whole number"),
    ("housing.current_bedrooms", True, "facts.housing.current_bedrooms", "whole number"),
    ("housing.current_bedrooms", -1, "facts.housing.current_bedrooms", "between 0 and 20"),
    ("housing.likely_to_lose_on", "soon", "facts.housing.likely_to_lose_on", "not a valid date"),
    ("housing.overcrowded", True, "facts.housing.overcrowded", "unknown field"),
    ("intentionality", {"deliberate_act_or_omission": True},
     "facts.intentionality.good_faith_unaware", "missing"),
    ("local_connection.months_resident_last_12", 13,
     "facts.local_connection.months_resident_last_12", "between 0 and 12"),
    ("local_connection.years_resident_last_5", "5", "facts.local_connection.years_resident_last_5",
     "whole number"),
    ("local_connection.employed_in_district", 1, "facts.local_connection.employed_in_district",
     "true or false"),
    ("history.relief_duty_started_on", "2026-12-01", "facts.history.relief_duty_started_on",
     "after the assessment date"),
    ("history.relief_started", "2026-10-01", "facts.history.relief_started", "unknown field"),
    ("register", {"household_income": "lots"}, "facts.register.household_income", "pounds"),
    ("register", {"application_date": "2027-01-01"}, "facts.register.application_date",
     "after the assessment date"),
    ("notes", "x", "facts.notes", "unknown field"),
]


@pytest.mark.parametrize(("path", "value", "field", "words"), BAD,
                         ids=[f"{p}={v!r}" if v is not DELETE else f"{p} missing"
                              for p, v, _, _ in BAD])
def test_bad_facts_are_refused_naming_the_field(path: str, value: Any, field: str, words: str
                                                ) -> None:
    with pytest.raises(FieldError) as caught:
        parse_facts(with_change(path, value))
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert words in str(caught.value)


def test_facts_that_are_not_an_object_are_refused() -> None:
    with pytest.raises(FieldError, match="^facts: must be an object"):
        parse_facts([])
    with pytest.raises(FieldError, match="^scenario: must be a JSON object"):
        parse_scenario([1, 2])


def test_main_exits_2_for_each_bad_case_without_printing_a_determination(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path, value, field, _ in BAD[:12]:
        case = tmp_path / "c.json"
        case.write_text(json.dumps({"facts": with_change(path, value)}))
        assert main([str(case)]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith(f"{field}: ") and err.count("\n") == 1


def test_an_assessment_before_the_2017_act_is_refused(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "old.json"
    facts = with_change("assessment_date", "2017-06-01")
    facts["household"] = []
    case.write_text(json.dumps({"facts": facts}))
    assert main([str(case)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("facts.assessment_date: no policy in force on 2017-06-01")


def test_a_recorded_homelessness_duty_must_be_a_duty_code() -> None:
    raw = {"assessment_date": "2026-11-23",
           "applicant": {"dob": "1980-01-01", "sex": "M", "immigration_status": "british_irish"},
           "housing": {"has_accommodation": True},
           "register": {"homelessness_duty": "advice_only"}}
    with pytest.raises(FieldError) as refused:
        parse_facts(raw)
    assert refused.value.field == "facts.register.homelessness_duty"


# --- what a careless or hostile file holds: refused in one line, never a traceback ----------

MEMBER = {"relation": "child", "dob": "2019-05-01", "sex": "F"}
OUT_OF_RANGE = [
    # (what the officer typed or pasted, the file's text, the line refusing it)
    ("a 5,000-digit number of months resident",
     json.dumps({"facts": GOOD}).replace('"months_resident_last_12": 12',
                                         '"months_resident_last_12": ' + "9" * 5000),
     "facts.local_connection.months_resident_last_12: must be a whole number between 0 and 12,"
     " not a 5,000-digit number"),
    ("an array nested 100,000 deep", "[" * 100_000 + "]" * 100_000,
     "scenario: nested more than 20 levels deep"),
    ("an assessment date of 9999-12-31",
     json.dumps({"facts": with_change("assessment_date", "9999-12-31")}),
     "facts.assessment_date: must be between 1997-01-20 and 2099-12-31, not 9999-12-31"),
    ("a section 21 notice expiring in 9999",
     json.dumps({"facts": with_change("housing.section_21.expires_on", "9999-12-31")}),
     "facts.housing.section_21.expires_on: must be between 1997-01-20 and 2099-12-31"),
    ("an income of Infinity",
     json.dumps({"facts": {**GOOD, "register": {"household_income": float("inf")}}}),
     "facts.register.household_income: must be an amount in pounds between 0 and 100,000,000,"
     " not Infinity"),
    ("an income of NaN",
     json.dumps({"facts": {**GOOD, "register": {"household_income": float("nan")}}}),
     "facts.register.household_income: must be an amount in pounds between 0 and 100,000,000"),
    ("savings of 10^30 pounds",
     json.dumps({"facts": {**GOOD, "register": {"household_savings": 1e30}}}),
     "facts.register.household_savings: must be between 0 and 100,000,000 pounds"),
    ("an applicant born in year 1",
     json.dumps({"facts": with_change("applicant.dob", "0001-01-01")}),
     "facts.applicant.dob: must be between 1901-11-23 and 2026-11-23"),
    ("a child born in year 1",
     json.dumps({"facts": with_change("household.0.dob", "0001-01-01")}),
     "facts.household[0].dob: must be between 1901-11-23 and 2026-11-23"),
    ("an applicant born next year",
     json.dumps({"facts": with_change("applicant.dob", "2027-06-01")}),
     "facts.applicant.dob: after the assessment date 2026-11-23"),
    ("10^18 bedrooms", json.dumps({"facts": with_change("housing.current_bedrooms", 10**18)}),
     "facts.housing.current_bedrooms: must be a whole number between 0 and 20,"
     " not a 19-digit number"),
    ("21 bedrooms", json.dumps({"facts": with_change("housing.current_bedrooms", 21)}),
     "facts.housing.current_bedrooms: must be between 0 and 20, not 21"),
    ("a pregnancy of 1,000 babies",
     json.dumps({"facts": with_change("applicant.expected_babies", 1000)}),
     "facts.applicant.expected_babies: must be between 1 and 8, not 1000"),
    ("50,000 household members",
     json.dumps({"facts": with_change("household", [MEMBER] * 50_000)}),
     "facts.household: must list between 0 and 30 members besides the applicant, not 50,000"),
]


@pytest.mark.parametrize(("text", "line"), [c[1:] for c in OUT_OF_RANGE],
                         ids=[c[0] for c in OUT_OF_RANGE])
def test_command_refuses_a_value_out_of_range_in_one_line_naming_field_and_range(
        tmp_path: Path, text: str, line: str) -> None:
    r = run(tmp_path, text)
    assert (r.returncode, r.stdout) == (2, ""), r.stderr[-300:]
    assert r.stderr.startswith(line), r.stderr[-300:]
    assert r.stderr.count("\n") == 1, r.stderr[-300:]


def test_a_household_of_thirty_members_born_125_years_ago_is_still_decided(tmp_path: Path
                                                                            ) -> None:
    facts = with_change("household", [MEMBER] * 30)
    facts["applicant"]["dob"] = "1901-11-23"
    r = run(tmp_path, json.dumps({"facts": facts}))
    assert r.returncode == 0, r.stderr
