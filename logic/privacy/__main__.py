"""Data protection commands.

    python -m logic.privacy subject-access --person REF --out DIR --actor USERNAME
        everything held about one person (UK GDPR art.15) as one zip in DIR: index.pdf,
        data.json and letters/*.pdf. REF is a household, case or letter reference (the
        household's applicant), or one followed by -P and the person's number (HH-000123-P45).
        USERNAME is the manager answering the request; the export is audited under their name.

Exit status: 0 done; 1 refused (not a manager, the store in use); 2 bad input (REF).
The DuckDB file can be opened by one process at a time: run these while the app is stopped.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from sqlalchemy.exc import OperationalError


def main(argv: list[str] | None = None) -> int:
    from logic.store import held_by_another_process

    # fontTools says, for every PDF, that it drops a table letters do not use: not for the officer
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(prog="python -m logic.privacy", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    access = sub.add_parser("subject-access", help="everything held about one person, as a zip")
    access.add_argument("--person", required=True, metavar="REF",
                        help="household, case or letter reference, optionally with -P and the person's number")
    access.add_argument("--out", required=True, metavar="DIR", help="the folder the zip is written to")
    access.add_argument("--actor", metavar="USERNAME", default=None,
                        help="the manager answering the request (required)")
    args = parser.parse_args(argv)
    commands = {"subject-access": _subject_access}
    try:
        return commands[args.command](args)
    except OperationalError as error:
        line = held_by_another_process(error)
        if line is None:
            raise
        print(line, file=sys.stderr)
        return 1
    finally:
        from logic.db import dispose_engines

        dispose_engines()  # closes DuckDB's file before the process ends


def actor_id(username: str | None) -> int:
    """The officer a command acts as, by username; refused (PermissionDenied) when unknown."""
    from sqlmodel import select

    from logic.common.errors import PermissionDenied
    from logic.db import session_scope
    from logic.models import Officer

    if not username:
        raise PermissionDenied("give --actor with the username of the manager answering the request")
    with session_scope() as session:
        found = session.exec(select(Officer).where(Officer.username == username.strip())).first()
        if found is None or not found.active:
            raise PermissionDenied(f"no active officer has the username {username!r}")
        return found.id


def _subject_access(args: argparse.Namespace) -> int:
    from logic.common.errors import FieldError, NotFound, PermissionDenied
    from logic.privacy import subject_access

    out = Path(args.out)
    try:
        officer = actor_id(args.actor)
        export = subject_access.export_subject_access(reference=args.person, actor_id=officer)
    except PermissionDenied as refusal:
        print(refusal.message, file=sys.stderr)
        return 1
    except (FieldError, NotFound) as bad:
        print(bad.message, file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    target = out / export.file_name
    target.write_bytes(export.zip_bytes)
    print(f"{target}: {export.record_count} records, {export.letter_count} letters, "
          f"{export.view_count} views, {export.redaction_count} marked for redaction review")
    return 0


if __name__ == "__main__":
    sys.exit(main())
