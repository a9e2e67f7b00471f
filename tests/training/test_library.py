"""The practice library: at least 30 cases, every one readable by the engine, every fact
reachable by the interview, and any cross-check the author wrote agrees with the law."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from logic.common.errors import FieldError
from logic.law import determine, parse_facts
from logic.training.library import (
    DEFAULT_DIR,
    TOPICS,
    fact_sheet,
    leaf_paths,
    load_library,
    revealed_paths,
)

LIBRARY = load_library()
SHARED = Path(__file__).resolve().parents[3] / "shared" / "scenarios"


def test_the_library_holds_at_least_thirty_cases_with_distinct_ids_and_titles():
    assert len(LIBRARY) >= 30
    assert len({c.id for c in LIBRARY}) == len(LIBRARY)
    assert len({c.title for c in LIBRARY}) == len(LIBRARY)


@pytest.mark.parametrize("case", LIBRARY, ids=lambda c: c.id)
def test_every_case_parses_with_the_engine_and_the_engine_agrees_with_its_cross_check(case):
    raw = json.loads((DEFAULT_DIR / case.file).read_text())
    facts = parse_facts(raw["facts"])
    got = determine(facts).to_json_dict()
    for key, value in (case.expected or {}).items():
        assert got[key] == value, f"{case.id} {key}: author expected {value!r}, engine {got[key]!r}"


@pytest.mark.parametrize("case", LIBRARY, ids=lambda c: c.id)
def test_a_trainee_who_asks_every_question_learns_every_fact(case):
    every = range(len(case.interview))
    lines = fact_sheet(case, every)
    assert lines, case.id
    revealed = revealed_paths(case, every)
    for leaf in leaf_paths(case.raw_facts):
        assert any(leaf == p or leaf.startswith(p + ".") or leaf.startswith(p + "[")
                   for p in revealed), (case.id, leaf)


def test_before_any_question_only_the_given_facts_are_on_the_sheet():
    case = next(c for c in LIBRARY if c.id == "TR02")
    assert [line.path for line in fact_sheet(case, [])] == ["assessment_date", "applicant.sex"]
    household = next(i for i, q in enumerate(case.interview) if "household" in q.reveals)
    lines = fact_sheet(case, [household])
    assert [line.label for line in lines][-2:] == ["Household member 1: child",
                                                   "Household member 2: child"]
    assert "aged 9" in lines[-2].value and "dependent" in lines[-2].value


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_is_practised_at_every_difficulty(topic):
    levels = {c.difficulty for c in LIBRARY if topic in c.topics}
    assert levels == {1, 2, 3}, (topic, levels)


def test_the_library_covers_the_situations_officers_meet():
    facts = [c.raw_facts for c in LIBRARY]
    statuses = {f["applicant"]["immigration_status"] for f in facts}
    assert {"asylum_seeker", "refugee", "ukraine_scheme", "pre_settled_worker",
            "pre_settled_no_right_to_reside", "british_irish", "settled"} <= statuses
    flags = {k for f in facts for k, v in f["applicant"].items() if v is True}
    assert {"care_leaver", "vulnerable_custody", "vulnerable_armed_forces", "pregnant"} <= flags
    assert any(m.get("resides_with_applicant") is False for f in facts for m in f["household"])
    assert any(f["housing"].get("domestic_abuse") for f in facts)
    assert any(f.get("intentionality", {}) and f["intentionality"]["good_faith_unaware"]
               for f in facts)
    assert any(determine(c.facts).referral_possible for c in LIBRARY)
    assert {determine(c.facts).duty for c in LIBRARY} == {
        "prevention", "relief", "main", "intentional_priority", "advice_only"}
    assert {determine(c.facts).band for c in LIBRARY} == {"A", "B", "C", "D", None}
    assert len({c.channel for c in LIBRARY}) == 5


def test_no_shared_scenario_is_reused_as_a_practice_case():
    if not SHARED.is_dir():
        pytest.skip("the shared scenarios are not beside this checkout")
    shared = [json.loads(p.read_text())["facts"] for p in SHARED.glob("*.json")]
    assert shared
    for case in LIBRARY:
        assert case.raw_facts not in shared, case.id


def _write(folder: Path, name: str, body: dict) -> None:
    (folder / name).write_text(json.dumps(body))


def _good() -> dict:
    return json.loads((DEFAULT_DIR / "TR01.json").read_text())


@pytest.mark.parametrize(("change", "field"), [
    (lambda c: c["facts"]["applicant"].update(dob="1991-02-30"), "facts.applicant.dob"),
    (lambda c: c["facts"]["housing"].update(pregant=True), "facts.housing.pregant"),
    (lambda c: c.update(difficulty=4), "difficulty"),
    (lambda c: c.update(topics=["prevention", "homelessness"]), "topics[1]"),
    (lambda c: c["interview"][0].update(reveals="applicant.dateofbirth"), "interview[0].reveals"),
    (lambda c: c["interview"].pop(5), "facts.local_connection.months_resident_last_12"),
    (lambda c: c.pop("narrative"), "narrative"),
    (lambda c: c.update(id="TR99"), "id"),
    (lambda c: c.update(expected={"dutty": "relief"}), "expected.dutty"),
])
def test_a_malformed_case_is_refused_naming_the_file_and_the_field(tmp_path, change, field):
    body = _good()
    change(body)
    _write(tmp_path, "TR01.json", body)
    with pytest.raises(FieldError) as refused:
        load_library(tmp_path)
    assert refused.value.label == f"TR01.json: {field}"  # the file, then the field in it
    assert refused.value.field == field
    assert str(refused.value).startswith(f"TR01.json: {field}: ")
