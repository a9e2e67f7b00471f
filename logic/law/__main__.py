"""The scenario command.

    python -m logic.law SCENARIO.json             # the determination as JSON on stdout
    python -m logic.law --explain SCENARIO.json   # the same JSON on stdout, and the
                                                  # assessment notes on stderr
    python -m logic.law --policy DIR SCENARIO.json  # decide under another policy folder

Why the notes go to stderr: the spec says the command prints one JSON object on stdout,
and machines (tests, the training marker, seeding) read it; in a terminal an officer sees
both, JSON first and the notes after it. ``--explain-only`` prints just the notes, on
stdout, for pasting into a case file.

Exit codes: 0 decided; 2 bad input -- one line on stderr naming the field, no
determination printed (unreadable file, not JSON, no ``facts``, a wrong type, an unknown
code or key, an impossible date, a date outside the law Hearth models); 3 the policy
files are malformed (one line naming the file and key).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from logic.common.errors import FieldError

from .engine import determine
from .explain import explain
from .facts import parse_scenario, read_json
from .policy import PolicyError, load_policy


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + message
        self.exit(2, f"usage: python -m logic.law [--explain] SCENARIO.json: {message}\n")


def _fail(message: str, code: int = 2) -> int:
    print(message.replace("\n", " "), file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m logic.law",
                     description="Decide a scenario: eligibility, homelessness, duties, "
                                 "bedroom need and preference, with reasons.")
    parser.add_argument("scenario", help="a scenario JSON file: {id, title, facts, expected?}")
    parser.add_argument("--explain", action="store_true",
                        help="also write the assessment notes (to stderr)")
    parser.add_argument("--explain-only", action="store_true",
                        help="write only the assessment notes, to stdout")
    parser.add_argument("--policy", metavar="DIR", help="folder of statutory.toml and allocation.toml")
    args = parser.parse_args(argv)

    try:
        book = load_policy(args.policy)
    except PolicyError as exc:
        return _fail(f"policy: {exc}", 3)

    path = Path(args.scenario)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return _fail(f"{args.scenario}: cannot read file: {reason}")
    try:
        raw = read_json(text)
    except json.JSONDecodeError as exc:
        return _fail(f"{args.scenario}: not valid JSON: {exc.msg} at line {exc.lineno} "
                     f"column {exc.colno}")
    except FieldError as exc:
        return _fail(str(exc))
    try:
        facts = parse_scenario(raw)
    except FieldError as exc:
        return _fail(str(exc))
    try:
        policy = book.as_at(facts.assessment_date)
    except PolicyError as exc:
        return _fail(f"facts.assessment_date: {exc}")
    determination = determine(facts, policy)
    title = raw.get("title") if isinstance(raw.get("title"), str) else None
    if args.explain_only:
        sys.stdout.write(explain(determination, title))
        return 0
    json.dump(determination.to_json_dict(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    if args.explain:
        sys.stdout.flush()
        sys.stderr.write("\n" + explain(determination, title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
