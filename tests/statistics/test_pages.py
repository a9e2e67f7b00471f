"""The H-CLIC screens: the case record says what to fix the moment a save makes a problem; the
seniors' list shows the team's cases with problems; the manager validates, exports and reads
the quarter's figures, which match the quarter counted by hand."""

from __future__ import annotations

import pytest

from logic.statistics import tables, views
from logic.statistics.rules import Quarter
from pages import _keys
from tests.casework.helpers import assess, days_ago, threatened_housing
from tests.casework.test_pages import _new_case
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)
from tests.statistics import test_figures

pytestmark = pytest.mark.usefixtures("demo_store")


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _table(app, column: str):
    """The table on screen with this column (AppTest keeps no key on a read-only table)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def _hclic_box(app):
    return next((e for e in app.expander if e.label.startswith("H-CLIC:")), None)


def test_a_duty_started_before_the_application_shows_on_the_case_page_as_soon_as_it_is_saved():
    from logic.cases import service as cases

    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference = _new_case(officer.id)
    case_id = cases.case_id_for_reference(reference)
    # assessed three days before the case was opened: the first problem
    assess(case_id, officer.id, on=days_ago(3), housing=threatened_housing(days_ago(3)))
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    box = _hclic_box(app)
    assert box is not None, _errors(app)
    before = int(box.label.split(": ")[1].split()[0])
    assert "The assessment is dated 20 Nov 2026, before the application on 23 Nov 2026." in " ".join(
        m.value for m in box.markdown)
    # the officer starts the prevention duty from the assessment's date, before the application
    app.selectbox(key="casework_to_stage").set_value("prevention")
    app.text_area(key="casework_stage_reason").input("Threatened: prevention duty accepted")
    app.date_input(key="casework_stage_on").set_value(days_ago(3))
    app.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    app.run()
    assert not app.exception, _errors(app)
    box = _hclic_box(app)
    assert box.label == f"H-CLIC: {before + 1} to fix"
    shown = " ".join(m.value for m in box.markdown)
    assert "The prevention duty starts on 20 Nov 2026, before the application on 23 Nov 2026." in shown
    assert "fix at: Case record > Homelessness casework > Duty and stage" in shown


def test_seniors_see_the_teams_cases_to_fix_oldest_first_and_officers_do_not():
    app = signed_in_app("senior")
    app.switch_page("pages/hclic_problems.py")
    app.run()
    assert app.title[0].value == "H-CLIC to fix", _errors(app)
    table = app.dataframe(key="hclic_problems_table").value
    _, total = views.cases_with_problems(offset=0, size=1)
    assert len(table) == min(total, 50) and total > 0
    assert list(table["reference"]) == list(views.cases_with_problems(offset=0, size=50)[0]["reference"])
    from logic.navigation import pages_for

    assert "hclic-to-fix" not in [p.url_path for p in pages_for("officer")]
    assert "hclic-return" not in [p.url_path for p in pages_for("senior")]


def _return_screen():
    app = signed_in_app("manager")
    app.switch_page("pages/hclic.py")
    app.run()
    assert app.title[0].value == "H-CLIC return", _errors(app)
    return app


def test_the_manager_is_told_the_codes_are_placeholders_validates_and_exports_with_a_reason(case_to_fix):
    app = _return_screen()
    assert any("placeholders" in w.value and "data/hclic/codes.toml" in w.value for w in app.warning)
    app.selectbox(key=_keys.HCLIC_QUARTER).set_value(Quarter.parse("2026-Q4"))
    app.run()
    app.button(key="hclic_validate").click()
    app.run()
    assert any("problems to fix" in e.value for e in app.error)
    problems = _table(app, "Fix at")
    assert case_to_fix in list(problems["Case"])
    # the problem and where to fix it read first, the section last
    assert len(problems) > 0 and list(problems.columns) == ["Case", "Problem", "Fix at", "Section"]
    # no reason: refused, nothing to download
    app.button(key="FormSubmitter:hclic_export_form-Export the return").click()
    app.run()
    assert any("problems to fix" in e.value and "reason" in e.value for e in app.error)
    assert "hclic_download" not in [b.key for b in app.get("download_button")]
    app.text_area(key=_keys.HCLIC_REASON).input("Trial run while the codes are being filled in")
    app.button(key="FormSubmitter:hclic_export_form-Export the return").click()
    app.run()
    assert not app.exception, _errors(app)
    count = len(views.quarter_cases(Quarter.parse("2026-Q4")))
    assert any(s.value.startswith(f"Exported {count} cases") for s in app.success), [s.value for s in app.success]
    assert any("Trial run" in c.value for c in app.caption)
    assert "hclic_download" in [b.key for b in app.get("download_button")]


def test_the_figures_on_screen_match_the_quarter_counted_by_hand(monkeypatch):
    hand = test_figures.the_quarter()
    monkeypatch.setattr(views, "quarter_cases", lambda quarter, connection=None: hand)
    monkeypatch.setattr(views, "bnb_limit_for", test_figures.six_weeks)
    monkeypatch.setattr(views, "decision_due_for", test_figures.target)
    app = _return_screen()
    app.selectbox(key=_keys.HCLIC_QUARTER).set_value(Quarter.parse("2026-Q3"))
    app.run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[tables.KPI_LABELS["prevention_secured_share"]] == "50%"
    assert metrics[tables.KPI_LABELS["median_days_to_assessment"]] == "2"
    assert metrics[tables.KPI_LABELS["decisions_within_target"]] == "80%"
    assert metrics[tables.KPI_LABELS["families_in_bnb_over_six_weeks"]] == "1"
    from logic.common import codes

    for figure, expected in test_figures.EXPECTED.items():
        app.selectbox(key=_keys.HCLIC_FIGURE).set_value(figure)
        app.run()
        assert not app.exception, _errors(app)
        shown = _table(app, "Households")
        counted = {row.Category: row.Households for row in shown.itertuples() if row.Households}
        frame = views.figure_frame(tables.count_figures(hand, Quarter.parse("2026-Q3"), test_figures.six_weeks),
                                   figure)
        assert counted == {r.category: r.households for r in frame.itertuples() if r.households}
        assert sum(counted.values()) == sum(expected.values()), figure
        assert all("_" not in label for label in counted), (figure, counted)  # labels, never codes
    assert codes.HCLIC_FIGURES.label("TA1") in [o for o in app.selectbox(key=_keys.HCLIC_FIGURE).options]
