"""Session-state keys: one module, and widgets made per record never share a key."""

from __future__ import annotations

from pages import _keys


def test_two_flags_on_one_household_get_their_own_end_forms():
    assert _keys.end_flag_form(1) != _keys.end_flag_form(2)
    assert _keys.end_flag_reason(1) != _keys.end_flag_reason(2)


def test_a_saved_intake_forgets_its_widgets_and_household_but_keeps_its_outcome_and_the_sign_in():
    present = [_keys.OFFICER, _keys.INTAKE_OUTCOME, _keys.INTAKE_HOUSEHOLD_ID,
               _keys.INTAKE_SEARCH_RESULTS, "intake_channel", _keys.intake_route("homelessness"),
               _keys.NOTE_BODY]
    forgotten = _keys.intake_keys(present)
    assert set(forgotten) == {_keys.INTAKE_HOUSEHOLD_ID, _keys.INTAKE_SEARCH_RESULTS,
                              "intake_channel", _keys.intake_route("homelessness")}


def test_no_two_session_state_keys_share_a_name():
    values = [v for k, v in vars(_keys).items() if k.isupper() and isinstance(v, str)]
    assert len(values) == len(set(values))
