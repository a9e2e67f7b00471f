"""Signing in and out, time-outs, and administrators managing accounts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from logic.accounts import service as accounts
from logic.common.errors import FieldError, PermissionDenied, SignInFailed
from logic.db import engine_for
from logic.models import utc_now
from tests.conftest import TEST_PASSWORD


def _audit_actions() -> list[str]:
    with engine_for().connect() as connection:
        return [r[0] for r in connection.execute(sa.text("SELECT action FROM audit_log ORDER BY id")).all()]


def test_an_officer_signs_in_and_the_session_survives_a_reload(team):
    signed_in = accounts.sign_in(username="olga.officer", password=TEST_PASSWORD)
    assert signed_in.officer.role == "officer"
    assert accounts.resume_session(signed_in.token).id == team.officer
    assert "sign_in" in _audit_actions()


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong_and_is_audited(team):
    with pytest.raises(SignInFailed) as refused:
        accounts.sign_in(username="olga.officer", password="not the password")
    with pytest.raises(SignInFailed) as unknown:
        accounts.sign_in(username="nobody.here", password="not the password")
    assert refused.value.message == unknown.value.message
    assert _audit_actions().count("sign_in_failed") == 2


def test_passwords_are_stored_as_argon2_hashes_never_as_typed(team):
    with engine_for().connect() as connection:
        stored = connection.execute(sa.text("SELECT password_hash FROM officer WHERE id = :i"), {"i": team.officer}).scalar_one()
    assert stored.startswith("$argon2") and TEST_PASSWORD not in stored


def test_a_session_ends_after_the_idle_time_out(team):
    signed_in = accounts.sign_in(username="olga.officer", password=TEST_PASSWORD)
    later = utc_now() + timedelta(minutes=31)
    assert accounts.resume_session(signed_in.token, now=later) is None
    # once ended it stays ended, even if the clock were to say otherwise
    assert accounts.resume_session(signed_in.token) is None
    assert "session_ended" in _audit_actions()


def test_activity_keeps_a_session_alive_until_its_absolute_limit(team):
    signed_in = accounts.sign_in(username="olga.officer", password=TEST_PASSWORD)
    moment = utc_now()
    for _ in range(25):  # a click every 25 minutes through a long day
        moment += timedelta(minutes=25)
        if moment >= signed_in.expires_at:
            assert accounts.resume_session(signed_in.token, now=moment) is None
            break
        assert accounts.resume_session(signed_in.token, now=moment) is not None
    else:
        pytest.fail("the session never reached its absolute limit")


def test_signing_out_ends_the_session(team):
    signed_in = accounts.sign_in(username="olga.officer", password=TEST_PASSWORD)
    accounts.sign_out(signed_in.token)
    assert accounts.resume_session(signed_in.token) is None


def test_a_deactivated_officer_is_signed_out_at_once_and_cannot_sign_in(team):
    signed_in = accounts.sign_in(username="olga.officer", password=TEST_PASSWORD)
    accounts.set_officer_active(actor_id=team.admin, officer_id=team.officer, active=False, reason="Left the council")
    assert accounts.resume_session(signed_in.token) is None
    with pytest.raises(SignInFailed):
        accounts.sign_in(username="olga.officer", password=TEST_PASSWORD)


def test_an_administrator_adds_an_officer_who_can_then_sign_in(team):
    new_id = accounts.create_officer(
        actor_id=team.admin, username="Nia.New", full_name="Nia New", role="officer", password="a long enough one"
    )
    signed_in = accounts.sign_in(username="nia.new", password="a long enough one")
    assert signed_in.officer.id == new_id


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": "olga.officer"}, "username"),
        ({"username": "9 bad name"}, "username"),
        ({"full_name": "  "}, "full_name"),
        ({"role": "wizard"}, "role"),
        ({"password": "short"}, "password"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"role": "trainee", "started_on": None}, "started_on"),
    ],
)
def test_bad_account_details_are_refused_naming_the_field(team, changes, field):
    details = {"username": "nia.new", "full_name": "Nia New", "role": "officer",
               "password": "a long enough one", "started_on": date(2026, 1, 5)} | changes
    with pytest.raises(FieldError) as refused:
        accounts.create_officer(actor_id=team.admin, **details)
    assert refused.value.field == field


def test_only_an_administrator_manages_accounts(team):
    with pytest.raises(PermissionDenied):
        accounts.create_officer(actor_id=team.manager, username="nia.new", full_name="Nia New",
                                role="officer", password="a long enough one")
    with pytest.raises(PermissionDenied):
        accounts.reset_password(actor_id=team.senior, officer_id=team.officer, new_password="a long enough one")


def test_single_sign_on_maps_the_council_account_to_an_officer_by_email(team, monkeypatch):
    monkeypatch.setenv("HEARTH_AUTH", "oidc")
    from logic import config

    config.reload_settings()
    signed_in = accounts.sign_in_external(email="Olga.Officer@council.example")
    assert signed_in.officer.id == team.officer
    with pytest.raises(SignInFailed, match="no active officer"):
        accounts.sign_in_external(email="stranger@elsewhere.example")
    with pytest.raises(SignInFailed, match="single sign-on"):
        accounts.sign_in(username="olga.officer", password=TEST_PASSWORD)
