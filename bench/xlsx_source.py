#!/usr/bin/env python3
"""Benchmark reportgen's xlsx source against openpyxl.

Usage: python3 bench/xlsx_source.py [--rows 200000] [--repeat 3]

The events of ../shared/bench/gen_events.py written as an Excel workbook with openpyxl (dates
as date cells, amounts as numbers), then the reference aggregation (bench/events-xlsx.yaml).
Peer: openpyxl in read-only mode with Decimal, the way a script would read it. Every result
is checked against the exact reference; prints median wall time, ratio to openpyxl's, and
peak RSS. Needs openpyxl (pip install openpyxl).
"""
import csv, datetime, os, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import ROOT, REPORTGEN, compare, prepare, setup  # noqa: E402

OPENPYXL_PEER = """
import sys, openpyxl
from decimal import Decimal
totals = {}
rows = openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows(values_only=True)
header = next(rows)
date, unit, amount = header.index("date"), header.index("unit"), header.index("amount")
for row in rows:
    day = row[date].date()
    if day.year >= 2020 and day.year <= 2025:
        key = (day.year, row[unit])
        n, total = totals.get(key, (0, Decimal(0)))
        totals[key] = (n + 1, total + Decimal(repr(row[amount])))
with open(sys.argv[2], "w") as out:
    out.write("year,unit,n,sum_amount\\n")
    for (year, unit), (n, total) in sorted(totals.items()):
        out.write(f"{year},{unit},{n},{total}\\n")
"""


def main():
    args = setup(200_000, 3)
    import openpyxl
    work = tempfile.mkdtemp(prefix="reportgen-bench-xlsx-")
    peer = os.path.join(work, "q_openpyxl.py")
    with open(peer, "w") as handle:
        handle.write(OPENPYXL_PEER)
    print(f"cores: {os.cpu_count()}; peer: openpyxl {openpyxl.__version__}; data in {work}")
    for rows in args.rows:
        events, out, reference = prepare(work, rows)
        data = os.path.join(work, f"events-{rows}.xlsx")
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("events")
        with open(events, newline="", encoding="utf-8") as source:
            reader = csv.reader(source)
            header = next(reader)
            sheet.append(header)
            date, amount, ident = header.index("date"), header.index("amount"), header.index("id")
            for row in reader:
                row[date] = datetime.date.fromisoformat(row[date])
                row[amount] = float(row[amount])
                row[ident] = int(row[ident])
                sheet.append(row)
        book.save(data)
        commands = {"reportgen": ([REPORTGEN, "run", os.path.join(ROOT, "bench", "events-xlsx.yaml"), "--out", out],
                                  dict(os.environ, EVENTS_XLSX=data), os.path.join(out, "reportgen.csv")),
                    "openpyxl": ([sys.executable, peer, data, os.path.join(out, "openpyxl.csv")], None,
                                 os.path.join(out, "openpyxl.csv"))}
        size = os.path.getsize(data) / 2**20
        print(f"\n{rows:,} rows ({size:.0f} MiB workbook), median of {args.repeat}")
        compare(commands, args.repeat, reference, "openpyxl")


if __name__ == "__main__":
    main()
