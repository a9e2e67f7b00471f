"""`make bench` (`python -m benchmarks`): is every screen fast at a large council's size?

Builds (or reuses, see benchmarks/stores.py) the generated store of `--households` households
(100,000: about 105,000 cases and a million case events over ten years) and the demo store,
then, with the clock held at the day both were made for, measures on each:

- every screen of logic/navigation.py with Streamlit's AppTest, signed in as a role that sees
  it (a senior officer; the manager for the audit log, the administrator for officers' accounts;
  the same account name on both stores), the case record, household, assessment and letters
  screens on an open relief case, the register application on an active application: one
  warm-up render, then the median of five (a render slower than `--slow-after` seconds is timed
  once more after its warm-up, and marked);
- the main read queries (the views' functions the screens call), the same way;
- one letter PDF (warm, median of five) and a batch of 100 issued letters;
- the decision engine's determinations a second, on the store's own assessments' facts;
- where a throwaway PostgreSQL cluster can start, the screens and queries on the same large
  store on PostgreSQL, as a ratio to DuckDB.

It prints one table and exits 1 naming each screen whose ratio to the demo store passes 2 or
whose median passes 0.5 s, and each letter that passes 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from logic import clock, config, db

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DAY = date(2026, 11, 23)  # the day the stores are made for and read as at
SCREEN_MEDIAN_LIMIT = 0.5  # seconds
SCREEN_RATIO_LIMIT = 2.0
LETTER_LIMIT = 0.050  # seconds a letter


@dataclass
class Timing:
    median: float | None = None
    runs: list[float] = field(default_factory=list)
    problem: str | None = None
    slow: bool = False

    def text(self) -> str:
        if self.problem:
            return "error"
        if self.median is None:
            return "-"
        return _secs(self.median) + ("*" if self.slow else "")


def _secs(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _time(call: Callable[[], object], runs: int, slow_after: float) -> Timing:
    try:
        began = time.perf_counter()
        call()  # warm-up: first connection, imports, policy files, caches
        warm = time.perf_counter() - began
        count = 1 if warm > slow_after else runs
        timings = []
        for _ in range(count):
            began = time.perf_counter()
            call()
            timings.append(time.perf_counter() - began)
    except Exception as error:  # noqa: BLE001 - a failing screen is reported, not fatal
        return Timing(problem=f"{type(error).__name__}: {error}"[:300])
    return Timing(statistics.median(timings), timings, slow=count < runs)


def use_store(url: str) -> None:
    os.environ["HEARTH_DATABASE_URL"] = url
    config.reload_settings()
    db.dispose_engines()


def _one(sql: str, **params):
    with db.engine_for().connect() as connection:
        return connection.execute(sa.text(sql), params).first()


@dataclass(frozen=True)
class Subjects:
    """What the screens open on a store: the same kinds of record on each."""

    senior: int
    officer: int
    case_ref: str
    case_id: int
    household_ref: str
    register_ref: str
    advert_id: int | None
    relief_ids: list[int]


def subjects() -> Subjects:
    from logic.seed import DEMO_ACCOUNTS

    ids = {}
    for role in ("senior", "officer"):
        ids[role] = _one("SELECT id FROM officer WHERE username = :u", u=DEMO_ACCOUNTS[role][0])[0]
    case = _one("""SELECT c.id, c.reference, h.reference FROM cases c JOIN household h ON h.id = c.household_id
                   WHERE c.case_type = 'homelessness' AND c.status = 'open' AND c.stage = 'relief'
                   ORDER BY c.id LIMIT 1""")
    register = _one("""SELECT reference FROM cases WHERE case_type = 'register' AND status = 'open'
                       AND stage = 'active' ORDER BY id LIMIT 1""")
    advert = _one("SELECT id FROM letting_advert WHERE status = 'open' ORDER BY closes_on DESC, id DESC LIMIT 1")
    with db.engine_for().connect() as connection:
        relief = [r[0] for r in connection.execute(sa.text(
            "SELECT id FROM cases WHERE case_type = 'homelessness' AND status = 'open' "
            "AND stage = 'relief' ORDER BY id LIMIT 100"))]
    return Subjects(ids["senior"], ids["officer"], case[1], case[0], case[2], register[0],
                    advert[0] if advert else None, relief)


# --- screens -------------------------------------------------------------------------------


def _role_for(roles: frozenset[str]) -> str:
    return next(role for role in ("senior", "manager", "admin") if role in roles)


def _signed_in(role: str):
    from streamlit.testing.v1 import AppTest

    from logic.seed import DEMO_ACCOUNTS

    app = AppTest.from_file(APP, default_timeout=900)
    app.run()
    username, password = DEMO_ACCOUNTS[role]
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(password)
    app.button[0].click()
    app.run()
    if app.exception:
        raise RuntimeError(f"signing in as {username} failed: {app.exception[0].message}")
    return app


def _params(url_path: str, s: Subjects) -> dict[str, str]:
    return {"case": {"ref": s.case_ref}, "assessment": {"ref": s.case_ref},
            "letters": {"ref": s.case_ref}, "household": {"ref": s.household_ref},
            "register-application": {"ref": s.register_ref}}.get(url_path, {})


def _chosen(name: str, only: str | None) -> bool:
    """`--only Dates,Compliance`: a name with any of the comma-separated words is measured."""
    return not only or any(word.strip().lower() in name.lower() for word in only.split(",") if word.strip())


def measure_screens(s: Subjects, runs: int, slow_after: float, only: str | None) -> dict[str, Timing]:
    from logic.navigation import PAGES

    apps: dict[str, object] = {}
    out: dict[str, Timing] = {}
    for spec in PAGES:
        if not _chosen(spec.title, only):
            continue
        role = _role_for(spec.roles)
        if role not in apps:
            apps[role] = _signed_in(role)
        app = apps[role]

        def render(spec=spec, app=app):
            for key in list(app.query_params):
                del app.query_params[key]
            for key, value in _params(spec.url_path, s).items():
                app.query_params[key] = value
            app.switch_page(spec.path)
            app.run()
            if app.exception:
                raise RuntimeError(app.exception[0].message)
            # a record's screen is titled by the record; a listed screen by its own title
            if not app.title or (spec.listed and app.title[0].value != spec.title):
                raise RuntimeError(f"expected the {spec.title!r} screen")

        timing = _time(render, runs, slow_after)
        out[f"{spec.title} ({role})"] = timing
        print(f"  {spec.title:<28} {timing.text():>10}", flush=True)
    return out


# --- queries, letters, the engine ------------------------------------------------------------


def query_calls(s: Subjects) -> dict[str, Callable[[], object]]:
    from logic.cases import views as cases_views
    from logic.cases.service import open_case_record
    from logic.casework import views as casework_views
    from logic.casework.service import casework_summary
    from logic.register import views as register_views
    from logic.register.lettings import shortlist
    from logic.register.service import renewal_queue
    from logic.statistics import hclic
    from logic.statistics import views as statistics_views
    from logic.statistics.rules import Quarter
    from logic.workload import views as workload_views

    half_year = DAY - timedelta(weeks=26)
    quarter = Quarter.of(DAY - timedelta(days=92))  # the last whole quarter before the day
    calls = {
        "cases.caseload (an officer)": lambda: cases_views.caseload(s.officer),
        "cases.open_cases": cases_views.open_cases,
        "cases.team_caseload": cases_views.team_caseload,
        "cases.audit_trail (last week, a page)": lambda: cases_views.audit_trail(
            since=DAY - timedelta(days=7), until=DAY, limit=cases_views.AUDIT_ROWS_A_PAGE + 1),
        "cases.open_case_record": lambda: open_case_record(case_id=s.case_id, viewer_id=s.senior),
        "casework.casework_summary": lambda: casework_summary(case_id=s.case_id, viewer_id=s.senior, today=DAY),
        "casework.due_and_overdue": lambda: casework_views.due_and_overdue(today=DAY),
        "casework.compliance_problems": lambda: casework_views.compliance_problems(today=DAY),
        "casework.approvals_queue": lambda: casework_views.approvals_queue(today=DAY),
        "casework.placements_in_use (a page)": lambda: casework_views.placements_in_use(today=DAY, limit=50),
        "casework.placements_in_use (B&B, the warning)": lambda: casework_views.placements_in_use(
            today=DAY, placement_type="bed_and_breakfast"),
        "register.adverts (open, a page)": lambda: register_views.adverts("open", limit=50),
        "register.renewal_queue": lambda: renewal_queue(viewer_id=s.senior, today=DAY),
        "workload.load_by_officer": lambda: workload_views.load_by_officer(DAY),
        "workload.load_by_officer_and_stage": lambda: workload_views.load_by_officer_and_stage(DAY),
        "workload.fairness_over_time (26 weeks)": lambda: workload_views.fairness_over_time(half_year, DAY),
        "workload.deadlines_by_officer": lambda: workload_views.deadlines_by_officer(DAY),
        "workload.flows_by_week (26 weeks)": lambda: workload_views.flows_by_week(half_year, DAY),
        "workload.decision_times (26 weeks)": lambda: workload_views.decision_times(half_year, DAY),
        # H-CLIC: each step, and the whole quarter from one reading (must finish under 2 s)
        "statistics.hclic validate (quarter)": lambda: hclic.validate(quarter),
        "statistics.hclic export (quarter, no write)": lambda: hclic.build_return(quarter),
        "statistics.quarter_figures": lambda: statistics_views.quarter_figures(quarter),
        "statistics.whole quarter (validate, export, figures)": lambda: hclic.whole_quarter(quarter),
        "statistics.cases_with_problems (team list)": lambda: statistics_views.cases_with_problems(),
    }
    if s.advert_id is not None:
        calls["lettings.shortlist (open advert)"] = lambda: shortlist(advert_id=s.advert_id, viewer_id=s.senior)
    return calls


def measure_queries(s: Subjects, runs: int, slow_after: float, only: str | None) -> dict[str, Timing]:
    out = {}
    for name, call in query_calls(s).items():
        if not _chosen(name, only):
            continue
        out[name] = _time(call, runs, slow_after)
        print(f"  {name:<40} {out[name].text():>10}", flush=True)
    return out


LETTER = "s193b_warning"


def _letter_options() -> dict:
    return {"duty": "relief", "respond_by": DAY + timedelta(days=14),
            "steps_refused": ["Attend the viewing arranged with the letting agent."]}


def measure_letters(s: Subjects, runs: int) -> dict[str, Timing]:
    from logic.letters.service import issue_batch, preview_letter

    one = _time(lambda: preview_letter(case_id=s.case_id, letter_type_code=LETTER, officer_id=s.senior,
                                       options=_letter_options(), today=DAY), runs, 1e9)
    out = {"one letter PDF (warm)": one}
    ids = s.relief_ids[:100]
    began = time.perf_counter()
    try:
        done = list(issue_batch(case_ids=ids, letter_type_code=LETTER, officer_id=s.senior,
                                options=_letter_options(), today=DAY))
        failed = [p for p in done if p.letter_id is None]
        seconds = time.perf_counter() - began
        batch = Timing(seconds, [seconds], problem=f"{len(failed)} of {len(ids)} failed: {failed[0].problem}"
                       if failed else None)
        out["a batch of letters"] = batch
        print(f"  (the batch: {len(ids)} open relief cases)")
        out["  a letter in the batch"] = Timing(seconds / max(1, len(ids)), [])
    except Exception as error:  # noqa: BLE001
        out["a batch of letters"] = Timing(problem=f"{type(error).__name__}: {error}"[:300])
    for name, timing in out.items():
        print(f"  {name:<40} {timing.text():>10}", flush=True)
    return out


def determinations_a_second(seconds: float = 3.0) -> float:
    from logic.law import determine, parse_facts

    with db.engine_for().connect() as connection:
        facts = [json.loads(r[0]) for r in connection.execute(sa.text(
            "SELECT facts_json FROM homelessness_assessment ORDER BY id DESC LIMIT 300"))]
    done, began = 0, time.perf_counter()
    while time.perf_counter() - began < seconds:
        determine(parse_facts(facts[done % len(facts)]))
        done += 1
    return done / (time.perf_counter() - began)


# --- one store, everything ----------------------------------------------------------------------


@dataclass
class StoreResult:
    label: str
    screens: dict[str, Timing]
    queries: dict[str, Timing]
    letters: dict[str, Timing] = field(default_factory=dict)
    engine_rate: float | None = None


def measure_store(label: str, url: str, args, *, letters: bool, engine: bool) -> StoreResult:
    print(f"\n{label}: {url.split('@')[-1]}", flush=True)
    use_store(url)
    with clock.fixed(DAY):
        s = subjects()
        screens = measure_screens(s, args.runs, args.slow_after, args.only)
        queries = measure_queries(s, args.runs, args.slow_after, args.only)
        result = StoreResult(label, screens, queries)
        if letters and _chosen("letters", args.only):
            result.letters = measure_letters(s, args.runs)
        if engine and _chosen("engine", args.only):
            result.engine_rate = determinations_a_second()
            print(f"  engine: {result.engine_rate:,.0f} determinations a second", flush=True)
    db.dispose_engines()
    return result


def _ratio(a: Timing | None, b: Timing | None) -> float | None:
    if a is None or b is None or a.median in (None, 0) or b.median is None:
        return None
    return b.median / a.median


def report(demo: StoreResult, large: StoreResult, pg: StoreResult | None, households: int) -> list[str]:
    """Print the table; return the failures, each named."""
    failures = []
    size = f"{households // 1000}k" if households >= 1000 else str(households)
    head = f"{'screen':<44} {'demo':>10} {size:>10} {'ratio':>7}"
    if pg:
        head += f" {'PG ' + size:>10} {'PG/DuckDB':>10}"
    for title, rows_of in (("SCREENS (AppTest, median of five)", lambda r: r.screens),
                           ("QUERIES (views and services)", lambda r: r.queries)):
        print(f"\n{title}\n{head}\n{'-' * len(head)}")
        for name, big in rows_of(large).items():
            small = rows_of(demo).get(name)
            ratio = _ratio(small, big)
            line = (f"{name:<44} {small.text() if small else '-':>10} {big.text():>10} "
                    f"{(f'{ratio:.1f}' if ratio is not None else '-'):>7}")
            if pg:
                other = rows_of(pg).get(name)
                pg_ratio = _ratio(big, other)
                line += (f" {other.text() if other else '-':>10} "
                         f"{(f'{pg_ratio:.2f}' if pg_ratio is not None else '-'):>10}")
            print(line)
            if title.startswith("SCREENS"):
                if big.problem or (small and small.problem):
                    failures.append(f"{name}: {big.problem or small.problem}")
                    continue
                if big.median is not None and big.median > SCREEN_MEDIAN_LIMIT:
                    failures.append(f"{name}: median {_secs(big.median)} at {size} passes "
                                    f"{_secs(SCREEN_MEDIAN_LIMIT)}")
                if ratio is not None and ratio > SCREEN_RATIO_LIMIT:
                    failures.append(f"{name}: {ratio:.1f} times the demo store's median passes "
                                    f"{SCREEN_RATIO_LIMIT:.0f}")
    print(f"\nLETTERS ({LETTER}; the batch is up to 100 open relief cases of the store)\n"
          f"{'':<44} {'demo':>10} {size:>10}")
    for name, big in large.letters.items():
        small = demo.letters.get(name)
        print(f"{name:<44} {small.text() if small else '-':>10} {big.text():>10}")
        if big.problem:
            failures.append(f"{name}: {big.problem}")
        elif name.strip() in ("one letter PDF (warm)", "a letter in the batch") and big.median > LETTER_LIMIT:
            failures.append(f"{name.strip()}: {_secs(big.median)} passes {_secs(LETTER_LIMIT)}")
    if large.engine_rate:
        print(f"\nENGINE: {large.engine_rate:,.0f} determinations a second "
              f"(the {size} store's latest assessments)")
    print("\n* rendered slower than --slow-after after its warm-up: timed once more, not five times")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--runs", type=int, default=5, help="timed renders after the warm-up")
    parser.add_argument("--slow-after", type=float, default=10.0,
                        help="seconds: a slower warm-up is followed by one timed run, not five")
    parser.add_argument("--only", default=None,
                        help="only screens and queries whose name has one of these words (comma-separated)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached large store")
    parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args(argv)

    from benchmarks import stores

    began = time.perf_counter()
    large_store = stores.large_duckdb(args.households, args.seed, DAY, rebuild=args.rebuild)
    demo_store = stores.demo_duckdb(DAY)
    letters = not args.only or "letter" in args.only.lower()  # --only without letters skips them
    demo = measure_store("demo store (DuckDB)", demo_store.url, args, letters=letters, engine=False)
    large = measure_store(f"{args.households:,} households (DuckDB)", large_store.url, args,
                          letters=letters, engine=not args.only)
    pg = None
    if not args.no_postgres:
        try:
            from tests.support.postgres import PostgresUnavailable, start_postgres
        except ImportError as error:  # the tests' helper is not there (an installed copy)
            print(f"\nPostgreSQL not measured: {error}")
        else:
            try:
                with start_postgres() as cluster:
                    built = stores.large_postgres(cluster, args.households, args.seed, DAY)
                    pg = measure_store(f"{args.households:,} households (PostgreSQL)", built.url, args,
                                       letters=False, engine=False)
                    db.dispose_engines()
            except PostgresUnavailable as error:
                print(f"\nPostgreSQL not measured: {error}")
    if large_store.seconds:
        print(f"\nThe {args.households:,}-household DuckDB store was generated in {large_store.seconds:.0f} s.")
    failures = report(demo, large, pg, args.households)
    print(f"\nmeasured in {time.perf_counter() - began:.0f} s")
    if failures:
        print(f"\nFAILED ({len(failures)}):")
        for failure in failures:
            print(f"  - {failure}")
        return 1
    print("\nPASSED: every screen within 0.5 s and twice the demo store's time; letters within 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
