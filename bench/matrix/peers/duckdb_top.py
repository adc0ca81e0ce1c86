# The ten largest events in DuckDB: python3 duckdb_top.py EVENTS OUT
import sys, duckdb
src, dst = sys.argv[1], sys.argv[2]
duckdb.connect().execute(f"""
COPY (SELECT * FROM read_csv('{src}', header=true, types={{'date':'DATE','amount':'DECIMAL(18,2)'}})
      ORDER BY amount DESC, id LIMIT 10) TO '{dst}' (HEADER, DELIMITER ',')
""")
