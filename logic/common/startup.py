"""The start-up check: every file the council edits, loaded and checked before the first screen.

A broken policy file, letter template or signposting directory would otherwise be found in the
middle of a case (the casework policy is first read when a duty changes, the register's when a
bid is placed). The app runs :func:`require_policy_files` when it starts and refuses to open,
naming the file, the key and the reason; ``python -m logic.store check`` runs
:func:`check_policy_files` and prints one line per file.

The files, under ``data/`` (or a copy of that folder given as ``data_dir``):

* ``policy/statutory.toml`` and ``policy/allocation.toml``: the law and the allocation scheme
  (``logic.law.policy``), checked together since a decision reads both;
* ``policy/casework.toml``, ``policy/register.toml``, ``policy/workload.toml``,
  ``policy/training.toml``, ``policy/retention.toml``, ``policy/accounts.toml``,
  ``policy/public.toml``: each domain's
  dated policy (retention is the council's retention schedule, ``logic.privacy.policy``; accounts
  is sign-in protection; public is the public front door's limits and emergency contacts,
  ``logic.public.policy``);
* ``letters/``: the council's details and every letter template (``logic.letters.templates``);
* ``services/directory.toml``: the signposting directory (``logic.front_door.signposting``);
* ``hclic/codes.toml``: Hearth's categories -> the H-CLIC return's names and codes
  (``logic.statistics.codes_map``), read by the same dated loader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from logic.common.policy_file import DatedBook, PolicyError


@dataclass(frozen=True)
class FileCheck:
    """One file (or folder) checked: what it holds, or why it was refused."""

    file: str  # under data/, e.g. "policy/casework.toml"
    summary: str = ""  # what was found (or why it could not be checked yet)
    problem: str | None = None  # the file, key and reason, when it is refused
    checked: bool = True  # False: read with a file that was refused, so not checked yet

    @property
    def ok(self) -> bool:
        return self.checked and self.problem is None


def _dated(book_class: type[DatedBook], data_dir: Path | None) -> Callable[[], list[str]]:
    def check() -> list[str]:
        if data_dir is None:
            book = book_class.default()
        else:
            book = book_class(data_dir / "policy" / book_class.file_name)
        return [book.describe()]
    return check


def _law(data_dir: Path | None) -> Callable[[], list[str]]:
    def check() -> list[str]:
        from logic.law.policy import default_policy, load_policy

        book = default_policy() if data_dir is None else load_policy(data_dir / "policy")
        return [book.statutory.describe(), book.allocation.describe()]
    return check


def _letters(data_dir: Path | None) -> Callable[[], list[str]]:
    def check() -> list[str]:
        from logic.letters.templates import letter_book, load_letter_book

        book = letter_book() if data_dir is None else load_letter_book(data_dir / "letters")
        return [f"the council's details and {len(book.templates)} letter templates"]
    return check


def _directory(data_dir: Path | None) -> Callable[[], list[str]]:
    def check() -> list[str]:
        from logic.front_door.signposting import default_directory, load_directory

        found = (default_directory() if data_dir is None
                 else load_directory(data_dir / "services" / "directory.toml"))
        return [f"{found.name}: {len(found.services)} services in {len(found.categories)} "
                f"categories, reviewed {found.reviewed_on.isoformat()}"]
    return check


def _hclic(data_dir: Path | None) -> Callable[[], list[str]]:
    def check() -> list[str]:
        from logic.statistics.codes_map import HclicCodesBook

        book = (HclicCodesBook.default() if data_dir is None
                else HclicCodesBook(data_dir / "hclic" / HclicCodesBook.file_name))
        return [book.describe()]
    return check


def check_policy_files(data_dir: str | Path | None = None) -> list[FileCheck]:
    """Load and check every file the council edits; one :class:`FileCheck` a file.

    ``data_dir`` None checks the project's own ``data/`` through the cached default books, so
    the app's start-up check also loads what the screens will use.
    """
    from logic.accounts.policy import SignInPolicyBook
    from logic.casework.policy import CaseworkPolicyBook
    from logic.privacy.policy import RetentionScheduleBook
    from logic.public.policy import PublicPolicyBook
    from logic.register.policy import RegisterPolicyBook
    from logic.training.policy import TrainingStandardBook
    from logic.workload.policy import WorkloadPolicyBook

    folder = Path(data_dir) if data_dir is not None else None
    groups: list[tuple[tuple[str, ...], Callable[[], list[str]]]] = [
        (("policy/statutory.toml", "policy/allocation.toml"), _law(folder)),
        *(((f"policy/{book.file_name}",), _dated(book, folder))
          for book in (CaseworkPolicyBook, RegisterPolicyBook, WorkloadPolicyBook,
                       TrainingStandardBook, RetentionScheduleBook, SignInPolicyBook,
                       PublicPolicyBook)),
        (("letters/",), _letters(folder)),
        (("services/directory.toml",), _directory(folder)),
        (("hclic/codes.toml",), _hclic(folder)),
    ]
    results: list[FileCheck] = []
    for files, check in groups:
        try:
            summaries = check()
        except PolicyError as error:
            message = str(error)
            # the message names the file; the line goes to that file (statutory or allocation)
            named = [f for f in files if message.startswith(Path(f).name + ":")] or [files[0]]
            for file in files:
                results.append(FileCheck(file, problem=message) if file == named[0] else FileCheck(
                    file, summary=f"not checked: read with {Path(named[0]).name}, refused",
                    checked=False))
            continue
        results.extend(FileCheck(f, summary=s) for f, s in zip(files, summaries, strict=True))
    return results


def require_policy_files(data_dir: str | Path | None = None) -> list[FileCheck]:
    """:func:`check_policy_files`, raising a :class:`PolicyError` naming every refused file."""
    checks = check_policy_files(data_dir)
    problems = [c.problem for c in checks if c.problem is not None]
    if problems:
        raise PolicyError("; ".join(problems))
    return checks
