"""The aggregate and pivot extractors, written as DuckDB queries.

Aggregate: every aggregate call of the measures is one column `_a<i>` of the grouped query; a
measure is then computed from them. Grouped by `period(...)`, the buckets are a table (from
periods.py) crossed with each combination of the other keys that occurs; a bucket without rows
gets, inside the span the data covers, counts and sums of 0 and other aggregates null, and
outside it null for every measure (RULES.md).
"""
from expressions import sql_name
from steps import WORDS, PeriodKey, Step


class Aggregate(Step):
    kind = "aggregate"

    def __init__(self, id, input, keys, measures, where=None, list_form=True):
        super().__init__(id, input)
        self.keys, self.measures, self.where, self.list_form = keys, measures, where, list_form

    def options(self):
        options = {"input": self.input}
        if self.where is not None:
            options["where"] = self.where.rg()
        if self.keys:
            options["group_by"] = [e.rg() for _, e in self.keys] if self.list_form else {n: e.rg() for n, e in self.keys}
        options["measures"] = {name: e.rg() for name, e in self.measures}
        return options

    def expressions(self):
        return ([self.where] if self.where is not None else []) + [e for _, e in self.keys] + [e for _, e in self.measures]

    def schema(self, schemas):
        types = {name: e.type for name, e in self.keys}
        types.update({name: e.type for name, e in self.measures})
        return types

    def calls(self):
        return [a for _, e in self.measures for a in e.aggregates()]

    def ctes(self, schemas, ctx):
        calls = self.calls()
        index = {id(call): i for i, call in enumerate(calls)}
        period_keys = [i for i, (_, e) in enumerate(self.keys) if isinstance(e, PeriodKey)]
        rows, groups = f"s_{self.id}_rows", f"s_{self.id}_groups"
        keys = [f"{e.argument.sql() if isinstance(e, PeriodKey) else e.sql()} AS _k{i}" for i, (_, e) in enumerate(self.keys)]
        where = [self.where.sql()] if self.where is not None else []
        source = f"{self.src} AS _in"
        if period_keys:
            p = period_keys[0]
            keys[p] = f"_buckets._bcode AS _k{p}"
            argument = self.keys[p][1].argument.sql()
            # A date outside the period is in no bucket, even when its bucket's days reach it.
            period, buckets = ctx.period_of(self.id), ctx.buckets_of(self.id)
            source += (f" LEFT JOIN {buckets} AS _buckets ON {argument} BETWEEN _buckets._bfirst AND _buckets._blast"
                       f" AND {argument} BETWEEN DATE '{period.start}' AND DATE '{period.end}'")
            where.append("_buckets._bcode IS NOT NULL")
        ctes = [(rows, f"SELECT _in.*{''.join(', ' + k for k in keys)} FROM {source}"
                       f"{' WHERE ' + ' AND '.join(where) if where else ''}")]
        key_columns = [f"_k{i}" for i in range(len(self.keys))]
        aggregates = [f"{call.grouped_sql()} AS _a{i}" for i, call in enumerate(calls)]
        group_by = f" GROUP BY {', '.join(key_columns)}" if key_columns else ""
        ctes.append((groups, f"SELECT {', '.join(key_columns + aggregates + ['TRUE AS _present', 'count(*) AS _n'])} FROM {rows}{group_by}"))
        if period_keys:
            groups = self.fill_buckets(ctes, period_keys[0], calls, ctx.buckets_of(self.id))
        inside = ctx.reads_inside_data.get(self.id)
        if not self.keys and inside:
            # No row kept, from days of a dated source inside the data's span: nothing happened
            # (counts and sums 0), as in a period bucket; otherwise SQL's answer.
            filled = [f"CASE WHEN _n = 0 AND {inside} THEN 0 ELSE _a{i} END AS _a{i}" if call.zero_when_empty else f"_a{i}"
                      for i, call in enumerate(calls)]
            ctes.append((f"s_{self.id}_whole", f"SELECT {', '.join(filled)} FROM {groups}"))
            groups = f"s_{self.id}_whole"
        measures = [f"{e.sql(lambda a: f'_a{index[id(a)]}')}" for _, e in self.measures]
        if period_keys:  # a bucket without data has null measures, whatever they compute
            measures = [f"CASE WHEN _no_data THEN NULL ELSE {m} END" for m in measures]
        measures = [f"{m} AS {sql_name(name)}" for m, (name, _) in zip(measures, self.measures)]
        names = [f"_k{i} AS {sql_name(name)}" for i, (name, _) in enumerate(self.keys)]
        ordering = ", ".join(f"{'_b' if i in period_keys else f'_k{i}'} NULLS LAST" for i in range(len(self.keys))) or "1"
        ctes.append((f"s_{self.id}", f"SELECT {', '.join(names + measures)}, row_number() OVER (ORDER BY {ordering}) AS _o "
                                     f"FROM {groups}"))
        return ctes

    def fill_buckets(self, ctes, p, calls, buckets):
        """Every bucket for each combination of the other keys that occurs (one of nulls when none does)."""
        others = [f"_k{i}" for i in range(len(self.keys)) if i != p]
        rows, groups = f"s_{self.id}_rows", f"s_{self.id}_groups"
        argument = self.keys[p][1].argument.sql()
        ctes.append((f"s_{self.id}_span", f"SELECT min({argument}) AS lo, max({argument}) AS hi FROM s_{self.input}"))
        if others:
            nulls = ", ".join(f"NULL AS {o}" for o in others)
            ctes.append((f"s_{self.id}_others", f"SELECT DISTINCT {', '.join(others)} FROM {rows} "
                                                f"UNION ALL SELECT {nulls} WHERE NOT EXISTS (SELECT 1 FROM {rows})"))
        else:
            ctes.append((f"s_{self.id}_others", "SELECT 1 AS _one"))
        inside = "(_buckets._blast >= sp.lo AND _buckets._bfirst <= sp.hi)"
        filled = [f"(g._present IS NULL AND NOT coalesce({inside}, FALSE)) AS _no_data"]
        for i, call in enumerate(calls):
            empty = "0" if call.zero_when_empty else "NULL"
            filled.append(f"CASE WHEN g._present THEN g._a{i} ELSE {empty} END AS _a{i}")
        match = " AND ".join([f"g._k{p} = _buckets._bcode"] + [f"g.{o} IS NOT DISTINCT FROM o.{o}" for o in others])
        select = ", ".join([f"_buckets._bidx AS _b", f"_buckets._bcode AS _k{p}"] + [f"o.{o}" for o in others] + filled)
        ctes.append((f"s_{self.id}_filled", f"SELECT {select} FROM {buckets} AS _buckets CROSS JOIN s_{self.id}_others o "
                                            f"CROSS JOIN s_{self.id}_span sp LEFT JOIN {groups} g ON {match}"))
        return f"s_{self.id}_filled"


class Pivot(Step):
    """A final step: its table is put together in Python from four grouped queries."""
    kind = "pivot"

    def __init__(self, id, input, rows, columns, value, function, total):
        super().__init__(id, input)
        self.rows, self.columns, self.value, self.function, self.total = rows, columns, value, function, total

    def options(self):
        options = {"input": self.input, "rows": self.rows, "columns": self.columns, "value": self.value}
        if self.function:
            options["aggregate"] = self.function
        if self.total is not None:
            options["total"] = self.total
        return options

    def schema(self, schemas):
        return {}

    def ctes(self, schemas, ctx):
        return []

    def aggregate_sql(self):
        v = sql_name(self.value)
        function = self.function or "sum"
        return f"xdiv(sum({v}), count({v}))" if function == "avg" else f"{function}({v})"

    def table(self, run, ctx):
        """(header, rows) of the cross table; `run(sql)` gives a query's rows."""
        r, c, a, source = sql_name(self.rows), sql_name(self.columns), self.aggregate_sql(), self.src
        row_keys = [k for (k,) in run(f"SELECT DISTINCT {r} FROM {source} ORDER BY {r} NULLS LAST")]
        column_keys = [k for (k,) in run(f"SELECT DISTINCT {c} FROM {source} ORDER BY {c} NULLS LAST")]
        cells = {(x, y): v for x, y, v in run(f"SELECT {r}, {c}, {a} FROM {source} GROUP BY {r}, {c}")}
        total_word = WORDS[ctx.locale][3]
        header = [self.rows] + [("(blank)" if k is None else k) for k in column_keys]
        rows = []
        for key in row_keys:
            rows.append([key] + [cells.get((key, k)) for k in column_keys])
        if self.total:
            by_row = dict(run(f"SELECT {r}, {a} FROM {source} GROUP BY {r}"))
            by_column = dict(run(f"SELECT {c}, {a} FROM {source} GROUP BY {c}"))
            (everything,), = run(f"SELECT {a} FROM {source}")
            header.append(total_word)
            for row, key in zip(rows, row_keys):
                row.append(by_row[key])
            rows.append([total_word] + [by_column[k] for k in column_keys] + [everything])
        return header, rows
