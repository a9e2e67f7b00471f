"""Data protection commands (issue 17).

    python -m logic.privacy retention --dry-run
                                  list what the retention schedule (data/policy/retention.toml)
                                  makes due today, and what a hold keeps; changes nothing
    python -m logic.privacy retention --apply --actor USERNAME
                                  remove what is due and not held, as that manager or
                                  administrator: a tombstone and an audit row for each

    python -m logic.privacy subject-access --person REF --out DIR --actor USERNAME
        everything held about one person (UK GDPR art.15) as one zip in DIR: index.pdf,
        data.json and letters/*.pdf. REF is a household, case or letter reference (the
        household's applicant), or one followed by -P and the person's number (HH-000123-P45).
        USERNAME is the manager answering the request; the export is audited under their name.

Exit status: 0 done, 1 refused (not a manager or administrator, or the store is in use by the app),
2 wrong input. With DuckDB, run them while the app is stopped: while the app holds the store
they say so in one line.
"""

from __future__ import annotations

import argparse
import sys

from logic.privacy import retention, subject_access
from logic.store import saying_when_held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m logic.privacy", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    retention.add_command(sub)
    subject_access.add_command(sub)
    args = parser.parse_args(argv)
    return saying_when_held(lambda: args.run(args))


if __name__ == "__main__":
    sys.exit(main())
