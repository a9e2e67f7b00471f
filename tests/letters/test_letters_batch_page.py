"""A team lead sends one letter to a group of cases without the screen drawing every open case
of the council: the list opens on one stage, a page at a time; the stage, the officer and a
name or reference narrow it; the letters go to the cases the lead chose."""

from __future__ import annotations

from datetime import timedelta

from logic.cases import views
from logic.common import codes
from pages import _keys
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def _problems(app) -> list[str]:
    return [e.value for e in app.error] + [str(x.value) for x in app.exception]


def _listed(app):
    return next(d.value for d in app.dataframe if "postcode" in d.value.columns)


def _caption(app) -> str:
    return next(c.value for c in app.caption if c.value.startswith("Cases "))


def test_a_lead_narrows_the_batch_to_one_officers_relief_cases_and_finds_one_by_name(demo_store):  # noqa: F811
    every = views.open_cases("homelessness")
    relief = every[every["stage"] == "relief"]
    officer_id = int(relief["assigned_officer_id"].mode()[0])
    theirs = relief[relief["assigned_officer_id"] == officer_id]
    wanted = theirs.iloc[-1]

    app = signed_in_app("senior")
    app.switch_page("pages/letters_batch.py")
    app.run()
    assert not app.exception, _problems(app)
    opened_on = _listed(app)
    assert 0 < len(opened_on) < len(every)  # one stage of the open cases, never all of them
    assert len(set(opened_on["stage"])) == 1

    app.selectbox(key=_keys.LETTER_BATCH_TYPE).set_value("s193b_warning")
    app.selectbox(key=_keys.letter_batch_stage("homelessness")).set_value("relief")
    app.selectbox(key=_keys.LETTER_BATCH_OFFICER).set_value(officer_id)
    app.run()
    assert not app.exception, _problems(app)
    listed = _listed(app)
    assert sorted(listed["reference"]) == sorted(theirs["reference"])
    assert set(listed["stage"]) == {codes.stage_label("homelessness", "relief")}
    assert _caption(app) == f"Cases 1–{len(theirs)} of {len(theirs)}."

    app.text_input(key=_keys.LETTER_BATCH_SEARCH).input(wanted["applicant"].split()[-1].lower())
    app.run()
    found = _listed(app)
    assert wanted["reference"] in set(found["reference"])
    assert all(wanted["applicant"].split()[-1] in name for name in found["applicant"])

    # the lead sends the warning to the case found
    app.text_input(key=_keys.LETTER_BATCH_SEARCH).input(wanted["reference"])
    app.run()
    assert list(_listed(app)["reference"]) == [wanted["reference"]]
    app.checkbox(key=_keys.LETTER_BATCH_EVERY).check()
    app.run()
    assert "1 case(s) chosen." in [c.value for c in app.caption]
    prefix = f"{_keys.LETTER_BATCH_OPTION_PREFIX}s193b_warning_"
    app.selectbox(key=f"{prefix}duty").set_value("relief")
    app.text_area(key=f"{prefix}steps_refused").input("Attend the viewing arranged with the letting agent.")
    app.date_input(key=f"{prefix}respond_by").set_value(DEMO_DAY + timedelta(days=14))
    app.button(key=f"FormSubmitter:{_keys.LETTER_BATCH_FORM}-Issue to 1 case(s)").click()
    app.run()
    assert not app.exception, _problems(app)
    assert [s.value for s in app.success] == ["1 of 1 letter(s) issued."], _problems(app)
