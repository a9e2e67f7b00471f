"""One error names a field: its code for tests and the command line, its label for the officer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from logic.common.errors import FieldError, HearthError, Refused, field_label

PROJECT = Path(__file__).resolve().parents[2]
DUTY_FORM = {"duty_started_on": "Date the duty started", "steps": "Steps of the plan"}


def test_the_officer_reads_the_label_and_the_code_stays_for_tests():
    error = FieldError("duty_started_on", "this is required", DUTY_FORM)
    assert error.message == str(error) == "Date the duty started: this is required"
    assert (error.field, error.label, error.problem) == (
        "duty_started_on", "Date the duty started", "this is required")
    assert isinstance(error, HearthError)  # every page shows it through the one refusal path


def test_a_row_of_a_list_takes_the_label_of_its_list():
    assert FieldError("steps[2]", "say what the step is", DUTY_FORM).label == "Steps of the plan"


def test_a_field_no_form_labels_reads_as_words_never_as_a_code():
    assert field_label("referral.body_type") == "Referral body type"
    assert field_label("to_officer_id", DUTY_FORM) == "To officer id"
    assert FieldError("case", "the case is closed").message == "Case: the case is closed"


def test_a_label_given_for_one_refusal_wins_over_the_forms_labels():
    error = FieldError("steps[1].owner", "say whose step it is", DUTY_FORM, label="Step 2: for")
    assert error.message == "Step 2: for: say whose step it is"


def test_a_fact_refused_by_the_engine_is_said_again_as_the_form_asks_it():
    engine = FieldError("facts.applicant.dob", "after the assessment date 2026-11-23",
                        label="facts.applicant.dob")
    asked = engine.asked_as("applicant_dob", "Date of birth")
    assert asked.message == "Date of birth: after the assessment date 2026-11-23"
    assert asked.field == "applicant_dob"


def test_a_refusal_about_the_case_as_it_stands_names_no_field_and_keeps_its_citation():
    refusal = Refused("Record the assessment (s.189A) first", "Housing Act 1996 s.189A")
    assert refusal.message == "Record the assessment (s.189A) first"
    assert refusal.citation == "Housing Act 1996 s.189A"
    assert not hasattr(refusal, "field")


def test_the_engine_stays_pure_with_the_one_error():
    # logic/law raises FieldError: importing it must not pull in the database or streamlit
    probe = ("import sys, logic.law, logic.common.errors; "
             "bad = [m for m in ('sqlmodel', 'sqlalchemy', 'streamlit', 'logic.db') if m in sys.modules]; "
             "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
