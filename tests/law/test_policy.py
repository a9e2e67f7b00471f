"""The policy files: dated versions, the council's choices, and a malformed file refused
with a message naming the key."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from law_helpers import PROJECT

from logic.law import PolicyError, determine, load_policy, policy_as_at
from logic.law.policy import DEFAULT_DIR

ON = date(2026, 11, 23)


def copy_policy(tmp_path: Path) -> Path:
    folder = tmp_path / "policy"
    shutil.copytree(DEFAULT_DIR, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def family(on: str = "2026-11-23", **housing: object) -> dict:
    return {
        "assessment_date": on,
        "applicant": {"dob": "1990-01-01", "sex": "F", "immigration_status": "british_irish",
                      "pregnant": True},
        "household": [{"relation": "child", "dob": "2008-01-01", "sex": "M", "dependent": True},
                      {"relation": "child", "dob": "2011-01-01", "sex": "M", "dependent": True}],
        "housing": {"has_accommodation": True, **housing},
        "local_connection": {"months_resident_last_12": 12, "years_resident_last_5": 5},
    }


def test_the_default_policy_loads_with_the_statutory_numbers() -> None:
    p = policy_as_at(ON)
    assert (p.threatened_within_days, p.relief_days, p.prevention_days) == (56, 56, 56)
    assert p.s202_request_days == 21 and p.bnb_family_max_weeks == 6
    assert p.bedroom_standard == "size_criteria" and p.count_unborn_child
    assert [b.name for b in p.bands] == ["A", "B", "C", "D"]
    assert p.ref("qualification.residence_years")


def test_a_past_decision_is_made_with_the_law_then_in_force() -> None:
    assert policy_as_at(date(2021, 7, 4)).domestic_abuse_priority_need is False
    assert policy_as_at(date(2021, 7, 5)).domestic_abuse_priority_need is True
    assert policy_as_at(date(2026, 4, 30)).possession_notice == "section 21 notice"
    assert policy_as_at(date(2026, 5, 1)).possession_notice == "notice seeking possession"


def test_no_policy_before_the_homelessness_reduction_act() -> None:
    with pytest.raises(PolicyError, match="no policy in force on 2018-04-02"):
        policy_as_at(date(2018, 4, 2))


def test_a_later_version_changes_only_what_it_gives(tmp_path: Path) -> None:
    folder = copy_policy(tmp_path)
    with (folder / "allocation.toml").open("a") as fh:
        fh.write("\n[[version]]\neffective_from = 2027-04-01\nnote = \"new limit\"\n"
                 "[version.qualification]\nincome_threshold = 45000\n")
    book = load_policy(folder)
    assert book.as_at(date(2027, 3, 31)).income_threshold == 60000
    later = book.as_at(date(2027, 4, 1))
    assert later.income_threshold == 45000 and later.savings_threshold == 16000
    assert later.effective_from == date(2027, 4, 1)


def test_the_council_can_choose_the_classic_bedroom_standard(tmp_path: Path) -> None:
    folder = copy_policy(tmp_path)
    # Two brothers of 18 and 15, and an expected baby.
    assert determine(family(), policy_as_at(ON)).bedroom_need == 4
    edit(folder, "allocation.toml", 'standard = { value = "size_criteria"',
         'standard = { value = "bedroom_standard"')
    classic = load_policy(folder).as_at(ON)
    assert determine(family(), classic).bedroom_need == 3  # brothers under 21 share


def test_the_council_can_choose_not_to_count_an_unborn_child(tmp_path: Path) -> None:
    folder = copy_policy(tmp_path)
    edit(folder, "allocation.toml", "count_unborn_child = { value = true",
         "count_unborn_child = { value = false")
    d = determine(family(), load_policy(folder).as_at(ON))
    assert d.bedroom_need == 3
    assert "pregnant" in d.priority_need_grounds  # the law still counts the pregnancy


BROKEN = [
    ("allocation.toml", 'name = "C"\n', "", "allocation.toml: version[0].bands[2].name: missing"),
    ("allocation.toml", "income_threshold = { value = 60000", 'income_threshold = { value = "lots"',
     "allocation.toml: version[0].qualification.income_threshold: must be a whole number"),
    ("allocation.toml", "savings_threshold", "savings_treshold",
     "allocation.toml: version[0].qualification.savings_treshold: unknown key (did you mean 'savings_threshold'?)"),
    ("allocation.toml", 'standard = { value = "size_criteria"', 'standard = { value = "roomy"',
     "allocation.toml: version[0].bedrooms.standard: unknown value 'roomy'"),
    ("allocation.toml", 'when = [{ min_categories = 1 }]', 'when = [{ all = ["rich"] }]',
     "allocation.toml: version[0].bands[2].when[0].all[0]: unknown code 'rich'"),
    ("allocation.toml", 'effective_date = "application_date"\n',
     'effective_date = "application_date"\nwhen = [{ min_categories = 0 }]\n',
     "allocation.toml: version[0].bands[3].when: the last band must have no conditions"),
    ("allocation.toml", "bnb_family_limit_weeks = { value = 6", "bnb_family_limit_weeks = { value = 8",
     "allocation.toml: version[0].deadlines.bnb_family_limit_weeks: 8 weeks is longer"),
    ("allocation.toml", "effective_from = 2018-04-03", "effective_from = \"April\"",
     "allocation.toml: version[0].effective_from: must be a date"),
    ("statutory.toml", "relief_days = { value = 56", "relief_days = { value = 0",
     "statutory.toml: version[0].homelessness.relief_days: must be 1 or more"),
    ("statutory.toml", "[version.reviews]\n", "[version.review]\n",
     "statutory.toml: version[0].reviews: missing"),
    ("allocation.toml", "[meta]", "[meta\n", "allocation.toml: not valid TOML"),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), BROKEN,
                         ids=[m.split(": ")[1] for *_, m in BROKEN])
def test_a_malformed_policy_is_refused_naming_the_key(tmp_path: Path, name: str, old: str,
                                                      new: str, message: str) -> None:
    folder = copy_policy(tmp_path)
    edit(folder, name, old, new)
    with pytest.raises(PolicyError) as caught:
        load_policy(folder)
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_missing_policy_file_is_refused(tmp_path: Path) -> None:
    folder = copy_policy(tmp_path)
    (folder / "statutory.toml").unlink()
    with pytest.raises(PolicyError, match="^statutory.toml: file not found"):
        load_policy(folder)


def test_the_command_refuses_to_start_with_a_malformed_policy(tmp_path: Path) -> None:
    folder = copy_policy(tmp_path)
    edit(folder, "allocation.toml", 'name = "B"\n', "")
    case = tmp_path / "case.json"
    case.write_text('{"facts": {}}')
    r = subprocess.run([sys.executable, "-m", "logic.law", "--policy", str(folder), str(case)],
                       cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 3 and r.stdout == ""
    assert r.stderr == "policy: allocation.toml: version[0].bands[1].name: missing\n"
