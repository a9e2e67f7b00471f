"""The public app and the staff app share only the inbox folder: a form is sent while the staff
app holds the embedded DuckDB store, and an officer's next look at the waiting list takes it in
(once, audited); a file that is not a form is set aside and never stops the list."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from logic import db
from logic.config import settings
from logic.privacy import retention
from logic.public import service
from logic.public.inbox import public_inbox
from tests.front_door.helpers import NOW, count
from tests.public.helpers import send

PROJECT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1])   # read-write, as the running staff app holds it
print("holding", flush=True)
sys.stdin.read()                            # until the test closes our stdin
"""

# the public app's process: it sends a self-assessment and never loads the store's modules
PUBLIC_SENDS = textwrap.dedent("""
    import sys
    from tests.public.helpers import send
    receipt = send(source="203.0.113.77")
    print(receipt.reference)
    print(sorted(m for m in ("logic.db", "logic.common.recording", "logic.front_door.households")
                 if m in sys.modules))
""")


def test_a_form_sent_while_the_staff_app_holds_the_duckdb_store_is_taken_in_afterwards(team, store):
    if not store.startswith("duckdb"):
        pytest.skip("only the embedded DuckDB file is opened by one process at a time")
    store_file = store.removeprefix("duckdb:///")
    db.dispose_engines()  # this test process lets go: the running staff app holds the file
    staff_app = subprocess.Popen([sys.executable, "-c", HOLD, store_file], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True)
    try:
        assert staff_app.stdout is not None and staff_app.stdout.readline() == "holding\n"
        env = {**os.environ, "HEARTH_PUBLIC_INBOX": str(settings().public_inbox),
               "HEARTH_DATABASE_URL": store}
        public_app = subprocess.run([sys.executable, "-c", PUBLIC_SENDS], cwd=PROJECT, env=env,
                                    capture_output=True, text=True, timeout=120)
        assert public_app.returncode == 0, public_app.stderr[-2000:]
        reference, loaded = public_app.stdout.split("\n")[:2]
        assert reference.startswith("ON-") and len(reference) == 11
        assert loaded == "[]"  # the public app never loaded the store's modules
    finally:
        staff_app.communicate(input="", timeout=60)

    waiting = service.waiting_submissions(team.officer)

    assert [w.reference for w in waiting] == [reference]
    assert waiting[0].name == "Amir Haddad"
    assert public_inbox().waiting() == []  # taken in: the inbox copy is gone
    assert count("SELECT count(*) FROM audit_log WHERE entity = 'public_submission' AND action = 'create' "
                 "AND actor_id IS NULL AND detail = 'self-assessment sent online'") == 1


def test_a_form_already_in_the_store_is_not_taken_twice(team):
    sent = send()
    kept = public_inbox().folder / "submissions" / f"{sent.reference}.json"
    copy = kept.read_text()
    assert service.take_in_from_inbox() == [sent.reference]
    kept.write_text(copy)  # as if a second staff process had read it before the first took it in

    assert service.take_in_from_inbox() == []
    assert [w.reference for w in service.waiting_submissions(team.officer)] == [sent.reference]
    assert count("SELECT count(*) FROM public_submission") == 1
    assert not kept.exists()


def test_a_file_that_is_not_a_form_is_set_aside_and_the_list_still_shows_the_good_ones(team, caplog):
    first, second = send(source="198.51.100.1"), send(source="198.51.100.2")
    submissions = public_inbox().folder / "submissions"
    (submissions / "ON-22222222.json").write_text("{not json")
    (submissions / "ON-33333333.json").write_text(json.dumps({"reference": "ON-33333333"}))
    too_long = json.loads((submissions / f"{first.reference}.json").read_text())
    too_long.update(reference="ON-44444444", body_name="x" * 5000)
    (submissions / "ON-44444444.json").write_text(json.dumps(too_long))

    with caplog.at_level(logging.WARNING, logger="logic.public.inbox"):
        waiting = service.waiting_submissions(team.officer)

    assert sorted(w.reference for w in waiting) == sorted([first.reference, second.reference])
    rejected = public_inbox().folder / "rejected"
    assert sorted(p.name for p in rejected.iterdir()) == [
        "ON-22222222.json", "ON-33333333.json", "ON-44444444.json"]
    assert "ON-22222222" in caplog.text and "not readable as JSON" in caplog.text
    assert "'kind' is missing" in caplog.text
    assert "body_name is longer than 200 characters" in caplog.text
    assert list(submissions.glob("ON-*.json")) == []
    assert count("SELECT count(*) FROM public_submission") == 2


def test_the_retention_run_forgets_unused_links_and_sender_counts_after_a_week(team, frozen_clock):
    old, recent = send(source="198.51.100.1"), send(source="198.51.100.2")
    inbox = public_inbox().folder
    week_old = (NOW - timedelta(days=8)).timestamp()
    for path in (inbox / "receipts" / f"{old.reference}.json", *(inbox / "senders").iterdir()):
        os.utime(path, (week_old, week_old))
    recent_sender = sorted((inbox / "senders").iterdir())[0]
    os.utime(recent_sender, (NOW.timestamp(), NOW.timestamp()))  # one sender wrote today

    assert retention.dry_run().inbox_files == 2  # the old receipt and the other sender's count
    assert (inbox / "receipts" / f"{old.reference}.json").exists()  # a dry run changes nothing

    assert retention.apply(actor_id=team.manager).inbox_files == 2
    assert sorted(p.name for p in (inbox / "receipts").iterdir()) == [f"{recent.reference}.json"]
    assert [p.name for p in (inbox / "senders").iterdir()] == [recent_sender.name]


def test_both_apps_find_the_inbox_where_hearth_public_inbox_names_it(monkeypatch, tmp_path):
    from logic.config import DATA_DIR, reload_settings

    monkeypatch.delenv("HEARTH_PUBLIC_INBOX")
    reload_settings()
    assert public_inbox().folder == DATA_DIR / "public_inbox"
    monkeypatch.setenv("HEARTH_PUBLIC_INBOX", str(tmp_path / "shared"))
    reload_settings()
    assert public_inbox().folder == tmp_path / "shared"
