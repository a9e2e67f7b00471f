"""A cached list is read once between writes, and an officer's own write is seen at once."""

from __future__ import annotations

from pages import _ui

reads: list[str] = []


@_ui.cached_view
def _team_list(day: str) -> list[str]:
    reads.append(day)
    return [f"cases due on {day}"]


def test_a_cached_list_is_read_again_only_after_a_write_not_after_a_read():
    reads.clear()
    _ui.forget_cached_views()
    assert _team_list("30 Nov 2026") == _team_list("30 Nov 2026")
    assert reads == ["30 Nov 2026"]  # the second rerun did not touch the store
    _team_list("1 Dec 2026")
    assert reads == ["30 Nov 2026", "1 Dec 2026"]  # a new day is a new list
    _ui.run_service(lambda: "a case record", writes=False)  # opening a record is a read
    _team_list("30 Nov 2026")
    assert reads == ["30 Nov 2026", "1 Dec 2026"]
    _ui.run_service(lambda: "saved", success="Note added.")
    _team_list("30 Nov 2026")
    assert reads == ["30 Nov 2026", "1 Dec 2026", "30 Nov 2026"]
    _ui.run_service(lambda: "issued", writes=True)
    _team_list("30 Nov 2026")
    assert reads == ["30 Nov 2026", "1 Dec 2026", "30 Nov 2026", "30 Nov 2026"]


def test_a_refused_write_keeps_the_cached_list():
    from logic.common.errors import Refused

    reads.clear()
    _ui.forget_cached_views()
    _team_list("30 Nov 2026")

    def refused() -> None:
        raise Refused("not now")

    _ui.run_service(refused)
    _team_list("30 Nov 2026")
    assert reads == ["30 Nov 2026"]
