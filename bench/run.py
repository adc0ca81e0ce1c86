#!/usr/bin/env python3
"""Benchmark reportgen against DuckDB, Polars and pandas on the reference aggregation.

Usage: python3 bench/run.py [--rows 500000 2000000 8000000] [--repeat 3]

Builds reportgen in release mode (with the Swift runtime linked in), generates the events with ../shared/bench/gen_events.py,
runs every tool alternately (so that a busy moment hurts all of them alike), checks that every
result equals the exact reference (Python's csv module with Decimal), and prints the median
wall time, the ratio to DuckDB's median in the same run, and the peak resident memory.
Peers that are not installed (pip install duckdb polars pandas) are skipped.
"""
import argparse, importlib.util, os, statistics, subprocess, sys, tempfile, time
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
# Built as it ships: release, with the Swift runtime linked in (it starts in 10 ms, not 15).
SCRATCH = os.path.join(ROOT, ".build-bench")
REPORTGEN = os.path.join(SCRATCH, "release", "reportgen")


def run(command, env=None):
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def prepare(work, rows):
    """The generated events (a CSV file), a folder for the results, and the exact reference
    result (Python's csv module with Decimal) in it."""
    data = os.path.join(work, f"events-{rows}.csv")
    subprocess.run([sys.executable, os.path.join(SHARED, "gen_events.py"), "-n", str(rows), "-o", data], check=True,
                   stdout=subprocess.DEVNULL)
    out = os.path.join(work, f"out-{rows}")
    os.makedirs(out, exist_ok=True)
    reference = os.path.join(out, "pycsv.csv")
    subprocess.run([sys.executable, os.path.join(SHARED, "peers", "q_pycsv.py"), data, reference], check=True)
    return data, out, reference


def compare(commands, repeat, reference, baseline):
    """Runs every command alternately `repeat` times and prints a Markdown table of median wall
    time, ratio to `baseline`'s median, peak RSS and whether its result equals `reference`.
    `commands` maps a tool's name to (command, environment or None, result file)."""
    times = {name: [] for name in commands}
    memory = {name: 0.0 for name in commands}
    for _ in range(repeat):
        for name, (command, env, _) in commands.items():
            wall, rss = run(command, env)
            times[name].append(wall)
            memory[name] = max(memory[name], rss)
    expected = load(reference)
    base = statistics.median(times[baseline]) if baseline in times else None
    print(f"| tool | median wall s | ratio to {baseline} | peak RSS MiB | result |")
    print("|---|---|---|---|---|")
    for name, (_, _, result) in commands.items():
        median = statistics.median(times[name])
        ratio = f"{median / base:.2f}" if base else "-"
        same = "identical" if load(result) == expected else "DIFFERS"
        print(f"| {name} | {median:.3f} | {ratio} | {memory[name]:.0f} | {same} |")


def load(path):
    import csv
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return sorted((int(r["year"]), r["unit"], int(r["n"]), Decimal(r["sum_amount"]).quantize(Decimal("0.01")))
                      for r in csv.DictReader(handle))


def setup(rows, repeat):
    """The command line's arguments, once reportgen is built as it ships."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[rows])
    parser.add_argument("--repeat", type=int, default=repeat)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "reportgen", "--static-swift-stdlib",
                    "--scratch-path", SCRATCH], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return args


def main():
    args = setup(2_000_000, 3)
    peers = [name for name in ("duckdb", "polars", "pandas") if importlib.util.find_spec(name)]
    work = tempfile.mkdtemp(prefix="reportgen-bench-")
    print(f"cores: {os.cpu_count()}; peers: {', '.join(peers) or 'none installed'}; data in {work}")
    for rows in args.rows:
        data, out, reference = prepare(work, rows)
        commands = {"reportgen": ([REPORTGEN, "run", os.path.join(ROOT, "bench", "events.yaml"), "--out", out],
                                  dict(os.environ, EVENTS=data), os.path.join(out, "reportgen.csv"))}
        for peer in peers:
            result = os.path.join(out, f"{peer}.csv")
            commands[peer] = ([sys.executable, os.path.join(SHARED, "peers", f"q_{peer}.py"), data, result], None, result)
        size = os.path.getsize(data) / 2**20
        print(f"\n{rows:,} rows ({size:.0f} MiB), median of {args.repeat}")
        compare(commands, args.repeat, reference, "duckdb")

if __name__ == "__main__":
    main()
