# multi.yaml's tables in DuckDB, in one process: python3 duckdb_multi.py EVENTS OUTDIR
import csv, os, sys, duckdb
src, out = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute(f"""CREATE VIEW events AS SELECT * FROM read_csv('{src}', header=true,
                types={{'date':'DATE','amount':'DECIMAL(18,2)'}})""")
# One scan of the file, as reportgen reads it once: the rows every table needs.
con.execute("""CREATE TEMP TABLE scanned AS SELECT id, date, unit, category, amount, status,
               date BETWEEN DATE '2020-01-01' AND DATE '2025-12-31' AS in_span FROM events""")
def copy(query, name):
    con.execute(f"COPY ({query}) TO '{os.path.join(out, name)}' (HEADER, DELIMITER ',')")
copy("""SELECT year(date) AS year, unit, count(*) AS n, sum(amount) AS sum_amount FROM scanned
        WHERE in_span GROUP BY ALL ORDER BY year, unit""", "by_year_unit.csv")
copy("""SELECT year, n, 125000 AS target, n - 125000 AS gap, round(100.0 * n / 125000, 2) AS ratio,
        CASE WHEN n > 125000 THEN 'exceeded' WHEN n = 125000 THEN 'met' ELSE 'missed' END AS status
        FROM (SELECT year(date) AS year, count(*) AS n FROM scanned WHERE in_span GROUP BY ALL) ORDER BY year""",
     "year_vs_target.csv")
copy("""SELECT id, date, unit, category, amount, status FROM scanned
        WHERE status = 'failed' AND amount >= 10000 ORDER BY id""", "large_failures.csv")
copy("SELECT id, date, unit, category, amount, status FROM scanned ORDER BY amount DESC, id LIMIT 10", "largest.csv")
cells = con.execute("""SELECT unit, status, sum(amount) FROM scanned
                       GROUP BY GROUPING SETS ((unit, status), (unit), (status), ())""").fetchall()
units = sorted({u for u, s, _ in cells if u is not None})
statuses = sorted({s for u, s, _ in cells if s is not None})
value = {(u, s): v for u, s, v in cells}
with open(os.path.join(out, "unit_by_status.csv"), "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["unit"] + statuses + ["Total"])
    for unit in units + [None]:
        writer.writerow(["Total" if unit is None else unit] + [value.get((unit, s), "") for s in statuses] + [value[(unit, None)]])
