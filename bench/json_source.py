#!/usr/bin/env python3
"""Benchmark reportgen's json source against DuckDB and Python's json module.

Usage: python3 bench/json_source.py [--rows 300000] [--repeat 5]

The events of ../shared/bench/gen_events.py written as one JSON array of objects (amounts as
JSON numbers), then the reference aggregation (bench/events-json.yaml): keep 2020-2025, group
by year and unit, count and sum exactly. Peers: DuckDB's read_json (when installed) and
Python's json module with Decimal, the way a script would do it. Every result is checked
against the exact reference; prints median wall time, ratio to Python's, and peak RSS.
"""
import csv, importlib.util, json, os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, REPORTGEN, compare, prepare, setup  # noqa: E402

PYTHON_PEER = """
import json, sys
from decimal import Decimal
totals = {}
for event in json.load(open(sys.argv[1]), parse_float=Decimal):
    day = event["date"]
    if "2020-01-01" <= day <= "2025-12-31":
        key = (int(day[:4]), event["unit"])
        n, amount = totals.get(key, (0, Decimal(0)))
        totals[key] = (n + 1, amount + event["amount"])
with open(sys.argv[2], "w") as out:
    out.write("year,unit,n,sum_amount\\n")
    for (year, unit), (n, amount) in sorted(totals.items()):
        out.write(f"{year},{unit},{n},{amount}\\n")
"""

DUCKDB_PEER = """
import sys, duckdb
duckdb.connect().execute(f'''
COPY (SELECT year(date) AS year, unit, count(*) AS n, sum(amount) AS sum_amount
      FROM read_json('{sys.argv[1]}', format='array',
                     columns={{'id':'BIGINT','date':'DATE','unit':'VARCHAR','category':'VARCHAR',
                               'amount':'DECIMAL(18,2)','status':'VARCHAR'}})
      WHERE date BETWEEN DATE '2020-01-01' AND DATE '2025-12-31'
      GROUP BY ALL ORDER BY year, unit) TO '{sys.argv[2]}' (HEADER, DELIMITER ',')
''')
"""


def main():
    args = setup(300_000, 5)
    work = tempfile.mkdtemp(prefix="reportgen-bench-json-")
    peers = {"python-json": PYTHON_PEER}
    if importlib.util.find_spec("duckdb"):
        peers["duckdb"] = DUCKDB_PEER
    for name, code in peers.items():
        with open(os.path.join(work, f"q_{name}.py"), "w") as handle:
            handle.write(code)
    print(f"cores: {os.cpu_count()}; peers: {', '.join(peers)}; data in {work}")
    for rows in args.rows:
        events, out, reference = prepare(work, rows)
        data = os.path.join(work, f"events-{rows}.json")
        with open(events, newline="", encoding="utf-8") as source, open(data, "w", encoding="utf-8") as target:
            target.write("[")
            for index, row in enumerate(csv.DictReader(source)):
                # The amount as a JSON number, exactly as the CSV writes it.
                text = json.dumps(dict(row, id=int(row["id"]), amount="AMOUNT"), ensure_ascii=False)
                target.write(("," if index else "") + "\n" + text.replace('"AMOUNT"', row["amount"]))
            target.write("\n]\n")
        commands = {"reportgen": ([REPORTGEN, "run", os.path.join(ROOT, "bench", "events-json.yaml"), "--out", out],
                                  dict(os.environ, EVENTS_JSON=data), os.path.join(out, "reportgen.csv"))}
        for name in peers:
            result = os.path.join(out, f"{name}.csv")
            commands[name] = ([sys.executable, os.path.join(work, f"q_{name}.py"), data, result], None, result)
        size = os.path.getsize(data) / 2**20
        print(f"\n{rows:,} records ({size:.0f} MiB of JSON), median of {args.repeat}")
        compare(commands, args.repeat, reference, "python-json")

if __name__ == "__main__":
    main()
