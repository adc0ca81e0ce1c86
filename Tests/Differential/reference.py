"""The reference: DuckDB computes each case from the same typed rows, with exact numbers.

Integers are BIGINT (sums HUGEINT), decimals DECIMAL(18,4) (sums DECIMAL(38,4)). DuckDB's `/`
gives a double for decimals, so every division is `xdiv(a, b)`: the exact quotient, rounded half
away from zero to 18 fraction digits (null for a zero or null divisor). `xmedian(list)` is the
middle value of a sorted list, or the exact mean of the two middle ones.
"""
from decimal import ROUND_HALF_UP, Decimal, localcontext

import duckdb

from aggregate_steps import Pivot
from cases import RESULT
from expressions import sql_literal
from periods import extractor_period, span_days

SQL_TYPES = {"int": "BIGINT", "dec": "DECIMAL(18,4)", "str": "VARCHAR", "date": "DATE", "bool": "BOOLEAN"}
QUOTIENT = Decimal(1).scaleb(-18)


def exact_quotient(a, b):
    if a is None or b is None:
        return None
    divisor = Decimal(b)
    if divisor == 0:
        return None
    with localcontext() as context:
        context.prec = 80
        return str((Decimal(a) / divisor).quantize(QUOTIENT, rounding=ROUND_HALF_UP))


def connect():
    connection = duckdb.connect()
    connection.create_function("_xdiv", exact_quotient, ["VARCHAR", "VARCHAR"], "VARCHAR", null_handling="special")
    connection.execute("SET error_on_division_by_zero = false")
    connection.execute("CREATE MACRO xdiv(a, b) AS CAST(_xdiv(CAST(a AS VARCHAR), CAST(b AS VARCHAR)) AS DECIMAL(38,18))")
    connection.execute("""CREATE MACRO xmedian(l) AS CASE
        WHEN l IS NULL OR len(l) = 0 THEN NULL
        WHEN len(l) % 2 = 1 THEN CAST(l[len(l) // 2 + 1] AS DECIMAL(38,18))
        ELSE xdiv(l[len(l) // 2] + l[len(l) // 2 + 1], 2) END""")
    return connection


class Context:
    def __init__(self, case):
        self.locale = case.locale
        self.period = case.effective_period
        # step id -> SQL that is true when the days it reads lie in the data's span (dated sources)
        self.reads_inside_data = {}
        # step id -> the period a step sees, when its span makes it another one than the report's
        self.periods = {}

    def period_of(self, step_id):
        return self.periods.get(step_id, self.period)

    def buckets_of(self, step_id):
        return f"_buckets_{step_id}" if step_id in self.periods else "_buckets"


def buckets_sql(period):
    values = ", ".join(f"({i}, '{code}', DATE '{first}', DATE '{last}')" for i, code, first, last in period.buckets())
    return f"SELECT * FROM (VALUES {values}) AS b(_bidx, _bcode, _bfirst, _blast)"


def scoped(step, table, context):
    """The rows of a dated source that `step` reads (RULES.md: dated sources): a row belongs to
    a span when all of its days do; a row without a date only to `span: all`."""
    days = span_days(step.span, context.period)
    if days is None:
        return []
    column = f'"{table.dated_by}"'
    if table.types[table.dated_by] == "int":  # years: the whole year must lie in the span
        first_day, last_day = f"make_date(CAST({column} AS BIGINT), 1, 1)", f"make_date(CAST({column} AS BIGINT), 12, 31)"
    else:
        first_day = last_day = column
    step.read_from = f"s_{step.id}_read"
    context.reads_inside_data[step.id] = (f"coalesce((SELECT min({first_day}) <= DATE '{days[0]}' AND max({last_day}) >= DATE '{days[1]}' "
                                          f"FROM s_{table.id}), FALSE)")
    return [(step.read_from, f"SELECT * FROM s_{table.id} WHERE {first_day} >= DATE '{days[0]}' AND {last_day} <= DATE '{days[1]}'")]


def query(case):
    """The SQL text of the case's result (for reading; `run` executes the same)."""
    context, schemas = Context(case), {t.id: dict(t.types) for t in case.tables}
    ctes = []
    if context.period:
        ctes.append(("_buckets", buckets_sql(context.period)))
    for table in case.tables:
        ctes.append((f"s_{table.id}", f"SELECT * FROM t_{table.id}"))
    dated = {t.id: t for t in case.tables if t.dated_by}
    for step in case.steps:
        step.read_from = None
        if step.input in dated:
            ctes += scoped(step, dated[step.input], context)
            seen = extractor_period(step.span, context.period, True)
            if seen is not context.period:
                context.periods[step.id] = seen
                ctes.append((context.buckets_of(step.id), buckets_sql(seen)))
        ctes += step.ctes(schemas, context)
        schemas[step.id] = step.schema(schemas)
    final = case.steps[-1]
    with_clause = "WITH " + ",\n".join(f"{name} AS ({sql})" for name, sql in ctes)
    if isinstance(final, Pivot):
        return with_clause, None, None
    columns = ", ".join('"' + c.replace('"', '""') + '"' for c in schemas[RESULT])
    return with_clause, f"{with_clause}\nSELECT {columns} FROM s_{RESULT} ORDER BY _o", list(schemas[RESULT])


def load(connection, case):
    for table in case.tables:
        columns = ", ".join(f'"{c}" {SQL_TYPES[t]}' for c, t in table.types.items())
        small = f"t_{table.id}" if table.repeat == 1 else f"t_{table.id}_once"
        for name in (f"t_{table.id}", f"t_{table.id}_once"):
            connection.execute(f"DROP TABLE IF EXISTS {name}")
        connection.execute(f'CREATE TABLE {small} ({columns}, _o BIGINT)')
        if table.rows:
            values = ", ".join("(" + ", ".join([sql_literal(v) for v in row] + [str(i + 1)]) + ")" for i, row in enumerate(table.rows))
            connection.execute(f"INSERT INTO {small} VALUES {values}")
        if table.repeat > 1:
            # The file holds the rows `repeat` times, the k-th time moved by k (see cases.Table).
            moved = ", ".join(repeated(c, t) for c, t in table.types.items())
            connection.execute(f"CREATE TABLE t_{table.id} AS SELECT {moved}, k * {len(table.rows)} + _o AS _o "
                               f"FROM {small}, range({table.repeat}) AS r(k)")


def repeated(column, kind):
    name = f'"{column}"'
    if kind == "date":
        return f"CAST({name} + CAST(k AS INTEGER) AS DATE) AS {name}"
    if kind == "int":
        return f"{name} + k AS {name}"
    if kind == "dec":
        return f"CAST({name} + k * 0.01 AS DECIMAL(18,4)) AS {name}"
    return name


def run(connection, case):
    """(header, rows) the reference gives for the case's result table."""
    load(connection, case)
    final = case.steps[-1]
    with_clause, sql, header = query(case)
    if isinstance(final, Pivot):
        return final.table(lambda text: connection.execute(f"{with_clause}\n{text}").fetchall(), Context(case))
    return header, [list(row) for row in connection.execute(sql).fetchall()]


def sql_text(case):
    """The reference query, as saved with a reproducer."""
    with_clause, sql, _ = query(case)
    if sql is None:
        return with_clause + "\n-- then the pivot's grouped queries (aggregate_steps.Pivot.table)\n"
    return sql + "\n"
