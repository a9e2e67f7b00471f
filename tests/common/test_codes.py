"""One vocabulary: every code Hearth stores or exchanges has one label, read from codes.py."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from logic.common import codes
from logic.common.codes import UnknownCode

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


# --- the vocabulary itself ------------------------------------------------------------------

def test_an_unknown_code_is_an_error_that_names_the_vocabulary_and_the_choices() -> None:
    with pytest.raises(UnknownCode) as refused:
        codes.IMMIGRATION_STATUSES.label("british")
    message = str(refused.value)
    assert "'british' is not a known immigration status" in message
    assert "british_irish" in message


def test_a_code_reads_as_a_label_a_cited_label_and_words_inside_a_sentence() -> None:
    assert codes.CASEWORK_DUTIES.label("main_duty") == "Main housing duty"
    assert codes.CASEWORK_DUTIES.cited("main_duty") == "Main housing duty (s.193(2))"
    assert codes.CASEWORK_DUTIES.phrase("relief") == "relief duty (s.189B(2))"
    assert codes.CASEWORK_DUTIES.words("relief") == "relief duty"
    assert codes.HOMELESSNESS_STAGES.cited("duty_ended") == "Duty ended"  # no provision, no brackets


def test_select_boxes_get_the_codes_in_order_with_their_labels() -> None:
    options = codes.IMMIGRATION_ANSWERS.options()
    assert next(iter(options)) == "not_known"  # the intake form starts at "not known yet"
    assert options["british_irish"] == "British or Irish citizen"
    assert codes.IMMIGRATION_ANSWERS.codes()[1:] == codes.IMMIGRATION_STATUSES.codes()


def test_assessment_is_a_different_stage_on_a_register_application_and_a_homelessness_case() -> None:
    assert codes.stage_label("homelessness", "assessment") == "Assessment"
    assert codes.HOMELESSNESS_STAGES.citation("assessment") == "s.184, s.189A"
    assert codes.REGISTER_STAGES.citation("assessment") == "s.166A"
    with pytest.raises(UnknownCode):
        codes.stage_label("register", "main_duty")
    with pytest.raises(UnknownCode):
        codes.stage_label("complaint", "assessment")


@pytest.mark.parametrize("name", sorted(codes.ALL))
def test_every_vocabulary_has_a_readable_label_for_every_code(name: str) -> None:
    vocabulary = codes.ALL[name]
    assert len(vocabulary) > 0
    labels = [entry.label for entry in vocabulary]
    for entry in vocabulary:
        assert entry.label.strip() and entry.label[0].isupper(), (name, entry)
        assert "_" not in entry.label, (name, entry)  # never the code dressed up
    assert len(set(labels)) == len(labels), f"{name}: two codes share a label"


# --- the engine's codes and casework's codes for the same duty --------------------------------

def test_each_engine_duty_maps_to_the_duty_casework_records_and_back() -> None:
    for engine_code in codes.ENGINE_DUTIES.codes():
        recorded = codes.casework_duty(engine_code)
        if recorded is None:
            assert engine_code == "advice_only"  # advice is owed no duty row
            continue
        assert codes.engine_duty(recorded) == engine_code
    for recorded in codes.CASEWORK_DUTIES.codes():
        assert codes.casework_duty(codes.engine_duty(recorded)) == recorded


def test_the_main_duty_is_main_to_the_engine_and_main_duty_on_a_case_with_one_label() -> None:
    assert codes.casework_duty("main") == "main_duty"
    assert codes.engine_duty("main_duty") == "main"
    assert codes.ENGINE_DUTIES.cited("main") == codes.CASEWORK_DUTIES.cited("main_duty")
    with pytest.raises(UnknownCode):
        codes.casework_duty("main_duty")  # a casework code is not an engine code
    with pytest.raises(UnknownCode):
        codes.engine_duty("main")


def test_each_duty_stage_holds_the_duty_row_of_the_same_name_with_the_same_provision() -> None:
    from logic.casework import stages

    for stage, duty in stages.DUTY_OF_STAGE.items():
        assert duty in codes.CASEWORK_DUTIES
        assert codes.HOMELESSNESS_STAGES.citation(stage) == codes.CASEWORK_DUTIES.citation(duty)


# --- every code used in logic/ has a label ----------------------------------------------------

def test_the_stored_enumerations_are_the_vocabularies() -> None:
    from logic.models import CaseStatus, CaseType, ContactChannel, Role
    from logic.models.front_door import FlagKind, ReferringBody

    for enum, vocabulary in ((Role, codes.ROLES), (ContactChannel, codes.CONTACT_CHANNELS),
                             (CaseType, codes.CASE_TYPES), (CaseStatus, codes.CASE_STATUSES),
                             (FlagKind, codes.SAFEGUARDING_CONCERNS),
                             (ReferringBody, codes.REFERRING_BODIES)):
        assert {m.value for m in enum} == set(vocabulary.codes()), enum.__name__
    assert set(codes.CASE_STAGES) == set(codes.CASE_TYPES.codes())
    assert set(codes.CASEWORK_ROLES) < set(codes.ROLES.codes())


def test_the_engine_allows_exactly_the_codes_that_have_labels() -> None:
    from logic.law import duties, facts, homelessness
    from logic.law.policy import PREFERENCE_CODES
    from logic.training import marking

    assert set(facts.IMMIGRATION_STATUSES) == set(codes.IMMIGRATION_STATUSES.codes())
    assert set(facts.SEXES) == set(codes.SEXES.codes())
    assert set(facts.RELATIONS) == set(codes.MEMBER_RELATIONS.codes())
    assert set(facts.VULNERABILITIES) == set(codes.VULNERABILITIES.codes())
    assert set(facts.EMERGENCIES) == set(codes.EMERGENCIES.codes())
    assert set(duties.DUTIES) == set(codes.ENGINE_DUTIES.codes())
    assert {homelessness.HOMELESS, homelessness.THREATENED, homelessness.NEITHER} == set(
        codes.HOMELESSNESS.codes())
    assert set(marking.GROUNDS) == set(codes.PRIORITY_NEED_GROUNDS.codes())
    assert set(marking.PREFERENCES) == set(PREFERENCE_CODES) == set(
        codes.REASONABLE_PREFERENCES.codes())


def _determination_codes(found: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for field, vocabulary in codes.FINDINGS.items():
        value = found.get(field)
        for code in value if isinstance(value, list) else [value]:
            if code is not None:
                assert code in vocabulary, (field, code)
                yield field, code


def test_every_finding_the_engine_gives_in_the_scenarios_has_a_label() -> None:
    from logic.law import determine

    seen: set[tuple[str, str]] = set()
    for path in sorted((ROOT / "tests" / "law" / "scenarios").glob("*.json")):
        scenario = json.loads(path.read_text(encoding="utf-8"))
        seen |= set(_determination_codes(determine(scenario["facts"]).to_json_dict()))
    # the walk saw every duty and every homelessness finding, so it checked something real
    assert {c for f, c in seen if f == "duty"} == set(codes.ENGINE_DUTIES.codes())
    assert {c for f, c in seen if f == "homelessness"} == set(codes.HOMELESSNESS.codes())


def test_every_stage_casework_can_move_a_case_to_has_a_label() -> None:
    from logic.casework import stages

    for here, onward in stages.TRANSITIONS.items():
        for stage in (here, *onward):
            assert stage in codes.HOMELESSNESS_STAGES
    for duty in stages.END_REASONS:
        assert duty in codes.CASEWORK_DUTIES


def test_every_case_the_demo_seed_opens_has_a_labelled_type_stage_and_status() -> None:
    from logic import seed
    from logic.cases.service import FIRST_STAGE

    for case_type, stage, status, _weight in seed._CASE_MIX:
        codes.stage_label(case_type, stage)
        codes.CASE_STATUSES.label(status)
    for case_type, path in seed._STAGE_PATH.items():
        for stage in path:
            codes.stage_label(case_type, stage)
    for case_type, stage in FIRST_STAGE.items():
        codes.stage_label(case_type, stage)


# --- every code used in data/ has a label -----------------------------------------------------

def _leaves(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) for every value in a policy file, {value, ref} unwrapped."""
    if isinstance(node, dict):
        if "value" in node and "ref" in node:
            yield path, node["value"]
            return
        for key, child in node.items():
            yield from _leaves(child, f"{path}.{key}" if path else key)
    elif isinstance(node, list) and node and all(isinstance(x, dict) for x in node):
        for i, child in enumerate(node):
            yield from _leaves(child, f"{path}[{i}]")
    else:
        yield path, node


def _policy(name: str) -> list[tuple[str, Any]]:
    with open(DATA / "policy" / name, "rb") as f:
        return list(_leaves(tomllib.load(f)))


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "policy").glob("*.toml")))
def test_every_role_a_policy_file_names_is_a_role(name: str) -> None:
    for path, value in _policy(name):
        if path.rsplit(".", 1)[-1].endswith("roles"):
            for role in value:
                assert role in codes.ROLES, f"{name}: {path} names {role!r}"


def test_every_stage_the_workload_policy_weighs_or_gates_is_a_stage_of_its_case_type() -> None:
    checked = 0
    for path, value in _policy("workload.toml"):
        parts = path.split(".")
        if "stage_weights" in parts:
            case_type, stage = parts[-2], parts[-1]
            codes.stage_label(case_type, stage)
            checked += 1
        elif parts[-1] == "homelessness_stages":
            for stage in value:
                assert stage in codes.HOMELESSNESS_STAGES, f"workload.toml: {path}"
                checked += 1
    assert checked >= 9


def test_every_practice_case_uses_labelled_channels_topics_facts_and_answers() -> None:
    cases = sorted((DATA / "training").glob("*.json"))
    assert cases
    for path in cases:
        case = json.loads(path.read_text())
        assert case["channel"] in codes.CONTACT_CHANNELS, path.name
        for topic in case["topics"]:
            assert topic in codes.TRAINING_TOPICS, path.name
        facts = case["facts"]
        assert facts["applicant"]["immigration_status"] in codes.IMMIGRATION_STATUSES, path.name
        assert facts["applicant"]["sex"] in codes.SEXES, path.name
        for member in facts.get("household", []):
            assert member["relation"] in codes.MEMBER_RELATIONS, path.name
        list(_determination_codes(case["expected"]))


def test_every_duty_a_letter_can_name_is_a_duty_with_a_label() -> None:
    from logic.letters.catalogue import DUTY_CHOICES, LETTER_TYPES

    assert set(DUTY_CHOICES) <= set(codes.ENGINE_DUTIES.codes())
    for letter in LETTER_TYPES.values():
        duty = letter.expects.get("duty") if letter.expects else None
        if duty is not None:
            assert duty in codes.ENGINE_DUTIES, letter.code


# --- H-CLIC: the return's categories as Hearth's own codes -----------------------------------

def test_every_reason_for_losing_a_settled_home_belongs_to_one_published_group() -> None:
    assert set(codes.LOSS_REASON_GROUP) == set(codes.LOSS_REASONS.codes())
    assert set(codes.LOSS_REASON_GROUP.values()) == set(codes.LOSS_REASON_GROUPS.codes())
    # a section 21 for rent arrears is counted under the end of an assured shorthold tenancy
    assert codes.LOSS_REASON_GROUP["ast_rent_arrears"] == "ast_end"
    assert codes.LOSS_REASONS.label("ast_rent_arrears").startswith("End of assured shorthold")


def test_a_referral_under_s213b_names_its_body_with_the_code_the_referral_was_received_under() -> None:
    assert set(codes.REFERRING_BODIES.codes()) <= set(codes.REFERRAL_SOURCES.codes())
    assert codes.REFERRAL_SOURCES.label("jobcentre") == codes.REFERRING_BODIES.label("jobcentre")
    for other in (codes.REFERRAL_SOURCE_SELF, "other_agency", "other_council"):
        assert other in codes.REFERRAL_SOURCES


def test_support_needs_offer_none_and_not_known_beside_the_published_needs() -> None:
    assert codes.SUPPORT_NEEDS_NONE in codes.SUPPORT_NEEDS
    assert codes.SUPPORT_NEEDS_NOT_KNOWN in codes.SUPPORT_NEEDS
    assert len(codes.SUPPORT_NEEDS) == 22  # twenty published needs, each once, and the two answers
    assert len(codes.EMPLOYMENT_STATUSES) == 10


def test_every_h_clic_code_fits_the_column_it_is_stored_in() -> None:
    for vocabulary in (codes.ACCOMMODATION_TYPES, codes.LOSS_REASONS, codes.SUPPORT_NEEDS,
                       codes.EMPLOYMENT_STATUSES, codes.MAIN_ACTIVITIES, codes.ACCOMMODATION_SECURED,
                       codes.REFERRAL_SOURCES):
        assert max(len(code) for code in vocabulary.codes()) <= 40, vocabulary.name
