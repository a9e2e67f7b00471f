"""Screens show codes in the officers' words (from logic.common.codes), never the stored code."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlmodel import Session, select

from logic import db
from logic.cases import views
from logic.casework import views as casework_views
from logic.common import codes
from logic.models.workload import OfficerAbsence
from logic.register import views as register_views
from pages import _keys
from tests.pages.conftest import signed_in_app


def _problems(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def test_all_open_cases_names_each_case_type_and_stage_in_words(demo_store):
    stored = views.open_cases()
    assert "main_duty_decision" in set(stored["stage"])  # the store has the case this is about

    app = signed_in_app("officer")
    app.switch_page("pages/open_cases.py")
    app.run()
    app.selectbox(key="open_cases_page_size").set_value(100)  # the list comes a page at a time
    app.run()
    assert not app.exception, _problems(app)
    shown = app.dataframe[0].value
    assert len(stored) <= 100

    assert "Main duty decision due" in set(shown["stage"])
    assert "main_duty_decision" not in set(shown["stage"])
    assert set(shown["case_type"]) <= {"Advice", "Homelessness", "Housing register"}
    assert list(shown["stage"]) == [codes.stage_label(t, s)
                                    for t, s in zip(stored["case_type"], stored["stage"], strict=True)]


def test_the_team_caseload_heads_its_columns_with_stage_labels_and_names_roles(demo_store):
    app = signed_in_app("manager")
    app.switch_page("pages/team_caseload.py")
    app.run()
    assert not app.exception, _problems(app)
    table = app.dataframe[0].value

    assert "Homelessness · Relief duty" in table.columns
    assert not [c for c in table.columns if "_" in str(c) and c != "hours_per_week"]
    assert set(table["role"]) <= set(codes.ROLES.options().values())
    assert "Senior officer" in set(table["role"])


# --- Every word on a screen: no stored code, no "None", no ISO date -------------------------------

def _codes_known() -> set[str]:
    """Every snake_case code in the vocabularies of logic.common.codes (and the stage codes)."""
    known: set[str] = set()
    for value in vars(codes).values():
        if isinstance(value, codes.Vocabulary):
            known |= set(value.codes())
    return known


_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_NONE = re.compile(r"\bNone\b")
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_MORE_CODES = {"main_duty_decision", "general_needs", "full_name", "duty_change", "housekeeping",
               "duty_started_on"}


_WIDGETS = {"selectbox", "radio", "multiselect", "select_slider", "checkbox", "toggle", "text_input",
            "text_area", "number_input", "date_input", "time_input", "button", "color_picker",
            "slider", "chat_input", "button_group", "download_button"}


def _texts(node) -> list[str]:
    """Every string the officer reads in an AppTest element tree: text, labels, help, tables."""
    found: list[str] = []
    proto = getattr(node, "proto", None)
    widget = getattr(node, "type", "") in _WIDGETS  # a widget's value is the stored choice, not its words
    for attr in ("label", "help", "placeholder", "options") if widget else (
            "value", "label", "body", "help", "caption", "placeholder", "options"):
        try:
            got = getattr(node, attr)
        except Exception:  # noqa: BLE001 - not every element has every attribute
            continue
        if isinstance(got, str):
            found.append(got)
        elif isinstance(got, (list, tuple)):
            found += [str(g) for g in got]
        elif hasattr(got, "to_string") and hasattr(got, "columns"):  # a table
            found += _table_texts(got, proto)
    if proto is not None and getattr(node, "type", "") == "metric":
        found.append(str(getattr(node, "value", "")))
    for child in getattr(node, "children", {}).values():
        found += _texts(child)
    return found


def _table_texts(table, proto) -> list[str]:
    """A table as shown: each column under its configured heading; a column the screen formats
    as a date (column_config with a format) is not read as text."""
    config = json.loads(proto.columns) if proto is not None and proto.columns else {}
    shown = set(proto.column_order) if proto is not None and proto.column_order else None
    found = []
    for column in table.columns:
        settings = config.get(f"col:name:{column}") or config.get(str(column)) or {}
        if settings is None or settings.get("hidden") or (shown is not None and column not in shown):
            continue
        found.append(settings.get("label") or str(column))
        kind = (settings.get("type_config") or {})
        if settings.get("type_config", {}).get("type") in ("date", "datetime") and kind.get("format"):
            continue
        found += ["" if v is None or v != v else str(v) for v in table[column]]
    return found


def _words_problems(app) -> list[str]:
    known = _codes_known() | _MORE_CODES
    problems = []
    for text in _texts(app._tree):
        if _ISO_DATE.search(text):
            problems.append(f"ISO date: {text[:160]!r}")
        if _NONE.search(text):
            problems.append(f"None: {text[:160]!r}")
        shown_codes = {t for t in _SNAKE.findall(text) if t in known}
        if text in known and text.islower():  # a whole word that is a stored code ("overdue")
            shown_codes.add(text)
        if shown_codes:
            problems.append(f"codes {sorted(shown_codes)}: {text[:160]!r}")
    return sorted(set(problems))


def _open(role: str, page: str, **query) -> object:
    app = signed_in_app(role)
    for name, value in query.items():
        app.query_params[name] = value
    app.switch_page(page)
    app.run()
    assert not app.exception, _problems(app)
    return app


def _homelessness_case(stage: str) -> str:
    stored = views.open_cases()
    return stored[(stored["case_type"] == "homelessness") & (stored["stage"] == stage)].iloc[0]["reference"]


@pytest.mark.parametrize("stage", ["main_duty_decision", "relief", "prevention", "main_duty"])
def test_the_case_record_reads_in_words_with_dates_as_officers_write_them(demo_store, stage):
    stored = views.open_cases()
    if not ((stored["case_type"] == "homelessness") & (stored["stage"] == stage)).any():
        pytest.skip(f"the demo has no case at {stage}")
    app = _open("senior", "pages/case_record.py", ref=_homelessness_case(stage))
    assert app.title, "the case record opened"
    assert _words_problems(app) == []
    assert f"**{codes.stage_label('homelessness', stage)}**" in {m.value for m in app.markdown}


def test_the_register_application_and_its_history_read_in_words(demo_store):
    waiting = register_views.register_case_choices(limit=10_000)
    decided = waiting[(waiting["status"] == "open") & waiting["band"].notna()]
    app = _open("senior", "pages/register_application.py", ref=decided.iloc[0]["reference"])
    assert app.expander, "the history tab lists events"
    assert _words_problems(app) == []


def test_the_lettings_screen_reads_in_words(demo_store):
    app = _open("senior", "pages/lettings.py")
    assert _words_problems(app) == []


def test_the_temporary_accommodation_screen_reads_in_words(demo_store):
    app = _open("manager", "pages/temporary_accommodation.py")
    assert _words_problems(app) == []
    in_use = next(d.value for d in app.dataframe if "bnb_status" in d.value.columns)
    assert "Near the limit" in set(in_use["bnb_status"])  # the demo's family near six weeks in B&B
    assert set(in_use["bnb_status"]) <= {"", *codes.BNB_LIMIT_STATUSES.options().values()}


def test_the_dates_due_screen_reads_in_words(demo_store):
    app = _open("senior", "pages/deadlines.py")
    assert _words_problems(app) == []



def test_an_affordable_deposit_request_reads_as_a_pass_not_a_warning(demo_store):
    queue = casework_views.approvals_queue()
    assert (queue["kind"] == "financial_assistance").any()  # the demo has a deposit waiting

    app = _open("senior", "pages/temporary_accommodation.py")
    passed = [s.value for s in app.success]
    warned = [w.value for w in app.warning]
    assert any("income: affordable" in s for s in passed), passed
    assert not any("income: affordable" in w for w in warned), warned


def test_an_officers_absences_read_in_words_with_dates_as_officers_write_them(demo_store):
    with Session(db.engine_for()) as session:
        away = session.exec(select(OfficerAbsence.officer_id)).first()
    assert away is not None  # the demo records absences
    app = _open("manager", "pages/officer_profile.py")
    app.selectbox(key="profile_officer_pick").set_value(away)
    app.run()
    assert not app.exception, _problems(app)
    absences = next(d.value for d in app.dataframe if "Kind" in d.value.columns)
    assert set(absences["Kind"]) <= set(codes.ABSENCE_KINDS.options().values())
    assert _words_problems(app) == []


# --- Words from the one vocabulary: no code turned into words by replacing its underscores --------

def test_no_screen_turns_a_code_into_words_by_itself():
    from pages import _ui

    assert not hasattr(_ui, "human"), "labels come from logic.common.codes (or the policy that names them)"


def test_a_trainee_reads_her_competency_level_as_the_workload_agreement_names_it(demo_store):
    app = _open("trainee", "pages/my_account.py")
    assert any("Competency level: **Prevention casework**" in m.value for m in app.markdown), \
        [m.value for m in app.markdown]
    assert _words_problems(app) == []


def test_the_intake_screen_reads_in_words(demo_store):
    app = _open("officer", "pages/intake.py")
    app.text_input(key="intake_new_given").input("Marta")
    app.text_input(key="intake_new_family").input("Quennell-Ashdown")
    app.date_input(key="intake_new_dob").set_value(date(1988, 7, 14))
    app.selectbox(key="intake_new_sex").set_value("F")
    app.button(key="FormSubmitter:intake_new_household_form-Check for duplicates").click()
    app.run()
    assert not app.exception, _problems(app)
    disaster = app.selectbox(key="intake_disaster")
    assert disaster.options == ["No", *codes.EMERGENCIES.options().values()]
    assert _words_problems(app) == []


def test_the_audit_log_names_each_action_in_words(demo_store):
    app = _open("manager", "pages/audit_log.py")
    action = app.selectbox(key="audit_action")
    assert "Signed in" in action.options and "Sign-in failed" in action.options
    trail = app.dataframe[0].value
    assert "Signed in" in set(trail["action"])  # the manager's own sign-in
    assert _words_problems(app) == []


def test_the_reallocation_plan_names_each_case_stage_in_words(demo_store):
    staff = views.officers()
    app = _open("senior", "pages/allocation.py")
    holders = views.open_cases()["officer"].value_counts()
    busiest = staff[staff["full_name"] == holders.index[0]].iloc[0]["id"]
    app.selectbox(key="reallocate_officer").set_value(int(busiest))
    app.button(key="FormSubmitter:reallocation_propose_form-Propose moves").click()
    app.run()
    assert not app.exception, _problems(app)
    plan = next(d.value for d in app.dataframe if "Stage" in d.value.columns)
    labels = {label for vocabulary in codes.CASE_STAGES.values() for label in vocabulary.options().values()}
    assert set(plan["Stage"]) <= labels, set(plan["Stage"])
    assert _words_problems(app) == []


def test_the_assessment_reads_the_engines_findings_and_the_household_in_words(demo_store):
    from tests.casework.test_pages import _new_case

    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    app.query_params["ref"] = _new_case(officer.id)  # a father and his daughter, no home tonight
    app.switch_page("pages/assessment.py")
    app.run()
    assert not app.exception, _problems(app)
    app.selectbox(key="assessment_immigration").set_value("british_irish")
    app.checkbox(key="assessment_has_home").uncheck()
    app.button(key="FormSubmitter:assessment_facts_form-Check with the engine").click()
    app.run()
    assert not app.exception, _problems(app)
    shown = " ".join(m.value for m in app.markdown)
    assert "engine: **Homeless**" in shown and "engine: **Relief duty**" in shown, shown
    assert any("(Child, born " in o for w in app.multiselect for o in w.options)
    assert _words_problems(app) == []


def test_the_case_record_names_the_latest_assessment_in_words(demo_store):
    reference = _homelessness_case("relief")
    app = _open("senior", "pages/case_record.py", ref=reference)
    latest = next(m.value for m in app.markdown if m.value.startswith("**Latest assessment**"))
    assert "homeless, priority need" in latest.lower()
    assert "duty owed: relief duty" in latest.lower(), latest


def test_the_register_application_names_its_financial_assessment_in_words(demo_store):
    waiting = register_views.register_case_choices(limit=10_000)
    decided = waiting[(waiting["status"] == "open") & waiting["band"].notna()]
    app = _open("senior", "pages/register_application.py", ref=decided.iloc[0]["reference"])
    money = [m.value for m in app.markdown if m.value.startswith("**Financial:**")]
    assert money, "the history shows the money side of each decision"
    results = codes.FINANCIAL_RESULTS.options().values()
    assert all(any(r in m for r in results) for m in money), money
    heading = next(e.label for e in app.expander if e.label.startswith("Financial and affordability"))
    assert any(r in heading for r in results), heading


# --- The case record's figures read in full ------------------------------------------------------

@pytest.mark.parametrize("stage", ["main_duty_decision", "relief", "prevention", "main_duty"])
def test_the_case_record_shows_the_stage_and_duty_in_full_not_cut_short_in_a_figure(demo_store, stage):
    stored = views.open_cases()
    if not ((stored["case_type"] == "homelessness") & (stored["stage"] == stage)).any():
        pytest.skip(f"the demo has no case at {stage}")
    app = _open("senior", "pages/case_record.py", ref=_homelessness_case(stage))
    label = codes.stage_label("homelessness", stage)
    # a figure (st.metric) is one line in a quarter of the page: a long name is cut with "..."
    assert [m.value for m in app.metric if len(str(m.value)) > 12] == []
    assert any(m.value == f"**{label}**" for m in app.markdown), [m.value for m in app.markdown][:8]
