# sql.yaml's query in Python's sqlite3, the rows loaded the way a script would:
# python3 sqlite_reference.py EVENTS OUT
import csv, sqlite3, sys
src, dst = sys.argv[1], sys.argv[2]
con = sqlite3.connect(":memory:")
con.execute("CREATE TABLE events (id INTEGER, date DATE, unit TEXT, category TEXT, amount DECIMAL, status TEXT)")
with open(src, newline="", encoding="utf-8") as handle:
    rows = csv.reader(handle)
    next(rows)
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)", rows)
result = con.execute("""SELECT cast(substr(date, 1, 4) AS integer) AS year, unit, count(*) AS n, sum(amount) AS sum_amount
                        FROM events WHERE date BETWEEN '2020-01-01' AND '2025-12-31' GROUP BY 1, 2 ORDER BY 1, 2""")
with open(dst, "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle)
    writer.writerow([d[0] for d in result.description])
    writer.writerows(result)
