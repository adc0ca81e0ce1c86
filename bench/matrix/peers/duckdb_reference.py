# The reference aggregation in DuckDB: python3 duckdb_reference.py EVENTS OUT [TYPES] [YEAR]
# TYPES: "all" (every column declared), "auto" (read_csv's detection) or "date,amount" (those
# two declared, the rest detected); YEAR keeps one year instead of 2020-2025.
import sys, duckdb
src, dst = sys.argv[1], sys.argv[2]
types = sys.argv[3] if len(sys.argv) > 3 else "all"
year = sys.argv[4] if len(sys.argv) > 4 else None
if types == "all":
    reader = (f"read_csv('{src}', header=true, columns={{'id':'BIGINT','date':'DATE','unit':'VARCHAR',"
              "'category':'VARCHAR','amount':'DECIMAL(18,2)','status':'VARCHAR'})")
elif types == "auto":
    reader = f"read_csv('{src}', header=true)"
else:
    reader = f"read_csv('{src}', header=true, types={{'date':'DATE','amount':'DECIMAL(18,2)'}})"
where = f"year(date) = {year}" if year else "date BETWEEN DATE '2020-01-01' AND DATE '2025-12-31'"
duckdb.connect().execute(f"""
COPY (SELECT year(date) AS year, unit, count(*) AS n, sum(amount) AS sum_amount
      FROM {reader} WHERE {where} GROUP BY ALL ORDER BY year, unit) TO '{dst}' (HEADER, DELIMITER ',')
""")
