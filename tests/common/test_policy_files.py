"""Every file the council edits is read one way and checked at start: a broken file is refused
naming the file, the key and the reason, before an officer meets it in the middle of a case."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logic.accounts.policy import sign_in_policy
from logic.casework.policy import casework_policy_as_at, load_casework_policy
from logic.common import policy_file
from logic.common.policy_file import PolicyError
from logic.common.startup import check_policy_files, require_policy_files
from logic.config import DATA_DIR, PROJECT_ROOT
from logic.law import load_policy, policy_as_at
from logic.privacy.policy import load_retention_schedule
from logic.public.policy import public_policy
from logic.register.policy import load_register_policy, register_policy_as_at
from logic.store import main as store_main
from logic.training.policy import load_training_standard
from logic.workload.policy import load_workload_policy, workload_policy_as_at

ON = date(2026, 11, 23)
BEFORE_ANY_POLICY = date(2018, 4, 2)  # the day before the Homelessness Reduction Act duties


def copy_data(tmp_path: Path) -> Path:
    """A copy of the project's data/ (the files the council edits), never the store."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*.duckdb*", "training"))
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def value_line(path: Path, key: str) -> str:
    """The line of the file that gives ``key = { value = ..., ref = "..." }``."""
    found = re.search(rf"^{key} = \{{ value = .*\}}\n", path.read_text(encoding="utf-8"), re.M)
    assert found, key
    return found.group(0)


# Each domain's file, one key in it, a typo of that key, and how the domain loads the file.
DOMAINS: dict[str, tuple[str, str, str, str, Callable[[Path], object]]] = {
    "allocation scheme": ("allocation.toml", "qualification", "income_threshold",
                          "income_treshold", lambda folder: load_policy(folder)),
    "statutory numbers": ("statutory.toml", "homelessness", "relief_days", "releif_days",
                          lambda folder: load_policy(folder)),
    "casework": ("casework.toml", "cooperation", "warning_period_days", "warning_period_dayz",
                 lambda folder: load_casework_policy(folder / "casework.toml")),
    "register": ("register.toml", "lettings", "max_active_bids", "max_active_bid",
                 lambda folder: load_register_policy(folder / "register.toml")),
    "workload": ("workload.toml", "capacity", "points_per_fte", "points_per_ftee",
                 lambda folder: load_workload_policy(str(folder / "workload.toml"))),
    "training": ("training.toml", "readiness", "pass_mark", "pass_marks",
                 lambda folder: load_training_standard(ON, folder / "training.toml")),
    "retention": ("retention.toml", "periods", "audit_row_years", "audit_rows_years",
                  lambda folder: load_retention_schedule(folder / "retention.toml")),
    "sign-in": ("accounts.toml", "sign_in", "account_lock_after", "account_lock_afterr",
                lambda folder: sign_in_policy(ON, folder / "accounts.toml")),
    "public front door": ("public.toml", "limits", "members_max", "member_max",
                          lambda folder: public_policy(ON, folder / "public.toml")),
}


def break_file(folder: Path, file: str, key: str, typo: str, how: str) -> str:
    """Break the file as an editor might; returns the message the loader must give."""
    path = folder / file
    section = DOMAINS_BY_FILE[file][1]
    line = value_line(path, key)
    where = f"{file}: version[0].{section}.{key}"
    if how == "missing key":
        edit(path, line, "")
        return f"{where}: missing"
    if how == "empty ref":
        edit(path, line, re.sub(r'ref = ".*"', 'ref = "  "', line))
        return f"{where}.ref: must be a non-empty string"
    if how == "ref left out":
        edit(path, line, re.sub(r', ref = ".*"', "", line))
        return f"{where}.ref: missing"
    if how == "unknown key":
        edit(path, line, line.replace(f"{key} =", f"{typo} =", 1))
        return f"{file}: version[0].{section}.{typo}: unknown key (did you mean '{key}'?)"
    if how == "versions out of order":
        added = len(re.findall(r"^\[\[version\]\]$", path.read_text(encoding="utf-8"), re.M))
        with path.open("a", encoding="utf-8") as fh:
            fh.write("\n[[version]]\neffective_from = 2017-01-01\nnote = \"back-dated\"\n")
        return f"{file}: version[{added}].effective_from: versions must be in date order"
    raise AssertionError(how)


DOMAINS_BY_FILE = {spec[0]: spec for spec in DOMAINS.values()}
BREAKAGES = ["missing key", "empty ref", "ref left out", "unknown key", "versions out of order"]


@pytest.mark.parametrize("how", BREAKAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_a_broken_policy_file_is_refused_naming_the_file_and_the_key(
        tmp_path: Path, domain: str, how: str) -> None:
    file, _section, key, typo, load = DOMAINS[domain]
    folder = copy_data(tmp_path) / "policy"
    message = break_file(folder, file, key, typo, how)
    with pytest.raises(PolicyError) as refused:
        load(folder)
    assert str(refused.value).startswith(message), str(refused.value)


@pytest.mark.parametrize("ask", [
    lambda: policy_as_at(BEFORE_ANY_POLICY),
    lambda: casework_policy_as_at(BEFORE_ANY_POLICY),
    lambda: register_policy_as_at(BEFORE_ANY_POLICY),
    lambda: workload_policy_as_at(BEFORE_ANY_POLICY),
    lambda: load_training_standard(BEFORE_ANY_POLICY),
    lambda: sign_in_policy(BEFORE_ANY_POLICY),
], ids=["law", "casework", "register", "workload", "training", "sign-in"])
def test_a_decision_dated_before_any_policy_is_refused_not_given_a_later_one(ask) -> None:
    with pytest.raises(PolicyError, match=r"^no policy in force on 2018-04-02: \w+\.toml starts "
                                          r"on 2018-04-03"):
        ask()


def test_a_new_version_of_the_casework_policy_changes_only_what_it_gives(tmp_path: Path) -> None:
    # The council lengthens the reasonable period after a co-operation warning from April 2027.
    path = copy_data(tmp_path) / "policy" / "casework.toml"
    with path.open("a", encoding="utf-8") as fh:
        fh.write('\n[[version]]\neffective_from = 2027-04-01\nnote = "longer period"\n'
                 "[version.cooperation]\nwarning_period_days = "
                 '{ value = 21, ref = "casework standard 3.1 (revised)" }\n')
    book = load_casework_policy(path)
    before, after = book.as_at(date(2027, 3, 31)), book.as_at(date(2027, 4, 1))
    assert (before.warning_period_days, after.warning_period_days) == (14, 21)
    assert after.notify_duty_within_days == before.notify_duty_within_days == 5
    assert after.effective_from == date(2027, 4, 1)
    assert after.cite("cooperation.warning_period_days") == (
        "Hearth default homelessness casework policy casework standard 3.1 (revised)")


def test_every_policy_cites_a_value_the_same_way() -> None:
    law, casework = policy_as_at(ON), casework_policy_as_at(ON)
    register, workload = register_policy_as_at(ON), workload_policy_as_at(ON)
    training = load_training_standard(ON)
    assert law.cite("qualification.residence_years").startswith(
        "Hearth default allocation scheme para 3.2")
    assert casework.cite("cooperation.warning_period_days").startswith(
        "Hearth default homelessness casework policy Housing Act 1996 s.193B(4)")
    assert register.ref("lettings.max_active_bids").startswith("para 7.3")
    assert workload.cite("capacity.points_per_fte") == workload.cite(workload.points_per_fte)
    assert training.ref("readiness.pass_mark").startswith("para 2.1")
    with pytest.raises(KeyError, match="lettings.max_bids"):
        register.ref("lettings.max_bids")  # a key the code mistypes is not cited as nothing


def test_the_check_lists_every_file_it_checked() -> None:
    checks = require_policy_files()
    assert [c.file for c in checks] == [
        "policy/statutory.toml", "policy/allocation.toml", "policy/casework.toml",
        "policy/register.toml", "policy/workload.toml", "policy/training.toml",
        "policy/retention.toml", "policy/accounts.toml", "policy/public.toml", "letters/",
        "services/directory.toml", "hclic/codes.toml"]
    assert all(c.ok and c.summary for c in checks)


def test_the_check_command_passes_a_good_data_folder(tmp_path: Path, capsys) -> None:
    folder = copy_data(tmp_path)
    assert store_main(["check", "--data", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 12 and all(line.startswith("ok ") for line in out)
    assert any("policy/statutory.toml" in line and "3 versions" in line for line in out)


def test_the_check_command_names_each_broken_file_its_key_and_reason(tmp_path: Path,
                                                                    capsys) -> None:
    folder = copy_data(tmp_path)
    edit(folder / "policy" / "allocation.toml", 'name = "B"\n', "")
    edit(folder / "policy" / "register.toml", "max_active_bids = { value = 3,",
         'max_active_bids = { value = "three",')
    edit(folder / "letters" / "duty_ended.toml", "$review_deadline", "$reviw_deadline")
    edit(folder / "services" / "directory.toml", "[[service]]\n", "[[service]]\nfax = \"01\"\n")
    assert store_main(["check", "--data", str(folder)]) == 1
    captured = capsys.readouterr()
    refused = [line for line in captured.out.splitlines() if line.startswith("REFUSED")]
    assert [line.split()[1] for line in refused] == [
        "policy/allocation.toml", "policy/register.toml", "letters/", "services/directory.toml"]
    assert "allocation.toml: version[0].bands[1].name: missing" in refused[0]
    assert "register.toml: version[0].lettings.max_active_bids: must be a whole number" in refused[1]
    assert "duty_ended.toml: block[" in refused[2] and "unknown placeholder $reviw_deadline" in refused[2]
    assert "directory.toml: service[0].fax: unknown key" in refused[3]
    assert "4 files refused" in captured.err
    # the files left alone are still reported: the statutory numbers are read with the scheme
    assert sum(line.startswith("ok ") for line in captured.out.splitlines()) == 7
    [waiting] = [line for line in captured.out.splitlines() if line.startswith("--")]
    assert waiting.split()[1] == "policy/statutory.toml" and "allocation.toml" in waiting


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    (folder / "policy" / "training.toml").unlink()
    [refused] = [c for c in check_policy_files(folder) if not c.ok]
    assert refused.file == "policy/training.toml"
    assert refused.problem.startswith("training.toml: file not found")


def test_the_app_does_not_start_with_a_broken_policy_file(tmp_path: Path, monkeypatch) -> None:
    from logic import config

    folder = copy_data(tmp_path) / "policy"
    edit(folder / "casework.toml", value_line(folder / "casework.toml", "notify_duty_within_days"),
         "")
    monkeypatch.setenv("HEARTH_DATABASE_URL", f"duckdb:///{tmp_path / 'never-opened.duckdb'}")
    monkeypatch.setattr(policy_file, "POLICY_DIR", folder)
    config.reload_settings()
    policy_file.forget_defaults()
    try:
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=30)
        app.run()
    finally:
        monkeypatch.undo()
        policy_file.forget_defaults()
        config.reload_settings()
    assert not app.exception
    [error] = app.error
    assert error.value.startswith("Hearth cannot start: casework.toml: version[0].notification."
                                  "notify_duty_within_days: missing")
    assert not app.text_input  # no sign-in form: nobody reaches a case
    assert not (tmp_path / "never-opened.duckdb").exists()


def test_the_hclic_codes_file_is_checked_like_the_policy_files(tmp_path: Path, capsys) -> None:
    # a council pasting in its official codes mistypes a Hearth code: refused, naming the key
    folder = copy_data(tmp_path)
    edit(folder / "hclic" / "codes.toml", "\nprivate_rented_hmo = { value", "\nprivate_rented_hnmo = { value")
    assert store_main(["check", "--data", str(folder)]) == 1
    out = capsys.readouterr().out
    assert ("codes.toml: version[0].codes.accommodation_types.private_rented_hnmo: not a Hearth code of this "
            "list (did you mean 'private_rented_hmo'?)") in out
    # the shipped file is accepted, and the check says how many placeholders are left
    assert store_main(["check"]) == 0
    assert re.search(r"ok +hclic/codes.toml.* (\d+) of (\d+) names and codes still placeholders",
                     capsys.readouterr().out)
