"""Data protection commands (issue 17).

    python -m logic.privacy retention --dry-run
                                  list what the retention schedule (data/policy/retention.toml)
                                  makes due today, and what a hold keeps; changes nothing
    python -m logic.privacy retention --apply --actor USERNAME
                                  remove what is due and not held, as that manager or
                                  administrator: a tombstone and an audit row for each

Exit status: 0 done, 1 refused (or the store is in use by the app), 2 wrong input. With DuckDB,
run it while the app is stopped: while the app holds the store it says so in one line.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import OperationalError

from logic.privacy import retention


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m logic.privacy", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    retention.add_command(sub)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except OperationalError as error:
        from logic.store import held_by_another_process

        line = held_by_another_process(error)
        if line is None:
            raise
        print(line, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
