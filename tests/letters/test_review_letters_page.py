"""The reviewer writes the letters of a s.202 review on the letters screen: what the review records
is taken from the case, she adds what it does not (the deficiency she found), previews and issues."""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa
from sqlmodel import Session, select

from logic import db
from logic.cases import service as cases
from logic.db import engine_for
from logic.models import Officer
from tests.letters.helpers import DEFICIENCY, case_under_review
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(x.value) for x in app.exception]


def _demo_team() -> SimpleNamespace:
    """The demo accounts as the letters helpers take a team: Olu decides, Maya assigns, Sam reviews."""
    with Session(db.engine_for()) as session:
        ids = {o.username: o.id for o in session.exec(select(Officer)).all()}
    return SimpleNamespace(officer=ids["olu.officer"], manager=ids["maya.manager"], senior=ids["sam.senior"])


def _open_letters(app, case_id: int, viewer: int) -> None:
    app.query_params["ref"] = cases.open_case_record(case_id=case_id, viewer_id=viewer).reference
    app.switch_page("pages/letters.py")
    app.run()
    assert not app.exception, _errors(app)


def test_the_reviewer_writes_her_minded_to_letter_from_the_notice_she_recorded(demo_store):  # noqa: F811
    team = _demo_team()
    case_id = case_under_review(team, step="minded_to")
    app = signed_in_app("senior")
    _open_letters(app, case_id, team.senior)

    held_back = " ".join(m.value for m in app.markdown)
    assert ("**Review decision**: The letter notifies the decision on a review (s.203), and no review "
            "decision is recorded on the case.") in held_back
    app.selectbox(key="letters_type").select("review_minded_to")
    app.run()
    assert any("Taken from the case record" in c.value and "What the reviewer is minded to decide" in c.value
               for c in app.caption), [c.value for c in app.caption]
    prefix = "letters_option_review_minded_to_"
    app.text_area(key=prefix + "deficiency").input(DEFICIENCY)
    app.button(key="FormSubmitter:letters_form-Preview").click()
    app.run()
    assert not app.error and not app.exception, _errors(app)
    app.button(key="FormSubmitter:letters_form-Issue letter").click()
    app.run()
    assert not app.exception, _errors(app)
    assert "issued and recorded on the case" in app.success[0].value

    with engine_for().connect() as c:
        named = c.execute(sa.text(
            "SELECT n.letter_id, l.letter_type FROM part7_review_minded_to n "
            "JOIN issued_letter l ON l.id = n.letter_id")).one()
    assert named.letter_type == "review_minded_to"
