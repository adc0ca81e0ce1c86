#!/usr/bin/env python3
"""Random differential test of reportgen against DuckDB.

    python3 Tests/Differential/differential.py [--seed S] [--cases N] [--only pivot,compare]

Generates N recipes over excerpts of public data (data/SOURCES.md), runs each with
`reportgen run`, computes the same table in DuckDB with exact decimals, and compares the csv and
json outputs. Prints a summary per class and, for each failure, the folder of a reproducer
(shrunk for the first few of each class). Exit status 0 when every case passes, 1 otherwise.
The rules the comparison relies on are in RULES.md.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cases  # noqa: E402
import datasets  # noqa: E402
import execution  # noqa: E402
import generators  # noqa: E402
import pipeline_generators  # noqa: E402
import reference  # noqa: E402
import shrinking  # noqa: E402

CLASSES = {
    "filter": generators.filter_case,
    "compute": generators.compute_case,
    "sort": generators.sort_case,
    "top": generators.top_case,
    "join": pipeline_generators.join_case,
    "aggregate": generators.aggregate_case,
    "aggregate_dates": generators.aggregate_dates_case,
    "period": generators.period_case,
    "period_filter": generators.period_filter_case,
    "period_span": generators.period_span_case,
    "pivot": pipeline_generators.pivot_case,
    "compare": pipeline_generators.compare_case,
    "trend": pipeline_generators.trend_case,
    "large": generators.large_case,
}
# Classes run this many times less often than the others (a large case takes seconds).
RARE = {"large": 8}
DEFAULT_SEED = 12


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the random seed (default {DEFAULT_SEED})")
    parser.add_argument("--cases", type=int, default=300, help="how many cases (default 300)")
    parser.add_argument("--only", help="comma-separated classes: " + ", ".join(CLASSES))
    parser.add_argument("--case", type=int, help="run only the case of this number (as a summary names it)")
    parser.add_argument("--bin", help="the reportgen binary (default: swift build, then its bin path)")
    parser.add_argument("--release", action="store_true", help="build and use the release binary (faster for long runs)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="cases run at once")
    parser.add_argument("--shrink", type=int, default=3, help="failures shrunk per class, each of another kind (default 3)")
    parser.add_argument("--out", help="where reproducers go (default: a new temporary folder)")
    options = parser.parse_args()
    if options.only:
        unknown = [c for c in options.only.split(",") if c not in CLASSES]
        if unknown:
            parser.error(f"unknown class {', '.join(unknown)}; the classes are {', '.join(CLASSES)}")
    return options


def reportgen_binary(options):
    if options.bin:
        return options.bin
    root = os.path.dirname(os.path.dirname(HERE))
    configuration = ["-c", "release"] if options.release else []
    build = subprocess.run(["swift", "build", "--product", "reportgen"] + configuration, cwd=root)
    if build.returncode != 0:
        sys.exit("differential: swift build failed")
    path = subprocess.run(["swift", "build", "--show-bin-path"] + configuration, cwd=root, capture_output=True, text=True)
    return os.path.join(path.stdout.strip(), "reportgen")


def generate(number, kind, seed, data):
    """Case `number` of class `kind`; the same seed and number always give the same case."""
    for attempt in range(20):
        rng = random.Random(f"{seed}:{number}:{attempt}")
        case = CLASSES[kind](number, rng, data)
        if case is not None:
            return case
    raise RuntimeError(f"no case {number} of class {kind}")


def main():
    options = arguments()
    kinds = options.only.split(",") if options.only else list(CLASSES)
    binary = reportgen_binary(options)
    data = datasets.load()
    out = options.out or tempfile.mkdtemp(prefix=f"reportgen-differential-{options.seed}-")
    work = tempfile.mkdtemp(prefix="reportgen-differential-work-")
    # Case n is of the n-th class of a fixed cycle, so --case n with the same --only finds it again.
    rounds = max([RARE.get(k, 1) for k in kinds])
    cycle = [k for r in range(rounds) for k in kinds if r % RARE.get(k, 1) == 0]
    numbers = [options.case] if options.case is not None else range(options.cases)
    planned = [(n, cycle[n % len(cycle)]) for n in numbers]
    local = threading.local()

    def connection():
        if not hasattr(local, "connection"):
            local.connection = reference.connect()
        return local.connection

    def run(item):
        number, kind = item
        try:
            case = generate(number, kind, options.seed, data)
        except Exception:  # a bug of the generator: shown as a failure of the harness, not hidden
            return cases.Case(number, kind, [], []), execution.Outcome("harness-error", traceback.format_exc())
        folder = os.path.join(work, str(number))
        outcome = execution.execute(case, binary, folder, connection())
        if not outcome.failed:
            subprocess.run(["rm", "-rf", folder])
        return case, outcome

    started = time.time()
    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        results = list(pool.map(run, planned))
    elapsed = time.time() - started
    report(results, kinds, options, binary, out, connection(), elapsed)
    subprocess.run(["rm", "-rf", work])
    return 1 if any(outcome.failed for _, outcome in results) else 0


def report(results, kinds, options, binary, out, connection, elapsed):
    print(f"\ndifferential test: seed {options.seed}, {len(results)} cases in {elapsed:.1f} s, reportgen {binary}")
    print(f"{'class':<16}{'cases':>6}{'passed':>8}{'failed':>8}   failures by kind")
    for kind in kinds:
        mine = [o for c, o in results if c.kind == kind]
        failed = [o for o in mine if o.failed]
        kinds_seen = {}
        for o in failed:
            kinds_seen[o.kind] = kinds_seen.get(o.kind, 0) + 1
        detail = ", ".join(f"{k} {n}" for k, n in sorted(kinds_seen.items()))
        print(f"{kind:<16}{len(mine):>6}{len(mine) - len(failed):>8}{len(failed):>8}   {detail}")
    failures = [(c, o) for c, o in results if o.failed]
    if not failures:
        print("every case passed")
        return
    print(f"\n{len(failures)} failing cases; reproducers in {out}")
    print("the first of each kind of failure in a class is shrunk (up to --shrink per class)")
    shrunk, seen = {}, set()
    for case, outcome in failures:
        if not case.steps:
            print(f"\n=== {case.kind} case {case.index}: the generator failed\n{outcome.detail}")
            continue
        folder = os.path.join(out, f"{case.kind}-{case.index}")
        first_of_kind = (case.kind, outcome.signature) not in seen
        seen.add((case.kind, outcome.signature))
        if first_of_kind and shrunk.get(case.kind, 0) < options.shrink:
            shrunk[case.kind] = shrunk.get(case.kind, 0) + 1
            trial = os.path.join(out, ".trial")
            small = shrinking.shrink(case, outcome, lambda c: execution.execute(c, binary, trial, connection))
            subprocess.run(["rm", "-rf", trial])
            final = execution.save_reproducer(small, outcome, binary, folder, connection)
            print(f"\n=== {case.kind} case {case.index} ({outcome.signature}), shrunk: {folder}")
            print(cases.recipe(small).rstrip())
            for table in small.tables:
                if table.format != "inline":
                    with open(os.path.join(folder, f"{table.id}.{table.format}")) as file:
                        print(f"--- {table.id}.{table.format}\n{file.read().rstrip()}")
            print(f"--- {'--period ' + small.cli_period + ': ' if small.cli_period else ''}{final.detail}")
        else:
            execution.save_reproducer(case, outcome, binary, folder, connection)
            lines = outcome.detail.splitlines()
            print(f"=== {case.kind} case {case.index} ({outcome.signature}): {folder}\n  " + "\n  ".join(l.strip() for l in lines[1:3]))


if __name__ == "__main__":
    sys.exit(main())
