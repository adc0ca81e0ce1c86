# json.yaml's aggregation in DuckDB's read_json: python3 duckdb_json.py EVENTS_JSON OUT
import sys, duckdb
src, dst = sys.argv[1], sys.argv[2]
duckdb.connect().execute(f"""
COPY (SELECT year(date) AS year, unit, count(*) AS n, sum(amount) AS sum_amount
      FROM read_json('{src}', format='array',
                     columns={{'id':'BIGINT','date':'DATE','unit':'VARCHAR','category':'VARCHAR',
                               'amount':'DECIMAL(18,2)','status':'VARCHAR'}})
      WHERE date BETWEEN DATE '2020-01-01' AND DATE '2025-12-31'
      GROUP BY ALL ORDER BY year, unit) TO '{dst}' (HEADER, DELIMITER ',')
""")
